package org.partitionedbuffer.portable.wildfly;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.partitionedbuffer.portable.wildfly.metrics.MeteredApplication.LISTENING;
import static org.partitionedbuffer.portable.wildfly.metrics.MeteredApplication.PUSHING;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.portable.wildfly.metrics.MeteredApplication;
import org.partitionedbuffer.portable.wildfly.metrics.MeteredBean;
import org.partitionedbuffer.portable.wildfly.metrics.PrometheusText;

/**
 * WildFly's own metrics show the buffers: the micrometer subsystem with a Prometheus registry, added with jboss-cli
 * as docs/WILDFLY-METRICS.md tells users, and two applications holding {@code partitioned-buffer-micrometer}, one
 * listening to a buffer and pushing into it, one only pushing. The scrape of the management interface shows the
 * buffer's figures once per application (WildFly 37 gives every deployment the one server registry), and each
 * application's series leave with it. Files under target/wildfly-micrometer/: jboss-cli.log, the server's directory,
 * and the scrape in metrics.txt.
 */
class WildFlyMicrometerIT {

    /**
     * What a user runs once, after the adapter's setup: WildFly Metrics out (it holds /metrics, and its capability
     * stays registered until the reload), then Micrometer with a Prometheus registry in.
     */
    static final List<String> MICROMETER = List.of(
            "/subsystem=metrics:remove",
            "/extension=org.wildfly.extension.metrics:remove",
            "reload",
            "/extension=org.wildfly.extension.micrometer:add",
            "/subsystem=micrometer:add",
            "/subsystem=micrometer/registry=prometheus:add(context=\"/metrics\", security-enabled=false)",
            "reload");

    private static final Path TARGET = Path.of(System.getProperty("it.target", "target")).resolve("wildfly-micrometer");
    private static final Path RAR = Path.of(System.getProperty("it.rar", "target/partitioned-buffer.rar"));
    private static final int LISTENING_PUSHES = 600;
    private static final int PUSHING_PUSHES = 400;
    private static final int ITEMS = LISTENING_PUSHES + PUSHING_PUSHES;
    private static final Duration SCRAPE = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private WildFlyServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, String> tags(String application) {
        return Map.of("application", application, "buffer", MeteredBean.BUFFER);
    }

    private static Map<String, String> tags(String application, int partition) {
        return Map.of("application", application, "buffer", MeteredBean.BUFFER, "partition", Integer.toString(partition));
    }

    @Test
    void theBuffersMetersAreInWildFlysPrometheusScrapeUntilTheirApplicationLeaves() throws Exception {
        Files.createDirectories(TARGET);
        server = WildFlyServer.create(Path.of(System.getProperty("it.wildflyHome", "target/wildfly")), TARGET);
        server.startWithAdapter(RAR, Map.of());
        server.cliOrFail(MICROMETER.toArray(String[]::new));
        server.deploy(MeteredApplication.exportTo(TARGET, LISTENING, true));
        server.deploy(MeteredApplication.exportTo(TARGET, PUSHING, false));

        push(LISTENING, 0, LISTENING_PUSHES);
        push(PUSHING, LISTENING_PUSHES, PUSHING_PUSHES);

        PrometheusText scrape = await("every item processed, in both applications' series").atMost(SCRAPE)
                .pollInterval(Duration.ofMillis(200)).until(this::scrape,
                        text -> text.sum("partitioned_buffer_processed_total", tags(LISTENING)) == ITEMS
                                && text.sum("partitioned_buffer_processed_total", tags(PUSHING)) == ITEMS);
        Files.writeString(TARGET.resolve("metrics.txt"), scrape.text());

        for (String application : List.of(LISTENING, PUSHING)) { // the buffer's figures, whoever caused them
            assertEquals(ITEMS, scrape.sum("partitioned_buffer_inserted_total", tags(application)), application);
            assertEquals(0, scrape.sum("partitioned_buffer_size", tags(application)), application);
            assertEquals(0, scrape.sum("partitioned_buffer_rejected_total", tags(application)), application);
            assertEquals(0, scrape.sum("partitioned_buffer_dropped_total", tags(application)), application);
            for (int partition = 0; partition < MeteredBean.PARTITIONS; partition++) {
                assertEquals(1, scrape.samples("partitioned_buffer_inserted_total", tags(application, partition))
                        .size(), application + " partition " + partition);
                assertEquals(1, scrape.sum("partitioned_buffer_partition_starts_total", tags(application, partition)),
                        application + " partition " + partition);
            }
        }
        // The listening application claimed the buffer when its bean attached: it has seen every batch.
        assertEquals(ITEMS, scrape.sum("partitioned_buffer_batch_size_sum", tags(LISTENING)));
        assertTrue(scrape.sum("partitioned_buffer_processing_duration_seconds_count", tags(LISTENING)) >= 1);
        assertEquals("counter", scrape.type("partitioned_buffer_inserted_total"));
        assertEquals("gauge", scrape.type("partitioned_buffer_size"));
        assertEquals("summary", scrape.type("partitioned_buffer_processing_duration_seconds"));
        assertEquals("summary", scrape.type("partitioned_buffer_batch_size"));
        assertFalse(scrape.startingWith("jvm_").isEmpty(), "the server's own meters, in the same scrape");

        server.cliOrFail("undeploy " + PUSHING + ".war");
        PrometheusText afterOne = scrape();
        assertEquals(List.of(), afterOne.samples("partitioned_buffer_inserted_total", tags(PUSHING)));
        assertEquals(ITEMS, afterOne.sum("partitioned_buffer_inserted_total", tags(LISTENING)), "the other's stay");

        server.cliOrFail("undeploy " + LISTENING + ".war");
        assertEquals(List.of(), scrape().startingWith("partitioned_buffer"), "nothing left of the applications");
    }

    private void push(String application, int from, int count) throws IOException, InterruptedException {
        URI push = server.http().resolve(application + "/push?buffer=" + MeteredBean.BUFFER + "&from=" + from
                + "&count=" + count + "&prefix=" + application);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(push)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), push + ": " + response.body());
    }

    private PrometheusText scrape() throws IOException, InterruptedException {
        URI metrics = server.management().resolve("metrics");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), metrics + ": " + response.body());
        return new PrometheusText(response.body());
    }
}
