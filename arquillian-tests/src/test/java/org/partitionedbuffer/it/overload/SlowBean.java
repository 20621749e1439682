package org.partitionedbuffer.it.overload;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** A bounded buffer (capacity 1000, overflow=reject) drained by a slow listener: 10 ms per batch of 50. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "ov-reject"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "capacity", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "overflow", propertyValue = "reject"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "50"),
        @ActivationConfigProperty(propertyName = "processingTimeoutMs", propertyValue = "30000"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "50")})
public class SlowBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        Received.record(batch.buffer(), batch.items());
    }
}
