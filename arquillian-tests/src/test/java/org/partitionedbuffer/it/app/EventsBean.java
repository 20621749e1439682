package org.partitionedbuffer.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** A queue buffer in batches of 3, two partitions. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-events"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "3"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class EventsBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        Deliveries.record(batch);
    }
}
