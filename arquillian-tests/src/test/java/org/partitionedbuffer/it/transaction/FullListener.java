package org.partitionedbuffer.it.transaction;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** tx-full: capacity 5 (overflow=reject), drained only when the test flushes it (interval of 10 minutes). */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "tx-full"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "capacity", propertyValue = "5"),
        @ActivationConfigProperty(propertyName = "overflow", propertyValue = "reject"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000")})
public class FullListener implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        Received.record(batch);
    }
}
