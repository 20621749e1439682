package org.partitionedbuffer.it.overload;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * A bounded buffer (capacity 100, overflow=block, processingTimeoutMs=500) whose listener waits for the test's gate:
 * while it waits, nothing drains, so producers fill the buffer and then wait for room.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "ov-block"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "capacity", propertyValue = "100"),
        @ActivationConfigProperty(propertyName = "overflow", propertyValue = "block"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "processingTimeoutMs", propertyValue = "500"),
        @ActivationConfigProperty(propertyName = "maxRetries", propertyValue = "50"),
        @ActivationConfigProperty(propertyName = "retryBackoffMs", propertyValue = "0"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000")})
public class BlockedBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) throws InterruptedException {
        Received.BLOCKED_ATTEMPTS.add(batch.attempt());
        Received.GATE.await();
        Received.record(batch.buffer(), batch.items());
    }
}
