package org.partitionedbuffer.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.partitionedbuffer.it.load.TunedPool;

/**
 * The load run of the JCA path inside Payara Micro (issue 6): 2 container threads push through the adapter a new
 * handle per item (through the default pool, and through a pool tuned for it), one held handle, and pushAll of 100;
 * beside them, in the same server run, the engine alone (its classes are visible through the RAR) and a
 * do-it-yourself queue drained by a ManagedScheduledExecutorService. Each scenario runs a warm-up round and five
 * measured ones, sized to last about a second each. It reports the rates (slowest, median, fastest round) to
 * target/load-report.txt and asserts only that every item arrived: speed is measured here, never asserted.
 *
 * <p>The producers run on the ManagedExecutorService, outside any transaction (checked first: a push there is not
 * staged). One more scenario pushes through the held handle inside UserTransactions of 1,000 pushes each, so every
 * push is staged and each commit applies 1,000 items; its line also gives its median as a share of the
 * non-transactional held-handle push of the same run.
 */
@ExtendWith(ArquillianExtension.class)
class LoadRunIT {

    private static final Logger LOG = Logger.getLogger(LoadRunIT.class.getName());
    private static final int PRODUCERS = 2;
    /** Items a round for the scenarios near the engine's speed, and for those 10 to 50 times slower. */
    private static final int FAST_ROUND = 20_000_000;
    private static final int SLOW_ROUND = 2_000_000;
    /** Items a round for the pushes inside transactions. */
    private static final int TRANSACTION_ROUND = 10_000_000;
    private static final int PER_TRANSACTION = 1000;
    private static final int ROUNDS = 5;
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @Deployment
    static WebArchive application() {
        return TestArchives.war("load-it", "", Buffers.class).addPackage(LoadBean.class.getPackage());
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    @Resource(lookup = TunedPool.JNDI)
    private BufferConnectionFactory tunedBuffers;

    @Resource
    private ManagedExecutorService executor;

    @Inject
    private DiyBuffer diy;

    @Resource(lookup = "java:comp/UserTransaction")
    private UserTransaction transaction;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    private TransactionSynchronizationRegistry transactions;

    /** One way of pushing {@code count} items from one producer thread. */
    private interface Producer {
        void push(int count) throws Exception;
    }

    /** Items per second over the measured rounds. */
    private record Rates(double slowest, double median, double fastest) {
    }

    @Test
    void reportsThePushRatesOfTheJcaPathBesideTheEngineAndADoItYourselfQueue() throws Exception {
        assertEquals(Status.STATUS_NO_TRANSACTION, (int) executor.submit(transactions::getTransactionStatus).get(),
                "the producers' tasks run outside any transaction, so the non-transactional scenarios stage nothing");
        LongAdder engineDelivered = new LongAdder();
        ScheduledExecutorService engineThreads = Executors.newScheduledThreadPool(2);
        BufferOptions options = BufferOptions.builder("load-engine").partitions(2).processingIntervalMs(10)
                .processingBatchSize(1000).build();
        PartitionedBuffer engine = PartitionedBuffer.create(options, new ExecutorBufferScheduler(engineThreads));
        engine.attach((BatchListener) batch -> engineDelivered.add(batch.size()));
        engine.start();
        QueueBuffer engineQueue = (QueueBuffer) engine;
        Object item = "x".repeat(100);
        List<Object> hundred = Collections.nCopies(100, item);
        List<String> report = new ArrayList<>();
        try {
            Rates alone = measure(FAST_ROUND, n -> {
                for (int i = 0; i < n; i++) {
                    engineQueue.push(item);
                }
            }, engineDelivered::sum);
            report.add(line("engine alone, push", alone, alone));
            report.add(line("do-it-yourself queue + ManagedScheduledExecutorService", measure(SLOW_ROUND, n -> {
                for (int i = 0; i < n; i++) {
                    diy.push(item);
                }
            }, diy::delivered), alone));
            report.add(line("JCA, a new handle per item, default pool", measure(SLOW_ROUND,
                    n -> pushWithHandlePerItem(buffers, n, item), LoadBean.DELIVERED::sum), alone));
            report.add(line("JCA, a new handle per item, tuned pool", measure(SLOW_ROUND,
                    n -> pushWithHandlePerItem(tunedBuffers, n, item), LoadBean.DELIVERED::sum), alone));
            Rates held = measure(FAST_ROUND, n -> {
                try (BufferConnection connection = buffers.getConnection()) {
                    for (int i = 0; i < n; i++) {
                        connection.push(LoadBean.BUFFER, item);
                    }
                }
            }, LoadBean.DELIVERED::sum);
            report.add(line("JCA, one held handle, push", held, alone));
            Rates inTransactions = measure(TRANSACTION_ROUND, n -> {
                try (BufferConnection connection = buffers.getConnection()) {
                    for (int done = 0; done < n; done += PER_TRANSACTION) {
                        pushInOneTransaction(connection, Math.min(PER_TRANSACTION, n - done), item);
                    }
                }
            }, LoadBean.DELIVERED::sum);
            report.add(line("JCA, one held handle, push, 1,000 per UserTransaction", inTransactions, alone)
                    + String.format(Locale.ROOT, "  (%.0f %% of the held handle's push)",
                            100 * inTransactions.median / held.median));
            report.add(line("JCA, one held handle, pushAll of 100", measure(FAST_ROUND, n -> {
                try (BufferConnection connection = buffers.getConnection()) {
                    for (int i = 0; i < n; i += 100) {
                        connection.pushAll(LoadBean.BUFFER, hundred);
                    }
                }
            }, LoadBean.DELIVERED::sum), alone));
        } finally {
            engine.stop().get(10, TimeUnit.SECONDS);
            engineThreads.shutdown();
        }
        String text = String.format(Locale.ROOT, "%-56s %8s %8s %8s %s%n", "M items/s (" + PRODUCERS
                + " producer threads, " + ROUNDS + " rounds)", "slowest", "median", "fastest", "median / engine's")
                + String.join("\n", report) + "\n";
        LOG.info("Load run:\n" + text);
        Files.writeString(Path.of("target", "load-report.txt"), text);
    }

    /** {@code count} pushes inside one UserTransaction: staged, then applied together by its commit. */
    private void pushInOneTransaction(BufferConnection connection, int count, Object item) throws Exception {
        transaction.begin();
        try {
            assertTrue(transactions.getTransactionStatus() == Status.STATUS_ACTIVE);
            for (int i = 0; i < count; i++) {
                connection.push(LoadBean.BUFFER, item);
            }
            transaction.commit();
        } finally {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        }
    }

    private static void pushWithHandlePerItem(BufferConnectionFactory factory, int count, Object item) {
        for (int i = 0; i < count; i++) {
            try (BufferConnection connection = factory.getConnection()) {
                connection.push(LoadBean.BUFFER, item);
            }
        }
    }

    private static String line(String scenario, Rates rates, Rates engine) {
        return String.format(Locale.ROOT, "%-56s %8.2f %8.2f %8.2f %5.0f %%", scenario, rates.slowest / 1e6,
                rates.median / 1e6, rates.fastest / 1e6, 100 * rates.median / engine.median);
    }

    /** A warm-up round, then ROUNDS measured ones; each waits until every item of the round was delivered. */
    private Rates measure(int items, Producer producer, LongSupplier delivered) throws Exception {
        double[] rates = new double[ROUNDS];
        for (int round = 0; round <= ROUNDS; round++) {
            long before = delivered.getAsLong();
            long start = System.nanoTime();
            List<Future<?>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                producers.add(executor.submit(() -> {
                    producer.push(items / PRODUCERS);
                    return null;
                }));
            }
            for (Future<?> running : producers) {
                running.get();
            }
            double itemsPerSecond = items / ((System.nanoTime() - start) / 1e9);
            await().atMost(DELIVERY).pollInterval(Duration.ofMillis(5))
                    .until(() -> delivered.getAsLong() - before >= items);
            assertEquals(items, delivered.getAsLong() - before, "every item of the round delivered once");
            if (round > 0) {
                rates[round - 1] = itemsPerSecond;
            }
        }
        Arrays.sort(rates);
        return new Rates(rates[0], rates[ROUNDS / 2], rates[ROUNDS - 1]);
    }
}
