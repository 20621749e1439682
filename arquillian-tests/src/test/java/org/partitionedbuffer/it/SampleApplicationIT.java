package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * REST endpoints reach the server's default database through the buffers and the message-driven beans.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the orders' events come after the events test's counts
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
