package org.partitionedbuffer.it.twoapps.second;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** The second application's buffer: one partition drained every 100 ms. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = SecondBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class SecondBean implements BatchListener {

    public static final String BUFFER = "two-second";

    @Override
    public void onBatch(Batch batch) {
        // Delivery is all this application needs.
    }
}
