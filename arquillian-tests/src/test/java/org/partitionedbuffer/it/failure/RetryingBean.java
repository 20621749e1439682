package org.partitionedbuffer.it.failure;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** One partition, batches of 5, two retries 100 ms apart (then 200), given-up batches to fr-dead. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "fr-work"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "5"),
        @ActivationConfigProperty(propertyName = "maxRetries", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "retryBackoffMs", propertyValue = "100"),
        @ActivationConfigProperty(propertyName = "processingTimeoutMs", propertyValue = "20000"),
        @ActivationConfigProperty(propertyName = "deadLetterBuffer", propertyValue = "fr-dead"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000")})
public class RetryingBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) throws Exception {
        FlakyListener.onBatch(batch);
    }
}
