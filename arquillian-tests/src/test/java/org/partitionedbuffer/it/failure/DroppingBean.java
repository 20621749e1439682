package org.partitionedbuffer.it.failure;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** As RetryingBean but with no dead-letter buffer and no retry: a failing batch is dropped at once. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "fr-drop"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "5"),
        @ActivationConfigProperty(propertyName = "maxRetries", propertyValue = "0"),
        @ActivationConfigProperty(propertyName = "processingTimeoutMs", propertyValue = "20000"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000")})
public class DroppingBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) throws Exception {
        FlakyListener.onBatch(batch);
    }
}
