package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferType;

/**
 * Races producers against the storage swap on real threads (defect 1 of the reference: writes racing a swap were lost
 * or rejected). Two producers push 1,000,000 distinct items each while every partition drains every millisecond; every
 * item must arrive exactly once, each producer's items in its order within a partition, and a map must end with the
 * last write of every key.
 */
class StressTest {

    private static final Logger LOG = Logger.getLogger(StressTest.class.getName());
    private static final int PRODUCERS = 2;
    private static final int ITEMS_PER_PRODUCER = 1_000_000;
    private static final int PARTITIONS = 4;

    private ScheduledThreadPoolExecutor workers;
    private ExecutorService producers;

    @BeforeEach
    void startThreads() {
        workers = new ScheduledThreadPoolExecutor(2);
        producers = Executors.newFixedThreadPool(PRODUCERS);
    }

    @AfterEach
    void stopThreads() {
        producers.shutdownNow();
        workers.shutdownNow();
    }

    private BufferOptions.Builder racingOptions(String name) {
        return BufferOptions.builder(name).partitions(PARTITIONS).processingIntervalMs(1).processingBatchSize(100);
    }

    @Test
    void queueDeliversEveryItemOfRacingPushesAndPushAllsExactlyOnceInEachProducersOrder() throws Exception {
        QueueBuffer buffer = (QueueBuffer) PartitionedBuffer.create(racingOptions("stress-queue").build(),
                new ExecutorBufferScheduler(workers));
        int total = PRODUCERS * ITEMS_PER_PRODUCER;
        AtomicIntegerArray deliveries = new AtomicIntegerArray(total);
        // Deliveries of one partition are sequential, so a plain per-(partition, producer) cursor is enough.
        int[][] lastSeen = new int[PARTITIONS][PRODUCERS];
        AtomicLong outOfOrder = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        for (int[] row : lastSeen) {
            java.util.Arrays.fill(row, -1);
        }
        buffer.attach(batch -> {
            batches.incrementAndGet();
            for (Object item : batch.items()) {
                int value = (Integer) item;
                deliveries.incrementAndGet(value);
                int producer = value / ITEMS_PER_PRODUCER;
                if (value <= lastSeen[batch.partition()][producer]) {
                    outOfOrder.incrementAndGet();
                }
                lastSeen[batch.partition()][producer] = value;
            }
        });
        buffer.start();

        long started = System.nanoTime();
        // Odd producers push in batches: their locked block claims race the even producers' lock-free single claims.
        runProducers(producer -> {
            int first = producer * ITEMS_PER_PRODUCER;
            int end = first + ITEMS_PER_PRODUCER;
            if (producer % 2 == 0) {
                for (int i = first; i < end; i++) {
                    buffer.push(i);
                }
                return;
            }
            for (int from = first; from < end; from += 7) {
                List<Integer> batch = new ArrayList<>();
                for (int i = from; i < Math.min(from + 7, end); i++) {
                    batch.add(i);
                }
                buffer.pushAll(batch);
            }
        });
        long pushedNanos = System.nanoTime() - started;
        buffer.stop().get(60, TimeUnit.SECONDS);
        long deliveredNanos = System.nanoTime() - started;

        int missing = 0;
        int duplicated = 0;
        for (int i = 0; i < total; i++) {
            int count = deliveries.get(i);
            if (count == 0) {
                missing++;
            } else if (count > 1) {
                duplicated++;
            }
        }
        BufferStatistics statistics = buffer.statistics();
        int missingItems = missing;
        int duplicatedItems = duplicated;
        LOG.info(() -> String.format("queue stress: %,d items pushed by %d threads in %d ms, all delivered after"
                        + " %d ms in %,d batches; missing=%d duplicated=%d outOfOrder=%d",
                total, PRODUCERS, pushedNanos / 1_000_000, deliveredNanos / 1_000_000, batches.get(), missingItems,
                duplicatedItems, outOfOrder.get()));
        assertEquals(0, missing, "items never delivered");
        assertEquals(0, duplicated, "items delivered more than once");
        assertEquals(0, outOfOrder.get(), "items delivered out of their producer's order");
        assertEquals(total, statistics.inserted());
        assertEquals(total, statistics.processed());
        assertEquals(0, statistics.failedItems());
        assertEquals(0, buffer.size());
    }

