package org.partitionedbuffer.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * Appends each batch of events to the database in one JDBC batch. The delivery is transacted by the container: if the
 * insert fails, the transaction rolls back and the buffer redelivers the same batch after its backoff.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "partitioned-buffer"),
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = SampleApplication.EVENTS),
        @ActivationConfigProperty(propertyName = "bufferType", propertyValue = "queue"),
        @ActivationConfigProperty(propertyName = "partitionKey",
                propertyValue = "org.partitionedbuffer.sample.EventsByUser"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "500")})
public class EventWriter implements BatchListener {

    private static final String INSERT = "INSERT INTO sample_events (user_id, type, payload, occurred_at,"
            + " partition_no) VALUES (?, ?, ?, ?, ?)";

    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;

    @Override
    public void onBatch(Batch batch) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Object item : batch.items()) {
                Event event = (Event) item;
                insert.setString(1, event.userId());
                insert.setString(2, event.type());
                insert.setString(3, event.payload());
                insert.setTimestamp(4, Timestamp.from(event.at()));
                insert.setInt(5, batch.partition());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
