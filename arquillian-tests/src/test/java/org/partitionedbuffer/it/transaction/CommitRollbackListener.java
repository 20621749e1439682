package org.partitionedbuffer.it.transaction;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/** tx-ut: a UserTransaction that commits or rolls back. One partition drained every 100 ms. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "tx-ut"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class CommitRollbackListener implements BatchListener {
    @Override
    public void onBatch(Batch batch) {
        Received.record(batch);
    }
}
