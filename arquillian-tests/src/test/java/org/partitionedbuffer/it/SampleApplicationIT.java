package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real sample application, driven from outside over HTTP as a user would: events and prices pushed through its
 * REST endpoints reach the server's default database through the buffers and the message-driven beans; a row the
 * database refuses ends in the failed-events table alone; requests the API cannot take are 400s with a JSON body.
 */
@ExtendWith(ArquillianExtension.class)
// The orders' events come after the events test's exact counts; the refused row and the 400s count deltas after both.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApplicationIT {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive sample() {
        File war = new File(System.getProperty("it.target"), "partitioned-buffer-sample.war");
        return ShrinkWrap.create(ZipImporter.class, "partitioned-buffer-sample.war").importFrom(war)
                .as(WebArchive.class);
    }

    @Test
    @Order(1)
    void eventsAndPricesReachTheDatabaseInBatchesRoutedByUserAndCoalescedBySymbol() throws Exception {
        assertEquals(202, send("POST", "events", "{\"userId\":\"alice\",\"type\":\"login\",\"payload\":\"hi\"}"));
        assertEquals(202, send("POST", "events/generate?count=2000&users=20", null));
        assertEquals(200, send("PUT", "prices/ACME?price=10.00&version=1", null));
        assertEquals(200, send("PUT", "prices/ACME?price=10.50&version=2", null));
        assertEquals(200, send("PUT", "prices/ACME?price=11.00&version=3", null));
        JsonObject stale = Json.createReader(new StringReader(body("PUT", "prices/ACME?price=9.99&version=2")))
                .readObject();
        assertFalse(stale.getBoolean("applied"), "an older version is ignored");

        // A drain may fall between the price updates: wait for the newest version, whichever drain carried it.
        await().atMost(DELIVERY).until(() -> {
            JsonObject status = get("status");
            return status.getJsonNumber("storedEvents").longValue() == 2001
                    && status.getJsonArray("storedPrices").size() == 1
                    && status.getJsonArray("storedPrices").getJsonObject(0).getJsonNumber("version").longValue() == 3;
        });

        JsonObject status = get("status");
        JsonObject acme = status.getJsonArray("storedPrices").getJsonObject(0);
        assertEquals("ACME", acme.getString("symbol"));
        assertEquals(11.00, acme.getJsonNumber("price").doubleValue());
        assertEquals(3, acme.getJsonNumber("version").longValue());
        assertEquals(3, acme.getJsonNumber("writes").longValue(), "every applied write accounted for, coalesced or not");
        assertEquals(100L, status.getJsonObject("storedEventsByUser").getJsonNumber("user-7").longValue());
        for (JsonValue partitions : status.getJsonObject("partitionsPerUser").values()) {
            assertEquals(1, ((jakarta.json.JsonNumber) partitions).intValue(), "a user's events in one partition");
        }
        assertEquals(0, status.getJsonObject("pending").getJsonNumber("events").longValue());

        // The sample carries the metrics jar: /metrics shows its buffers with nothing else to set up.
        PrometheusScrape metrics = PrometheusScrape.of(base);
        assertEquals(2001.0, metrics.total("partitioned_buffer_inserted_total", "events"));
        assertEquals(2001.0, metrics.total("partitioned_buffer_processed_total", "events"));
        assertEquals(0.0, metrics.total("partitioned_buffer_size", "events"));
        assertFalse(metrics.find("partitioned_buffer_inserted_total", "buffer", "prices").isEmpty(), metrics::text);
    }

    @Test
    @Order(2)
    void anOrderPublishesItsEventOnlyWhenItIsStoredInTheSameTransaction() throws Exception {
        String order = "{\"orderId\":\"%s\",\"userId\":\"carol\",\"amount\":%s}";
        assertEquals(201, send("POST", "orders", order.formatted("o-1", "12.50")));
        assertEquals(409, send("POST", "orders", order.formatted("o-1", "99.00")), "a duplicate order id");
        assertEquals(201, send("POST", "orders", order.formatted("o-2", "7.25")));

        // One user, so one partition, delivered in push order: the refused order's event, had it been delivered,
        // would come between the two others.
        await().atMost(DELIVERY).until(() -> get("status").getJsonArray("firstOrderEvents").size() >= 2
                && get("status").getJsonArray("firstOrderEvents").toString().contains("o-2"));

        JsonObject status = get("status");
        assertEquals(List.of("o-1", "o-2"), status.getJsonArray("firstOrderEvents").getValuesAs(JsonString::getString));
        assertEquals(2, status.getJsonNumber("storedOrders").longValue());
        assertEquals(2, status.getJsonNumber("storedOrderEvents").longValue());
    }

    @Test
    @Order(3)
    void aRowTheDatabaseRefusesIsStoredApartAloneAndRequestsTheApiCannotTakeAre400sWithAJsonBody() throws Exception {
        JsonObject before = get("status");
        long stored = before.getJsonNumber("storedEvents").longValue();
        long failed = before.getJsonNumber("failedEvents").longValue();
        long orders = before.getJsonNumber("storedOrders").longValue();
        PrometheusScrape metricsBefore = PrometheusScrape.of(base);

        // Refused at the door, before anything reaches a buffer: the counts below show that none got in.
        assertBadRequest("events", "{\"userId\":\"dave\",\"type\":", "invalid JSON: ");
        assertBadRequest("events", "{\"userId\":\"dave\" \"type\":\"login\"}", "invalid JSON: ");
        assertBadRequest("events", "{}", "field 'userId' is missing");
        assertBadRequest("events", "{\"userId\":\"dave\"}", "field 'type' is missing");
        assertBadRequest("events", "{\"userId\":\"dave\",\"type\":\"  \"}", "field 'type' is blank");
        assertBadRequest("events", "", "the request has no body: send a JSON object");
        assertBadRequest("orders", "{\"orderId\":\"o-3\",\"userId\":\"dave\"}", "field 'amount' is missing");
        assertBadRequest("orders", "{\"orderId\":\"o-3\",\"userId\":\"dave\",\"amount\":", "invalid JSON: ");
        assertBadRequest("events/generate?count=-5", null,
                "'count' must be a whole number from 1 to 100000, not '-5'");
        assertBadRequest("events/generate?count=100000000", null,
                "'count' must be a whole number from 1 to 100000, not '100000000'");
        assertBadRequest("events/generate?count=10&users=0", null,
                "'users' must be a whole number from 1 to 10000, not '0'");

        // One user, so one partition: pushed well within a drain interval, the refused row sits between healthy ones
        // in one batch. Its type passes the REST check (presence only) and is longer than the column (100).
        String tooLong = "t".repeat(101);
        String event = "{\"userId\":\"dave\",\"type\":\"%s\",\"payload\":\"%s\"}";
        for (int i = 0; i < 11; i++) {
            String type = i == 5 ? tooLong : "click";
            assertEquals(202, send("POST", "events", event.formatted(type, "dave-" + i)));
        }

        await().atMost(DELIVERY).until(() -> {
            JsonObject status = get("status");
            PrometheusScrape metrics = PrometheusScrape.of(base);
            return status.getJsonNumber("storedEvents").longValue() >= stored + 10
                    && status.getJsonNumber("failedEvents").longValue() >= failed + 1
                    && delta(metrics, metricsBefore, "partitioned_buffer_processed_total", "events") >= 10
                    && delta(metrics, metricsBefore, "partitioned_buffer_processed_total", "events-failed") >= 1;
        });

        JsonObject status = get("status");
        assertEquals(stored + 10, status.getJsonNumber("storedEvents").longValue(), "every healthy event stored");
        assertEquals(10, status.getJsonObject("storedEventsByUser").getJsonNumber("dave").longValue());
        assertEquals(failed + 1, status.getJsonNumber("failedEvents").longValue(), "the refused event alone");
        JsonObject refused = status.getJsonArray("firstFailedEvents").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("userId").equals("dave")).findFirst().orElseThrow();
        assertEquals(tooLong, refused.getString("type"));
        assertEquals("dave-5", refused.getString("payload"));
        // Why, beside the event: the row's own refusal, handed to the dead-letter bean with the item.
        assertTrue(refused.getString("reason").contains("SQLDataException"), refused.toString());
        assertEquals(orders, status.getJsonNumber("storedOrders").longValue(), "the refused order placed nothing");
        assertEquals(0, status.getJsonObject("pending").getJsonNumber("events").longValue());
        assertEquals(0, status.getJsonObject("pending").getJsonNumber("events-failed").longValue());

        PrometheusScrape metrics = PrometheusScrape.of(base);
        assertEquals(11.0, delta(metrics, metricsBefore, "partitioned_buffer_inserted_total", "events"),
                "the 400s inserted nothing");
        assertEquals(10.0, delta(metrics, metricsBefore, "partitioned_buffer_processed_total", "events"));
        assertEquals(1.0, delta(metrics, metricsBefore, "partitioned_buffer_items_failed_total", "events"),
                "one row marked, once");
        assertEquals(1.0, delta(metrics, metricsBefore, "partitioned_buffer_dead_lettered_total", "events"));
        assertEquals(0.0, delta(metrics, metricsBefore, "partitioned_buffer_retries_total", "events"),
                "a refused row is nonRetryable: dead-lettered after its first attempt");
        assertEquals(0.0, delta(metrics, metricsBefore, "partitioned_buffer_processing_exceptions_total", "events"),
                "the batch itself did not fail");
    }

    private static double delta(PrometheusScrape after, PrometheusScrape before, String name, String buffer) {
        return after.total(name, buffer) - before.total(name, buffer);
    }

    /** A 400 whose JSON body's {@code error} starts with {@code problem}. */
    private void assertBadRequest(String path, String json, String problem) throws Exception {
        HttpResponse<String> response = http.send(request("POST", path, json), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), path + " " + json + ": " + response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""), response.body());
        String error = Json.createReader(new StringReader(response.body())).readObject().getString("error");
        assertTrue(error.startsWith(problem), path + " " + json + ": " + error);
    }

    private int send(String method, String path, String json) throws Exception {
        return http.send(request(method, path, json), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String body(String method, String path) throws Exception {
        return http.send(request(method, path, null), HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonObject get(String path) throws Exception {
        return Json.createReader(new StringReader(body("GET", path))).readObject();
    }

    private HttpRequest request(String method, String path, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "api/" + path));
        if (json != null) {
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        }
        return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
}
