package org.partitionedbuffer.it.transaction;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** tx-off: transactional=false, so a push inside a transaction takes effect at once. Drained every 100 ms. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "tx-off"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "transactional", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class NonTransactionalListener implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        Received.record(batch);
    }
}
