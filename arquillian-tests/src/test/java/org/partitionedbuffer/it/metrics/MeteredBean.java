package org.partitionedbuffer.it.metrics;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * Two partitions, batches of 4, flushed by the test (ten-minute interval), one retry 10 ms later. A batch holding
 * "flaky" fails its first attempt; one holding "poison" fails every attempt and is given up (no dead-letter buffer).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = MeteredBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "maxRetries", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "retryBackoffMs", propertyValue = "10"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000")})
public class MeteredBean implements BatchListener {

    public static final String BUFFER = "mx-work";

    @Override
    public void onBatch(Batch batch) throws Exception {
        boolean fail = batch.items().contains("poison") || batch.items().contains("flaky") && batch.attempt() == 1;
        Deliveries.record(batch, fail);
        if (fail) {
            throw new IllegalStateException("metered bean refuses " + batch.items());
        }
    }
}
