package org.partitionedbuffer.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * Appends each batch of events to the database in one JDBC batch, inside the delivery's container-managed
 * transaction. A row the database refuses (a type longer than its column, say) does not condemn the batch: its event
 * is marked with {@link Batch#failItem} and the other rows commit. The refusals cannot heal, so they are
 * {@code nonRetryable}: the event goes at once to the {@code events-failed} buffer, whose {@link FailedEventWriter}
 * stores it apart. Any other failure (the database unreachable, say) throws: the transaction rolls back and the buffer
 * redelivers the whole batch after its backoff.
 *
 * <p>Like the sample's other beans, it names no adapter (no {@code resourceAdapter} activation property, which only
 * Payara understands): the server binds it to the deployed adapter whose listener type it implements,
 * {@link BatchListener}; WildFly, which does not, binds every bean of the WAR as WEB-INF/jboss-ejb3.xml says.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "bufferName", propertyValue = SampleApplication.EVENTS),
        @ActivationConfigProperty(propertyName = "bufferType", propertyValue = "queue"),
        @ActivationConfigProperty(propertyName = "partitionKey",
                propertyValue = "org.partitionedbuffer.sample.EventsByUser"),
        @ActivationConfigProperty(propertyName = "processingIntervalMs", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "processingBatchSize", propertyValue = "500"),
        @ActivationConfigProperty(propertyName = "deadLetterBuffer", propertyValue = SampleApplication.FAILED_EVENTS),
        // A row refused for its values fails again on every retry: a value too long or of the wrong form (SQLState
        // class 22, e.g. H2's JdbcSQLDataException), or a constraint violated (class 23). Matched along each
        // exception's class hierarchy, so the JDBC standard classes cover every driver that uses them.
        @ActivationConfigProperty(propertyName = "nonRetryable",
                propertyValue = "java.sql.SQLDataException,java.sql.SQLIntegrityConstraintViolationException")})
public class EventWriter implements BatchListener {

    private static final String INSERT = "INSERT INTO sample_events (user_id, type, payload, occurred_at,"
            + " partition_no) VALUES (?, ?, ?, ?, ?)";

    @Resource(lookup = SampleApplication.DATABASE)
    private DataSource dataSource;

    @Override
    public void onBatch(Batch batch) throws SQLException {
        List<Object> events = batch.items();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Object event : events) {
                bind(insert, (Event) event, batch.partition());
                insert.addBatch();
            }
            try {
                insert.executeBatch();
            } catch (BatchUpdateException refused) {
                markRefusedRows(batch, insert, refused);
            }
        }
    }

    /**
     * Marks the events whose rows the batch refused; the rows it stored stay in the transaction and commit with it.
     *
     * <p>H2 (the sample's database, see {@link Database}: 2.3.232 from the WAR, or 2.2.224 on Payara, whose own copy
     * the WAR's class loader finds first) executes every statement of a batch even after one fails, within the same
     * transaction: {@code getUpdateCounts()} has one entry per event, with {@link Statement#EXECUTE_FAILED} for each
     * refused row, and {@code getNextException()} chains one exception per refused row, in the same order
     * (e.g. {@code JdbcSQLDataException}, SQLState 22001, for a value too long). That per-row exception is the mark's
     * cause, so {@code nonRetryable} judges each row on its own. Other drivers may stop at the first failure and return
     * fewer counts than statements: the statement after the counted ones failed and the rest never ran, so those rows
     * are run again one at a time, each refusal marked with its own exception.
     */
    private static void markRefusedRows(Batch batch, PreparedStatement insert, BatchUpdateException refused)
            throws SQLException {
        int[] counts = refused.getUpdateCounts();
        List<SQLException> rowCauses = new ArrayList<>();
        for (SQLException next = refused.getNextException(); next != null; next = next.getNextException()) {
            rowCauses.add(next);
        }
        int failed = 0;
        for (int count : counts) {
            failed += count == Statement.EXECUTE_FAILED ? 1 : 0;
        }
        // Pair the chained exceptions with the failed rows only when there is exactly one per row.
        boolean onePerRow = rowCauses.size() == failed;
        for (int i = 0, k = 0; i < counts.length; i++) {
            if (counts[i] == Statement.EXECUTE_FAILED) {
                batch.failItem(i, onePerRow ? rowCauses.get(k++) : refused);
            }
        }
        for (int i = counts.length; i < batch.size(); i++) { // only for a driver that stopped at the first failure
            bind(insert, (Event) batch.items().get(i), batch.partition());
            try {
                insert.executeUpdate();
            } catch (SQLException rowRefused) {
                batch.failItem(i, rowRefused);
            }
        }
    }

    private static void bind(PreparedStatement insert, Event event, int partition) throws SQLException {
        insert.setString(1, event.userId());
        insert.setString(2, event.type());
        insert.setString(3, event.payload());
        insert.setTimestamp(4, Timestamp.from(event.at()));
        insert.setInt(5, partition);
    }
}
