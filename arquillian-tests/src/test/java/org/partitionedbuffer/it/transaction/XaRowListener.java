package org.partitionedbuffer.it.transaction;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * tx-xa: each item names a row written in the same transaction as the push, through the XA datasource; on receiving
 * an item the listener looks its row up in that datasource and records whether it was there. Drained every 100 ms.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = "tx-xa"),
        @ActivationConfigProperty(propertyName = "partitions", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "100")})
public class XaRowListener implements BatchListener {

    @Resource(lookup = Rows.XA)
    private DataSource rows;

    @Override
    public void onBatch(Batch batch) throws SQLException {
        for (Object item : batch.items()) {
            Received.lookedUp(batch.buffer(), item, Rows.exists(rows, item));
        }
        Received.record(batch);
    }
}
