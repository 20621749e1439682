package org.partitionedbuffer.it.racing;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** Four partitions drained every millisecond; counts every item it receives. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "race"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "processingTimeoutMs", propertyValue = "30000"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "1")})
public class RacingBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        Tally.BATCHES.incrementAndGet();
        for (Object item : batch.items()) {
            Tally.record(batch.partition(), item);
        }
    }
}
