package org.partitionedbuffer.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * Option precedence: processingIntervalMs is also in the application's microprofile-config.properties (150, which
 * wins); processingBatchSize only here (7); processingTimeoutMs and maxRetries only in the resource adapter config
 * (45000 and 2); retryBackoffMs nowhere (the default, 1000).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-precedence"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "200"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "7")})
public class PrecedenceBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        Deliveries.record(batch);
    }
}
