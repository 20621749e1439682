package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import javax.management.MBeanServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferFullException;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.metrics.BoundedBean;
import org.partitionedbuffer.it.metrics.Deliveries;
import org.partitionedbuffer.it.metrics.Deliveries.Call;
import org.partitionedbuffer.it.metrics.MeteredBean;
import org.partitionedbuffer.it.metrics.TracedBean;

/**
 * An application that only adds the partitioned-buffer-metrics jar shows, on /metrics, every metric of the contract
 * for its buffers, tagged with buffer and partition, with the values of what the test did: pushes, deliveries, a
 * batch that failed once and was retried, one given up after its retry, inserts refused at capacity. The same events
 * reach application code through BufferMonitoring.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final String WORK = MeteredBean.BUFFER;
    private static final String BOUNDED = BoundedBean.BUFFER;

    @Deployment
    static WebArchive application() {
        return TestArchives.war("metrics-it", "", Buffers.class, PrometheusScrape.class)
                .addPackage(MeteredBean.class.getPackage())
                .addAsLibraries(TestArchives.metricsJar());
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    @ArquillianResource
    private URL applicationUrl;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private BufferMonitoring.Registration tracing;

    @BeforeEach
    void traceEvents() {
        tracing = BufferMonitoring.addEventListener(new EventTrace(events));
    }

    @AfterEach
    void stopTracing() {
        tracing.close();
    }

    @Test
    void everyContractMetricShowsWhatHappenedPerBufferAndPartition() throws Exception {
        List<String> items = new ArrayList<>(IntStream.range(0, 12).mapToObj(i -> "n-" + i).toList());
        items.add("flaky");
        int[] insertedPerPartition = new int[2];
        try (BufferConnection connection = buffers.getConnection()) {
            for (String item : items) {
                connection.push(WORK, item);
                insertedPerPartition[connection.partitionOf(WORK, item)]++;
            }
            jmx.invoke(BufferMBeanNames.of(WORK), "flush", null, null);
            await().atMost(DELIVERY).until(() -> delivered(WORK) == items.size());

            connection.push(WORK, "poison");
            insertedPerPartition[connection.partitionOf(WORK, "poison")]++;
            jmx.invoke(BufferMBeanNames.of(WORK), "flush", null, null);
            await().atMost(DELIVERY).until(() -> (Long) jmx.getAttribute(BufferMBeanNames.of(WORK), "Failures") == 1);

            for (int i = 0; i < 5; i++) {
                connection.push(BOUNDED, "b-" + i);
            }
            // Full: a call of three is refused whole (three items counted), and the refusal starts a drain.
            assertThrows(BufferFullException.class, () -> connection.pushAll(BOUNDED, List.of("x", "y", "z")));
            await().atMost(DELIVERY).until(() -> delivered(BOUNDED) == 5);
        }

        PrometheusScrape scrape = PrometheusScrape.of(applicationUrl);
        Files.writeString(Path.of(System.getProperty("it.target", "target"), "metrics-it-scrape.txt"), scrape.text());
        List<Call> calls = Deliveries.of(WORK);
        for (int partition = 0; partition < 2; partition++) {
            int p = partition;
            List<Call> here = calls.stream().filter(call -> call.partition() == p).toList();
            List<Call> succeeded = here.stream().filter(call -> !call.threw()).toList();
            String[] tags = {"buffer", WORK, "partition", Integer.toString(partition)};
            assertMetric(scrape, "partitioned_buffer_size", 0, tags);
            assertMetric(scrape, "partitioned_buffer_inserted_total", insertedPerPartition[p], tags);
            assertMetric(scrape, "partitioned_buffer_processed_total", sizes(succeeded), tags);
            assertMetric(scrape, "partitioned_buffer_processing_duration_seconds_count", here.size(), tags);
            assertMetric(scrape, "partitioned_buffer_batch_size_count", succeeded.size(), tags);
            assertMetric(scrape, "partitioned_buffer_batch_size_sum", sizes(succeeded), tags);
            assertMetric(scrape, "partitioned_buffer_processing_exceptions_total", count(here, Call::threw), tags);
            assertMetric(scrape, "partitioned_buffer_retries_total", count(here, call -> call.attempt() > 1), tags);
            assertMetric(scrape, "partitioned_buffer_processing_failures_total",
                    count(here, call -> call.threw() && call.attempt() == 2), tags);
            // Per item: "poison" was given up alone and, with no dead-letter buffer, dropped; nothing was marked.
            assertMetric(scrape, "partitioned_buffer_dropped_total",
                    count(here, call -> call.threw() && call.attempt() == 2), tags);
            assertMetric(scrape, "partitioned_buffer_dead_lettered_total", 0, tags);
            assertMetric(scrape, "partitioned_buffer_items_failed_total", 0, tags);
            assertMetric(scrape, "partitioned_buffer_partition_starts_total", 1, tags);
            assertMetric(scrape, "partitioned_buffer_partition_stops_total", 0, tags);
        }
        // What the test did, independently of what the bean recorded: 13 delivered, "flaky" failed once and
        // "poison" twice, each retried once, "poison" given up.
        assertEquals(13, sizes(calls.stream().filter(call -> !call.threw()).toList()));
        assertEquals(3, count(calls, Call::threw));
        assertEquals(2, count(calls, call -> call.attempt() > 1));
        assertTrue(scrape.values("partitioned_buffer_processing_duration_seconds_sum", "buffer", WORK).stream()
                .anyMatch(seconds -> seconds > 0), "onBatch time is measured");

        assertMetric(scrape, "partitioned_buffer_rejected_total", 3, "buffer", BOUNDED);
        assertFalse(scrape.find("partitioned_buffer_rejected_total", "buffer", BOUNDED).stream()
                .anyMatch(sample -> sample.labels().containsKey("partition")), "rejected is tagged by buffer only");
        assertMetric(scrape, "partitioned_buffer_inserted_total", 5, "buffer", BOUNDED, "partition", "0");
        assertMetric(scrape, "partitioned_buffer_processed_total", 5, "buffer", BOUNDED, "partition", "0");
        assertMetric(scrape, "partitioned_buffer_size", 0, "buffer", BOUNDED, "partition", "0");
        assertTrue(scrape.text().contains("# HELP partitioned_buffer_inserted_total Items accepted"),
                "metrics carry their description");
    }

    @Test
    void applicationCodeReceivesTheSixTelemetryEventsWithTheirMeasurementsAndMetadata() throws Exception {
        String traced = TracedBean.BUFFER;
        // The buffer existed before this listener: its partition starts are told to it first.
        assertTrue(events.contains("partitionStarted " + traced + " 0 systemTime>0"), events::toString);
        assertTrue(events.contains("partitionStarted " + traced + " 1 systemTime>0"), events::toString);
        try (BufferConnection connection = buffers.getConnection()) {
            connection.pushAll(traced, List.of("e-1", "e-2"));
            jmx.invoke(BufferMBeanNames.of(traced), "flush", null, null);
            await().atMost(DELIVERY).until(() -> events.stream().anyMatch(e -> e.startsWith("processingStopped")));
            connection.push(traced, "poison");
            jmx.invoke(BufferMBeanNames.of(traced), "flush", null, null);
            await().atMost(DELIVERY).until(() -> events.stream().anyMatch(e -> e.startsWith("processingFailed")));
        }

        assertTrue(events.stream().anyMatch(e -> e.startsWith("processingStarted " + traced)
                && e.endsWith("systemTime>0")), events::toString);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("processingStopped " + traced)
                && e.contains("size=") && e.contains("duration>0")), events::toString);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("processingException " + traced)
                && e.contains("kind=java.lang.IllegalStateException")
                && e.contains("reason=traced bean refuses") && e.contains("stacktrace=true")), events::toString);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("processingFailed " + traced)
                && e.contains("reason=traced bean refuses")), events::toString);
    }

    private static void assertMetric(PrometheusScrape scrape, String name, double expected, String... tags) {
        List<Double> values = scrape.values(name, tags);
        assertEquals(List.of(expected), values, () -> name + " " + List.of(tags) + " in\n" + scrape.find(name));
    }

    private static int delivered(String buffer) {
        return sizes(Deliveries.of(buffer).stream().filter(call -> !call.threw()).toList());
    }

    private static int sizes(List<Call> calls) {
        return calls.stream().mapToInt(Call::size).sum();
    }

    private static int count(List<Call> calls, Predicate<Call> which) {
        return (int) calls.stream().filter(which).count();
    }

    /** Records each telemetry event as text with its measurements and metadata, the way a tracer would see them. */
    private record EventTrace(List<String> events) implements BufferEventListener {

        @Override
        public void partitionStarted(String buffer, int partition, long systemTimeMillis) {
            events.add("partitionStarted " + buffer + " " + partition + " systemTime>"
                    + (systemTimeMillis > 0 ? 0 : -1));
        }

        @Override
        public void processingStarted(String buffer, int partition, int size, int attempt, long systemTimeMillis) {
            events.add("processingStarted " + buffer + " " + partition + " size=" + size + " systemTime>"
                    + (systemTimeMillis > 0 ? 0 : -1));
        }

        @Override
        public void processingStopped(String buffer, int partition, int size, int attempt, long durationNanos) {
            events.add("processingStopped " + buffer + " " + partition + " size=" + size + " duration>"
                    + (durationNanos > 0 ? 0 : -1));
        }

        @Override
        public void processingException(String buffer, int partition, int size, int attempt, long durationNanos,
                                        Throwable error) {
            events.add("processingException " + buffer + " " + partition + " kind=" + error.getClass().getName()
                    + " reason=" + error.getMessage() + " stacktrace=" + (error.getStackTrace().length > 0));
        }

        @Override
        public void processingFailed(String buffer, int partition, int size, long systemTimeMillis, Throwable reason,
                                     boolean deadLettered) {
            events.add("processingFailed " + buffer + " " + partition + " reason=" + reason.getMessage());
        }
    }
}
