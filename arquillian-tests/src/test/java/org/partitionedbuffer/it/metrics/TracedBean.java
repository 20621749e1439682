package org.partitionedbuffer.it.metrics;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** Two partitions, flushed by the test, no retry: a batch holding "poison" is given up at once. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = TracedBean.BUFFER),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "maxRetries", propertyValue = "0"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000")})
public class TracedBean implements BatchListener {

    public static final String BUFFER = "mx-traced";

    @Override
    public void onBatch(Batch batch) {
        if (batch.items().contains("poison")) {
            throw new IllegalStateException("traced bean refuses " + batch.items());
        }
    }
}