    @Test
    void queuePushesRacingStopAreDeliveredOnceWhenAcceptedAndNeverWhenRefused() throws Exception {
        // Single pushes append without the partition lock: stop() seals the storage under them. A push that returned
        // must be delivered exactly once; one that was refused, never. Every 16th call is a pushAll of 8 items.
        int total = PRODUCERS * ITEMS_PER_PRODUCER;
        AtomicIntegerArray deliveries = new AtomicIntegerArray(total);
        QueueBuffer buffer = startedQueueCounting("stress-stop", deliveries);
        AtomicIntegerArray accepted = new AtomicIntegerArray(total);
        AtomicLong pushed = new AtomicLong();

        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int producer = 0; producer < PRODUCERS; producer++) {
            int first = producer * ITEMS_PER_PRODUCER;
            running.add(producers.submit(() -> {
                start.await();
                int i = first;
                try {
                    while (i + 8 <= first + ITEMS_PER_PRODUCER) {
                        if (i % 16 == 0) {
                            List<Integer> list = new ArrayList<>();
                            for (int k = i; k < i + 8; k++) {
                                list.add(k);
                            }
                            buffer.pushAll(list);
                            for (int k = i; k < i + 8; k++) {
                                accepted.set(k, 1);
                            }
                            i += 8;
                        } else {
                            buffer.push(i);
                            accepted.set(i, 1);
                            i++;
                        }
                        pushed.incrementAndGet();
                    }
                } catch (BufferException refused) {
                    assertTrue(buffer.isStopping(), "refused while running: " + refused);
                }
                return null;
            }));
        }
        start.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pushed.get() < 100_000 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        buffer.stop().get(60, TimeUnit.SECONDS);
        for (Future<?> producer : running) {
            producer.get(60, TimeUnit.SECONDS);
        }

