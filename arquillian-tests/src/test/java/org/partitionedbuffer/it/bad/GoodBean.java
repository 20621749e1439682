package org.partitionedbuffer.it.bad;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** The valid listener of it-good: records what it receives, for {@link GoodServlet}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-good"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class GoodBean implements BatchListener {

    static final List<Object> DELIVERED = new CopyOnWriteArrayList<>();

    @Override
    public void onBatch(Batch batch) {
        DELIVERED.addAll(batch.items());
    }
}
