package org.partitionedbuffer.it.soak;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** The listener of soak-dead, where soak's batches go after failing every attempt: records them, never fails. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "soak-dead"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "processingTimeoutMs", propertyValue = "60000")})
public class SoakDeadLetterBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        SoakTally.deadLettered(batch.items());
    }
}
