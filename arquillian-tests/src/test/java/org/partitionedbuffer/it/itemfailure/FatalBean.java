package org.partitionedbuffer.it.itemfailure;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.sql.DataSource;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * if-fatal: as {@link WorkBean}, but a constraint violation is {@code nonRetryable}: its item goes to if-dead after
 * attempt 1, while a transient failure marked in the same batch is still retried. One partition, batches of 8,
 * drained only by a flush.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "if-fatal"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "8"),
        @ActivationConfigProperty(propertyName = "maxRetries", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "retryBackoffMs", propertyValue = "100"),
        @ActivationConfigProperty(propertyName = "processingTimeoutMs", propertyValue = "20000"),
        @ActivationConfigProperty(propertyName = "deadLetterBuffer", propertyValue = "if-dead"),
        @ActivationConfigProperty(propertyName = "nonRetryable",
                propertyValue = "java.sql.SQLIntegrityConstraintViolationException"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "600000")})
public class FatalBean implements BatchListener {

    @Resource(lookup = ItemRows.JNDI)
    private DataSource rows;

    @Resource
    private TransactionSynchronizationRegistry transaction;

    @Override
    public void onBatch(Batch batch) {
        RowWriter.write(batch, rows, transaction.getTransactionStatus());
    }
}
