package org.partitionedbuffer.it.soak;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * The soak's listener: four partitions drained every 20 ms in batches of 1,000, at most 200,000 pending items
 * (overflow=reject), three retries 100, 200 and 400 ms apart, then the dead-letter buffer soak-dead. Fails as
 * {@link SoakTally} plans; otherwise records the batch. processingTimeoutMs is a minute, far above what a batch takes,
 * so no attempt times out and none is redelivered after having run (which would be the documented at-least-once case).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "soak"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "20"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "capacity", propertyValue = "200000"),
        @ActivationConfigProperty(propertyName = "overflow", propertyValue = "reject"),
        @ActivationConfigProperty(propertyName = "maxRetries", propertyValue = "3"),
        @ActivationConfigProperty(propertyName = "retryBackoffMs", propertyValue = "100"),
        @ActivationConfigProperty(propertyName = "processingTimeoutMs", propertyValue = "60000"),
        @ActivationConfigProperty(propertyName = "deadLetterBuffer", propertyValue = "soak-dead")})
public class SoakBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) throws Exception {
        SoakTally.failIfPlanned(batch);
        SoakTally.delivered(batch.items());
    }
}
