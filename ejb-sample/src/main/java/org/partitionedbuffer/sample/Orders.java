package org.partitionedbuffer.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;

/**
 * Places orders: stores the order's row and publishes its "order-placed" event in one transaction (the method's
 * container-managed one), so the event exists exactly when the order does. The push is staged by the buffer and
 * applied when the transaction commits; a failed insert rolls the transaction back and the event is never delivered.
 */
@Stateless
public class Orders {

    private static final String INSERT = "INSERT INTO sample_orders (order_id, user_id, amount, placed_at)"
            + " VALUES (?, ?, ?, ?)";

    @Resource(lookup = SampleApplication.DATABASE)
    private DataSource dataSource;

    @Resource(lookup = SampleApplication.BUFFERS)
    private BufferConnectionFactory buffers;

    /**
     * @throws DuplicateOrderException when the order id is stored already: the transaction rolls back, the pushed
     *                                 event with it
     */
    public void place(Order order) throws DuplicateOrderException {
        Instant now = Instant.now();
        // The event is pushed first on purpose: the order of the two does not matter, both commit or neither does.
        // (With JPA the row would only reach the database at the commit, after any push.)
        try (BufferConnection connection = buffers.getConnection()) {
            connection.push(SampleApplication.EVENTS, new Event(order.userId(), "order-placed", order.orderId(), now));
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, order.orderId());
            insert.setString(2, order.userId());
            insert.setBigDecimal(3, order.amount());
            insert.setTimestamp(4, Timestamp.from(now));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) { // integrity constraint violation
                throw new DuplicateOrderException(order.orderId());
            }
            throw new IllegalStateException("Cannot store order " + order.orderId() + ": " + e.getMessage(), e);
        }
    }
}
