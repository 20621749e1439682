package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.core.BufferOptions;
import org.partitionedbuffer.core.ExecutorBufferScheduler;
import org.partitionedbuffer.core.PartitionedBuffer;
import org.partitionedbuffer.core.QueueBuffer;
import org.partitionedbuffer.it.app.Buffers;
import org.partitionedbuffer.it.load.DiyBuffer;
import org.partitionedbuffer.it.load.LoadBean;

/**
 * The load run of the JCA path inside Payara Micro (issue 6): 2 container threads push 1,000,000 items through the
 * adapter a new handle per item, one held handle, and pushAll of 100; beside them, in the same server run, the engine
 * alone (its classes are visible through the RAR) and a do-it-yourself queue drained by a
 * ManagedScheduledExecutorService. It reports rates to target/load-report.txt and asserts only that every item
 * arrived: speed is measured here, never asserted.
 */
@ExtendWith(ArquillianExtension.class)
class LoadRunIT {

    private static final Logger LOG = Logger.getLogger(LoadRunIT.class.getName());
    private static final int PRODUCERS = 2;
    private static final int ITEMS = 1_000_000;
    private static final int ROUNDS = 3;
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @Deployment
    static WebArchive application() {
        return TestArchives.war("load-it", "", Buffers.class).addPackage(LoadBean.class.getPackage());
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    @Resource
    private ManagedExecutorService executor;

    @Inject
    private DiyBuffer diy;

    /** One way of pushing {@code count} items from one producer thread. */
    private interface Producer {
        void push(int producer, int count) throws Exception;
    }

    @Test
    void reportsThePushRatesOfTheJcaPathBesideTheEngineAndADoItYourselfQueue() throws Exception {
        LongAdder engineDelivered = new LongAdder();
        ScheduledExecutorService engineThreads = Executors.newScheduledThreadPool(2);
        BufferOptions options = BufferOptions.builder("load-engine").partitions(2).processingIntervalMs(10)
                .processingBatchSize(1000).build();
        PartitionedBuffer engine = PartitionedBuffer.create(options, new ExecutorBufferScheduler(engineThreads));
        engine.attach((BatchListener) batch -> engineDelivered.add(batch.size()));
        engine.start();
        QueueBuffer engineQueue = (QueueBuffer) engine;
        Object item = "x".repeat(100);
        List<String> report = new ArrayList<>();
        try {
            report.add(measure("engine alone, push", (p, n) -> {
                for (int i = 0; i < n; i++) {
                    engineQueue.push(item);
                }
            }, engineDelivered::sum));
            report.add(measure("do-it-yourself queue + ManagedScheduledExecutorService", (p, n) -> {
                for (int i = 0; i < n; i++) {
                    diy.push(item);
                }
            }, diy::delivered));
            report.add(measure("JCA, a new handle per item (getConnection, push, close)", (p, n) -> {
                for (int i = 0; i < n; i++) {
                    try (BufferConnection connection = buffers.getConnection()) {
                        connection.push(LoadBean.BUFFER, item);
                    }
                }
            }, LoadBean.DELIVERED::sum));
            report.add(measure("JCA, one held handle, push", (p, n) -> {
                try (BufferConnection connection = buffers.getConnection()) {
                    for (int i = 0; i < n; i++) {
                        connection.push(LoadBean.BUFFER, item);
                    }
                }
            }, LoadBean.DELIVERED::sum));
            List<Object> hundred = Collections.nCopies(100, item);
            report.add(measure("JCA, one held handle, pushAll of 100", (p, n) -> {
                try (BufferConnection connection = buffers.getConnection()) {
                    for (int i = 0; i < n; i += 100) {
                        connection.pushAll(LoadBean.BUFFER, hundred);
                    }
                }
            }, LoadBean.DELIVERED::sum));
        } finally {
            engine.stop().get(10, TimeUnit.SECONDS);
            engineThreads.shutdown();
        }
        String text = String.join("\n", report) + "\n";
        LOG.info("Load run (" + PRODUCERS + " producers, " + ITEMS + " items a round, best/worst of " + ROUNDS
                + " rounds after one warm-up):\n" + text);
        Files.writeString(Path.of("target", "load-report.txt"), text);
    }

    /** One warm-up round, then ROUNDS measured ones; each waits until every item of the round was delivered. */
    private String measure(String scenario, Producer producer, LongSupplier delivered) throws Exception {
        double best = 0;
        double worst = Double.MAX_VALUE;
        for (int round = 0; round <= ROUNDS; round++) {
            long before = delivered.getAsLong();
            long start = System.nanoTime();
            List<Future<?>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int index = p;
                producers.add(executor.submit(() -> {
                    producer.push(index, ITEMS / PRODUCERS);
                    return null;
                }));
            }
            for (Future<?> running : producers) {
                running.get();
            }
            double itemsPerSecond = ITEMS / ((System.nanoTime() - start) / 1e9);
            await().atMost(DELIVERY).pollInterval(Duration.ofMillis(5))
                    .until(() -> delivered.getAsLong() - before >= ITEMS);
            assertEquals(ITEMS, delivered.getAsLong() - before, scenario + ": every item delivered once");
            if (round > 0) {
                best = Math.max(best, itemsPerSecond);
                worst = Math.min(worst, itemsPerSecond);
            }
        }
        return String.format(Locale.ROOT, "%-58s %6.2f - %6.2f M items/s", scenario, worst / 1e6, best / 1e6);
    }
}
