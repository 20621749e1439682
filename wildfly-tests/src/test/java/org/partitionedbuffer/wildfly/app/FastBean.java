package org.partitionedbuffer.wildfly.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.io.IOException;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * Listener of buffer {@code fast}: drained every 100 ms. Bound to the adapter by jboss-ejb3.xml (WildFly ignores the
 * {@code resourceAdapter} activation property).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = FastBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "500")})
public class FastBean implements BatchListener {

    public static final String BUFFER = "fast";

    @Override
    public void onBatch(Batch batch) throws IOException {
        SlowBean.record(BUFFER, batch);
    }
}