        int wrong = 0;
        int acceptedCount = 0;
        for (int i = 0; i < total; i++) {
            acceptedCount += accepted.get(i);
            if (deliveries.get(i) != accepted.get(i)) {
                wrong++;
            }
        }
        assertTrue(acceptedCount >= 100_000, "pushes before the stop: " + acceptedCount);
        assertEquals(0, wrong, "items delivered a number of times other than 1 if accepted, 0 if refused");
        assertEquals(acceptedCount, buffer.statistics().inserted());
        assertEquals(0, buffer.size());
    }

    @Test
    void capacitySwitchedOnAndOffWhilePushesRaceKeepsTheGateExact() throws Exception {
        // Lock-free pushes decide whether to reserve room from a flag that updateOptions flips under the lock: the
        // gate must end at zero, every item delivered once. The capacity can hold every item, so none is refused.
        int total = PRODUCERS * ITEMS_PER_PRODUCER;
        AtomicIntegerArray deliveries = new AtomicIntegerArray(total);
        QueueBuffer buffer = startedQueueCounting("stress-capacity", deliveries);
        AtomicLong switches = new AtomicLong();
        Future<?> switching = workers.submit(() -> {
            while (buffer.statistics().inserted() < total) {
                buffer.updateOptions(Map.of("capacity", switches.incrementAndGet() % 2 == 1 ? "" + total : "0"));
            }
        });

        runProducers(producer -> {
            int first = producer * ITEMS_PER_PRODUCER;
            for (int i = first; i < first + ITEMS_PER_PRODUCER; i++) {
                buffer.push(i);
            }
        });
        switching.get(60, TimeUnit.SECONDS);
        buffer.stop().get(60, TimeUnit.SECONDS);

        int wrong = 0;
        for (int i = 0; i < total; i++) {
            if (deliveries.get(i) != 1) {
                wrong++;
            }
        }
        LOG.info(() -> "capacity switched " + switches.get() + " times while pushing");
        assertTrue(switches.get() > 10, "capacity switches: " + switches.get());
        assertEquals(0, wrong, "items not delivered exactly once");
        assertEquals(0, buffer.gate().pending(), "room still held in the gate after everything was delivered");
    }

    @Test
    void mapDeliversTheLastWriteOfEveryKeyWhileRacingTheSwap() throws Exception {
        MapBuffer buffer = (MapBuffer) PartitionedBuffer.create(racingOptions("stress-map").type(BufferType.MAP)
                .build(), new ExecutorBufferScheduler(workers));
        int keysPerProducer = 10_000;
        // The latest value delivered per key; deliveries of a key are sequential (one partition, one batch at a time).
        Map<Object, Object> delivered = new ConcurrentHashMap<>();
        buffer.attach(batch -> {
            for (BufferEntry entry : batch.entries()) {
                delivered.put(entry.key(), entry.value());
            }
        });
        buffer.start();

        runProducers(producer -> {
            for (int i = 0; i < ITEMS_PER_PRODUCER; i++) {
                buffer.put(producer * keysPerProducer + i % keysPerProducer, i);
            }
        });
        buffer.stop().get(60, TimeUnit.SECONDS);

        assertEquals(PRODUCERS * keysPerProducer, delivered.size(), "keys delivered");
        int wrong = 0;
        for (int producer = 0; producer < PRODUCERS; producer++) {
            for (int key = 0; key < keysPerProducer; key++) {
                int lastWrite = ITEMS_PER_PRODUCER - keysPerProducer + key;
                if (!Integer.valueOf(lastWrite).equals(delivered.get(producer * keysPerProducer + key))) {
                    wrong++;
                }
            }
        }
        assertEquals(0, wrong, "keys whose final delivered value is not their last write");
        assertEquals((long) PRODUCERS * ITEMS_PER_PRODUCER, buffer.statistics().inserted());
    }

    @Test
    void versionedWritesOfRacingProducersEndWithTheNewestVersionOfEveryKey() throws Exception {
        MapBuffer buffer = (MapBuffer) PartitionedBuffer.create(racingOptions("stress-versions").type(BufferType.MAP)
                .build(), new ExecutorBufferScheduler(workers));
        int keys = 1_000;
        int writesPerProducer = 200_000;
        AtomicLong versions = new AtomicLong();
        AtomicReferenceArray<BufferEntry> delivered = new AtomicReferenceArray<>(keys);
        AtomicLong regressions = new AtomicLong();
        buffer.attach(batch -> {
            for (BufferEntry entry : batch.entries()) {
                BufferEntry previous = delivered.getAndSet((Integer) entry.key(), entry);
                if (previous != null && previous.version() >= entry.version()) {
                    regressions.incrementAndGet();
                }
            }
        });
        buffer.start();

        // Both producers write the same keys with versions from one counter: they race each other and the swap.
        long[] newestVersion = new long[keys];
        Object newestLock = new Object();
        runProducers(producer -> {
            for (int i = 0; i < writesPerProducer; i++) {
                int key = (i * 7 + producer) % keys;
                long version = versions.incrementAndGet();
                buffer.putNewer(key, version, version);
                synchronized (newestLock) {
                    newestVersion[key] = Math.max(newestVersion[key], version);
                }
            }
        });
        buffer.stop().get(60, TimeUnit.SECONDS);

        assertEquals(0, regressions.get(), "a key was delivered with a version not newer than one delivered before");
        for (int key = 0; key < keys; key++) {
            assertEquals(newestVersion[key], delivered.get(key).version(), "final version of key " + key);
        }
    }

    /** A started racing queue buffer whose listener adds 1 to {@code deliveries[item]} for every item delivered. */
    private QueueBuffer startedQueueCounting(String name, AtomicIntegerArray deliveries) {
        QueueBuffer buffer = (QueueBuffer) PartitionedBuffer.create(racingOptions(name).build(),
                new ExecutorBufferScheduler(workers));
        buffer.attach(batch -> {
            for (Object item : batch.items()) {
                deliveries.incrementAndGet((Integer) item);
            }
        });
        buffer.start();
        return buffer;
    }

    private void runProducers(ProducerBody body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int producer = 0; producer < PRODUCERS; producer++) {
            int id = producer;
            running.add(producers.submit(() -> {
                start.await();
                body.run(id);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> producer : running) {
            producer.get(120, TimeUnit.SECONDS);
        }
        assertTrue(running.stream().allMatch(Future::isDone));
    }

    @FunctionalInterface
    private interface ProducerBody {
        void run(int producer) throws Exception;
    }
}
