package org.partitionedbuffer.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.DeadLetter;

/**
 * The dead-letter buffer's bean: stores the events {@link EventWriter} gave up (rows the database refused) in their own
 * table, {@code sample_failed_events}, whose columns take any length, so that nothing is lost and
 * {@code /api/status} shows them, each with why it was given up ({@link Batch#deadLetterOf}: the database's refusal).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = SampleApplication.FAILED_EVENTS),
        @ActivationConfigProperty(propertyName = "bufferType", propertyValue = "queue"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "100")})
public class FailedEventWriter implements BatchListener {

    private static final String INSERT = "INSERT INTO sample_failed_events (user_id, type, payload, occurred_at,"
            + " failed_at, reason) VALUES (?, ?, ?, ?, ?, ?)";

    @Resource(lookup = SampleApplication.DATABASE)
    private DataSource dataSource;

    @Override
    public void onBatch(Batch batch) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < batch.size(); i++) {
                Event event = (Event) batch.items().get(i);
                insert.setString(1, event.userId());
                insert.setString(2, event.type());
                insert.setString(3, event.payload());
                insert.setTimestamp(4, event.at() == null ? null : Timestamp.from(event.at()));
                insert.setTimestamp(5, now);
                insert.setString(6, batch.deadLetterOf(i).map(DeadLetter::cause).orElse(null));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
