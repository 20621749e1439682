package org.partitionedbuffer.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferEntry;

/**
 * Upserts the latest price of each symbol. The map buffer already coalesced every update of a symbol since the last
 * drain into one entry; the statement keeps the newer version, so the table only ever moves forward.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = SampleApplication.PRICES),
        @ActivationConfigProperty(propertyName = "bufferType", propertyValue = "map"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "2000"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "200")})
public class PriceWriter implements BatchListener {

    private static final String UPSERT = "MERGE INTO sample_prices t USING (VALUES (CAST(? AS VARCHAR(20)),"
            + " CAST(? AS DECIMAL(19, 4)), CAST(? AS BIGINT), CAST(? AS BIGINT))) s(symbol, price, version, writes)"
            + " ON t.symbol = s.symbol"
            + " WHEN MATCHED AND s.version > t.version THEN UPDATE SET price = s.price, version = s.version,"
            + " coalesced = t.coalesced + s.writes"
            + " WHEN NOT MATCHED THEN INSERT (symbol, price, version, coalesced)"
            + " VALUES (s.symbol, s.price, s.version, s.writes)";

    @Resource(lookup = SampleApplication.DATABASE)
    private DataSource dataSource;

    @Override
    public void onBatch(Batch batch) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (BufferEntry entry : batch.entries()) {
                upsert.setString(1, (String) entry.key());
                upsert.setBigDecimal(2, (BigDecimal) entry.value());
                upsert.setLong(3, entry.version());
                upsert.setLong(4, entry.updates() + 1); // writes this entry stands for
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
