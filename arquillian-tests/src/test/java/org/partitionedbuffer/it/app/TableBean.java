package org.partitionedbuffer.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** Table mode: one batch with everything a partition drained. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "it-table"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "table"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000")})
public class TableBean implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        Deliveries.record(batch);
    }
}
