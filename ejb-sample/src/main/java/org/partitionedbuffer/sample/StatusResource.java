package org.partitionedbuffer.sample;

import jakarta.annotation.Resource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;

/** What is still buffered, and what reached the database. */
@Path("status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @Resource(lookup = SampleApplication.BUFFERS)
    private BufferConnectionFactory buffers;

    @Resource(lookup = SampleApplication.DATABASE)
    private DataSource dataSource;

    @GET
    public Map<String, Object> status() throws SQLException {
        Map<String, Object> status = new LinkedHashMap<>();
        try (BufferConnection connection = buffers.getConnection()) {
            status.put("pending", Map.of(
                    SampleApplication.EVENTS, connection.size(SampleApplication.EVENTS),
                    SampleApplication.FAILED_EVENTS, connection.size(SampleApplication.FAILED_EVENTS),
                    SampleApplication.PRICES, connection.size(SampleApplication.PRICES)));
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            status.put("storedEvents", count(statement, "SELECT COUNT(*) FROM sample_events"));
            status.put("storedEventsByUser", perUser(statement, "COUNT(*)"));
            // Routed by user id: each user's events come from one partition, so this is 1 for every user.
            status.put("partitionsPerUser", perUser(statement, "COUNT(DISTINCT partition_no)"));
            // Events whose row the database refused: given up by EventWriter, stored apart by FailedEventWriter.
            status.put("failedEvents", count(statement, "SELECT COUNT(*) FROM sample_failed_events"));
            status.put("firstFailedEvents", firstFailedEvents(statement));
            status.put("storedPrices", prices(statement));
            // One "order-placed" event per stored order, none for a refused one: both commit or neither does.
            status.put("storedOrders", count(statement, "SELECT COUNT(*) FROM sample_orders"));
            status.put("storedOrderEvents", count(statement,
                    "SELECT COUNT(*) FROM sample_events WHERE type = 'order-placed'"));
            status.put("firstOrderEvents", firstOrderEvents(statement));
        }
        return status;
    }

    private static long count(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Map<String, Long> perUser(Statement statement, String aggregate) throws SQLException {
        Map<String, Long> byUser = new LinkedHashMap<>();
        try (ResultSet rows = statement.executeQuery(
                "SELECT user_id, " + aggregate + " FROM sample_events GROUP BY user_id ORDER BY user_id")) {
            while (rows.next()) {
                byUser.put(rows.getString(1), rows.getLong(2));
            }
        }
        return byUser;
    }

    /** The order ids of the first 100 "order-placed" events stored, in the order they were stored. */
    private static List<String> firstOrderEvents(Statement statement) throws SQLException {
        List<String> orderIds = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT payload FROM sample_events WHERE type = 'order-placed'"
                + " ORDER BY id FETCH FIRST 100 ROWS ONLY")) {
            while (rows.next()) {
                orderIds.add(rows.getString(1));
            }
        }
        return orderIds;
    }

    /** The first 10 failed events, in the order they were stored. */
    private static List<Map<String, Object>> firstFailedEvents(Statement statement) throws SQLException {
        List<Map<String, Object>> events = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT user_id, type, payload, occurred_at, failed_at, reason"
                + " FROM sample_failed_events ORDER BY id FETCH FIRST 10 ROWS ONLY")) {
            while (rows.next()) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("userId", rows.getString(1));
                event.put("type", rows.getString(2));
                event.put("payload", rows.getString(3));
                event.put("at", instant(rows.getTimestamp(4)));
                event.put("failedAt", instant(rows.getTimestamp(5)));
                event.put("reason", rows.getString(6));
                events.add(event);
            }
        }
        return events;
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

    private static List<Map<String, Object>> prices(Statement statement) throws SQLException {
        List<Map<String, Object>> prices = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(
                "SELECT symbol, price, version, coalesced FROM sample_prices ORDER BY symbol")) {
            while (rows.next()) {
                prices.add(Map.of("symbol", rows.getString(1), "price", rows.getBigDecimal(2),
                        "version", rows.getLong(3), "writes", rows.getLong(4)));
            }
        }
        return prices;
    }
}
