package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.partitionedbuffer.core.LifecycleBuffers.assertDelivered;
import static org.partitionedbuffer.core.LifecycleBuffers.ids;
import static org.partitionedbuffer.core.LifecycleBuffers.insert;
import static org.partitionedbuffer.core.LifecycleBuffers.insertAll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferFullException;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;

/**
 * Proves a graceful stop (the reference: "in-flight and buffered messages are both processed before shutdown
 * completes"; its defect 6: a shutdown flush capped by a fixed timeout, aborted by errors, not instrumented): stop()
 * refuses new inserts, delivers what is pending and in flight, retries within processingTimeoutMs, accounts for what
 * it gives up, emits one partitionStopped per partition, and a registry stops dead-letter buffers last.
 */
class StopTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private ExecutorService workers;
    private final List<Thread> producerThreads = new CopyOnWriteArrayList<>();

    @AfterEach
    void releaseThreads() throws InterruptedException {
        for (Thread thread : producerThreads) {
            thread.interrupt();
            thread.join(5_000);
        }
        if (workers != null) {
            workers.shutdownNow();
            assertTrue(workers.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    private PartitionedBuffer buffer(String name, BufferType type, int partitions, BufferScheduler on) {
        return LifecycleBuffers.create(LifecycleBuffers.options(name, type).partitions(partitions)
                .processingIntervalMs(100).processingBatchSize(10).build(), on);
    }

    private void attachAndStart(PartitionedBuffer buffer, RecordingListener listener) {
        buffer.attach(listener);
        buffer.start();
        scheduler.runReady(); // the delivery attach() asks for finds nothing yet
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void stopDeliversEverythingPendingInEveryPartitionThenCompletes(BufferType type) {
        PartitionedBuffer buffer = buffer("ledger", type, 3, scheduler);
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        RecordingListener listener = new RecordingListener();
        attachAndStart(buffer, listener);
        List<PartitionKey> partition = LifecycleBuffers.keysForEachPartition(buffer);
        insertAll(buffer, ids(0, 5), partition.get(0));
        insertAll(buffer, ids(5, 9), partition.get(1)); // partition 2 stays empty: it must stop all the same

        CompletableFuture<Void> stopped = buffer.stop();
        assertTrue(buffer.isStopping());
        assertFalse(stopped.isDone(), "nothing was delivered yet");
        scheduler.runReady(); // no clock advance: a stop does not wait for ticks

        assertTrue(stopped.isDone());
        assertTrue(buffer.isStopped());
        assertDelivered(type, ids(0, 9), listener);
        assertEquals(0, buffer.size());
        assertEquals(9, buffer.statistics().processed());
        assertEquals(List.of("partitionStopped p0 reason=shutdown", "partitionStopped p1 reason=shutdown",
                "partitionStopped p2 reason=shutdown"), events.of("partitionStopped").stream().sorted().toList());

        buffer.flush(); // nothing may stop twice
        scheduler.advance(60_000); // every tick and processing-timeout check that could still be due
        assertEquals(3, events.of("partitionStopped").size());
        assertEquals(0, scheduler.pendingTimers(), "no partition timer may re-arm after the stop");
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void insertsAfterStopBeganAreRefusedWithAMessageNamingTheBuffer(BufferType type) {
        PartitionedBuffer buffer = buffer("ledger", type, 2, scheduler);
        RecordingListener listener = new RecordingListener();
        attachAndStart(buffer, listener);
        insertAll(buffer, ids(0, 3));

        buffer.stop(); // stopping, not stopped: nothing has run yet
        assertRefusedAsStopping(buffer, () -> insert(buffer, 3));
        assertRefusedAsStopping(buffer, () -> insertAll(buffer, ids(4, 8)));
        if (buffer instanceof MapBuffer map) {
            assertRefusedAsStopping(buffer, () -> map.putNewer(9, "v9", 1));
            assertRefusedAsStopping(buffer, () -> map.putAllNewer(List.of(BufferEntry.of(10, "v10", 1))));
            assertRefusedAsStopping(buffer, () -> map.put(0, "replaced")); // even a pending key
        }
        assertEquals(3, buffer.size());
        assertEquals(3, buffer.statistics().inserted());

        scheduler.runReady();
        assertTrue(buffer.isStopped());
        assertRefusedAsStopping(buffer, () -> insert(buffer, 11));
        assertDelivered(type, ids(0, 3), listener);
        assertEquals(0, buffer.statistics().rejected(), "refusals for stopping are not capacity rejections");
    }

    private static void assertRefusedAsStopping(PartitionedBuffer buffer, Runnable insert) {
        BufferException refused = assertThrows(BufferException.class, insert::run);
        assertFalse(refused instanceof BufferFullException, refused.toString());
        String message = refused.getMessage();
        assertTrue(message.contains("'" + buffer.name() + "'"), message);
        assertTrue(message.contains("is stopping and accepts no more inserts"), message);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aDeliveryInFlightAtStopCompletesAndTheDataPushedBeforeStopFollowsBeforeTheFutureCompletes(BufferType type)
            throws Exception {
        workers = Executors.newFixedThreadPool(2);
        ManualScheduler threaded = new ManualScheduler(workers);
        PartitionedBuffer buffer = buffer("ledger", type, 1, threaded);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onBatch(Batch batch) throws Exception {
                super.onBatch(batch);
                entered.countDown();
                if (batches().size() == 1) {
                    assertTrue(release.await(5, TimeUnit.SECONDS), "the test never released the listener");
                }
            }
        };
        buffer.attach(listener);
        buffer.start();
        insertAll(buffer, ids(0, 3));
        buffer.flush();
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        insertAll(buffer, ids(3, 7)); // pending while batch 1 is in flight

        CompletableFuture<Void> stopped = buffer.stop();
        AtomicInteger deliveredWhenCompleted = new AtomicInteger(-1);
        CompletableFuture<Void> observed = stopped.thenRun(() -> deliveredWhenCompleted.set(listener.items().size()));
        assertFalse(stopped.isDone(), "a batch is still in onBatch");
        release.countDown();

        observed.get(5, TimeUnit.SECONDS);
        assertEquals(7, deliveredWhenCompleted.get(), "everything was delivered before the future completed");
        assertTrue(buffer.isStopped());
        assertEquals(List.of(3, 4), listener.batchSizes());
        assertTrue(listener.batches().stream().allMatch(batch -> batch.attempt() == 1));
        assertDelivered(type, ids(0, 7), listener);
        if (type == BufferType.MAP) {
            assertEquals(List.of(0, 1, 2), listener.batches().get(0).entries().stream()
                    .map(entry -> (Integer) entry.key()).sorted().toList());
        }
        assertEquals(7, buffer.statistics().processed());
        assertEquals(0, buffer.statistics().failedItems());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aFailingListenerDuringStopIsRetriedWithinTheDeadlineThenTheBatchIsGivenUp(BufferType type) {
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("ledger", type).partitions(1)
                .processingBatchSize(5).processingTimeoutMs(1_000).retryBackoffMs(100).maxRetries(100).build(),
                scheduler);
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        List<String> attempts = new ArrayList<>();
        buffer.attach(batch -> {
            attempts.add("attempt " + batch.attempt() + " at " + TimeUnit.NANOSECONDS.toMillis(scheduler.nanoTime()));
            throw new IllegalStateException("database down");
        });
        buffer.start();
        scheduler.runReady();
        insertAll(buffer, ids(0, 5));

        CompletableFuture<Void> stopped = buffer.stop();
        scheduler.runReady();
        assertEquals(List.of("attempt 1 at 0"), attempts);
        assertFalse(stopped.isDone(), "the batch is being retried");
        scheduler.advance(2_000); // well past the stop's deadline of 1,000 ms

        // Backoff 100 x 2^(n-1): retries at 100, 300 and 700 ms fit in 1,000 ms; the next one (1,500) would not.
        assertEquals(List.of("attempt 1 at 0", "attempt 2 at 100", "attempt 3 at 300", "attempt 4 at 700"), attempts);
        assertTrue(stopped.isDone());
        assertTrue(buffer.isStopped());
        BufferStatistics statistics = buffer.statistics();
        assertEquals(4, statistics.exceptions());
        assertEquals(3, statistics.retries());
        assertEquals(1, statistics.failedBatches());
        assertEquals(5, statistics.failedItems());
        assertEquals(0, statistics.processed());
        assertEquals(List.of("processingFailed p0 size=5 deadLettered=false"), events.of("processingFailed"));
        assertEquals(List.of("partitionStopped p0 reason=shutdown"), events.of("partitionStopped"));
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void stopWithNoListenerGivesUpThePendingDataAndCountsIt(BufferType type) {
        PartitionedBuffer buffer = buffer("ledger", type, 2, scheduler);
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        buffer.start();
        List<PartitionKey> partition = LifecycleBuffers.keysForEachPartition(buffer);
        insertAll(buffer, ids(0, 4), partition.get(0));
        insertAll(buffer, ids(4, 6), partition.get(1));

        CompletableFuture<Void> stopped = buffer.stop();
        scheduler.runReady();

        assertTrue(stopped.isDone());
        assertTrue(buffer.isStopped());
        assertEquals(0, buffer.size());
        BufferStatistics statistics = buffer.statistics();
        assertEquals(6, statistics.failedItems());
        assertEquals(2, statistics.failedBatches()); // one give-up per partition, not one per batch
        assertEquals(0, statistics.processed());
        assertEquals(List.of("processingFailed p0 size=4 deadLettered=false",
                "processingFailed p1 size=2 deadLettered=false"), events.of("processingFailed").stream().sorted()
                .toList());
        assertEquals(2, events.of("partitionStopped").size());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aProducerBlockedAtCapacityWhenStopBeginsIsRefusedAsStopping(BufferType type) throws Exception {
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("ledger", type).partitions(1)
                .capacity(3).overflow(Overflow.BLOCK).processingTimeoutMs(60_000).build(), scheduler);
        buffer.start(); // no listener: only the stop's drain can make room
        insertAll(buffer, ids(0, 3));
        CompletableFuture<Void> producer = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                insert(buffer, 3);
                producer.complete(null);
            } catch (Throwable e) {
                producer.completeExceptionally(e);
            }
        }, "stop-test-producer");
        producerThreads.add(thread);
        thread.start();
        LifecycleBuffers.await().until(() -> thread.getState() == Thread.State.TIMED_WAITING);

        CompletableFuture<Void> stopped = buffer.stop();
        scheduler.runReady();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> producer.get(5, TimeUnit.SECONDS));
        BufferException refused = assertInstanceOf(BufferException.class, failure.getCause());
        assertFalse(refused instanceof BufferFullException, refused.toString());
        assertTrue(refused.getMessage().contains("'ledger' is stopping"), refused.getMessage());
        assertTrue(stopped.isDone());
        assertEquals(3, buffer.statistics().inserted());
        assertEquals(3, buffer.statistics().failedItems());
        assertEquals(0, buffer.size());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aListenerHangingDuringStopIsInterruptedAtTheDeadlineAndTheRestIsGivenUp(BufferType type) throws Exception {
        workers = Executors.newFixedThreadPool(2);
        ManualScheduler threaded = new ManualScheduler(workers);
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("ledger", type).partitions(1)
                .processingBatchSize(2).processingTimeoutMs(1_000).retryBackoffMs(100).maxRetries(3).build(),
                threaded);
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        buffer.attach(batch -> {
            calls.incrementAndGet();
            entered.countDown();
            never.await(5, TimeUnit.SECONDS); // hangs until the watchdog interrupts it
        });
        buffer.start();
        insertAll(buffer, ids(0, 5));

        CompletableFuture<Void> stopped = buffer.stop();
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        threaded.advance(1_000); // the stop's deadline: the watchdog interrupts the hung onBatch

        stopped.get(5, TimeUnit.SECONDS);
        assertTrue(buffer.isStopped());
        assertEquals(1, calls.get(), "no retry fits after the deadline");
        BufferStatistics statistics = buffer.statistics();
        assertEquals(1, statistics.exceptions());
        assertEquals(5, statistics.failedItems());
        assertEquals(0, statistics.processed());
        assertEquals(List.of("processingException p0 size=2 attempt=1 error=TimeoutException"),
                events.of("processingException"));
        assertEquals(List.of("processingFailed p0 size=2 deadLettered=false",
                "processingFailed p0 size=3 deadLettered=false"), events.of("processingFailed"));
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void stopOfABufferNeverStartedDeliversWhatItHolds(BufferType type) {
        PartitionedBuffer buffer = buffer("ledger", type, 2, scheduler);
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        insertAll(buffer, ids(0, 4)); // inserts are accepted from creation on
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);

        CompletableFuture<Void> stopped = buffer.stop();
        scheduler.runReady();

        assertTrue(stopped.isDone());
        assertDelivered(type, ids(0, 4), listener);
        assertEquals(2, events.of("partitionStopped").size());
        // What may remain is the processing-timeout check of the last attempts; once it has run, nothing re-arms.
        scheduler.advance(60_000);
        assertEquals(0, scheduler.pendingTimers(), "a stopped buffer leaves no timer behind");
        assertEquals(2, events.of("partitionStopped").size());
    }

    @Test
    void stopCalledTwiceReturnsTheSameFuture() {
        PartitionedBuffer buffer = buffer("ledger", BufferType.QUEUE, 2, scheduler);
        RecordingListener listener = new RecordingListener();
        attachAndStart(buffer, listener);
        insertAll(buffer, ids(0, 4));

        CompletableFuture<Void> first = buffer.stop();
        CompletableFuture<Void> second = buffer.stop();
        scheduler.runReady();
        CompletableFuture<Void> afterStopped = buffer.stop();

        assertSame(first, second);
        assertSame(first, afterStopped);
        assertTrue(first.isDone());
        assertEquals(4, listener.items().size());
    }

    /** Every event of every buffer of a registry, in order, as "buffer event". */
    private static final class RegistryLog implements BufferEventListener {
        private final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void partitionStopped(String buffer, int partition, long durationNanos, String reason) {
            log.add(buffer + " partitionStopped");
        }

        @Override
        public void processingFailed(String buffer, int partition, int size, long systemTimeMillis,
                                     Throwable reason, boolean deadLettered) {
            log.add(buffer + " processingFailed deadLettered=" + deadLettered);
        }

        int firstIndexOf(String entry) {
            return log.indexOf(entry);
        }

        int lastIndexOf(String entry) {
            return log.lastIndexOf(entry);
        }
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void registryStopAllStopsEveryBufferAndTheDeadLetterBufferAfterTheBuffersFeedingIt(BufferType type) {
        BufferRegistry registry = new BufferRegistry(scheduler, "create it with NAME");
        RegistryLog log = new RegistryLog();
        registry.addEventListener(log);
        // The feeder is created first, so that creation order cannot be what puts the dead-letter buffer last.
        PartitionedBuffer orders = registry.create(LifecycleBuffers.options("orders", type).partitions(2)
                .processingBatchSize(100).maxRetries(0).deadLetterBuffer("dlq").build());
        PartitionedBuffer other = registry.create(LifecycleBuffers.options("other", BufferType.QUEUE).partitions(2)
                .build());
        PartitionedBuffer dlq = registry.create(LifecycleBuffers.options("dlq", BufferType.QUEUE).partitions(1)
                .build());
        orders.attach(batch -> {
            throw new IllegalStateException("orders cannot be written");
        });
        RecordingListener otherListener = new RecordingListener();
        RecordingListener dlqListener = new RecordingListener();
        other.attach(otherListener);
        dlq.attach(dlqListener);
        scheduler.runReady();
        insertAll(orders, ids(0, 6));
        insertAll(other, ids(100, 103));

        CompletableFuture<Void> all = registry.stopAll();
        scheduler.runReady();

        assertTrue(all.isDone());
        assertTrue(orders.isStopped());
        assertTrue(other.isStopped());
        assertTrue(dlq.isStopped());
        assertDelivered(BufferType.QUEUE, ids(100, 103), otherListener);
        List<Integer> deadLettered = dlqListener.items().stream()
                .map(item -> (Integer) (item instanceof BufferEntry entry ? entry.key() : item)).sorted().toList();
        assertEquals(ids(0, 6), deadLettered, "the batches given up during the stop reached the dead-letter buffer");
        assertEquals(6, orders.statistics().failedItems());
        assertEquals(6, dlq.statistics().processed());
        int lastFeederEvent = Math.max(log.lastIndexOf("orders partitionStopped"),
                log.lastIndexOf("orders processingFailed deadLettered=true"));
        int dlqStopped = log.firstIndexOf("dlq partitionStopped");
        assertTrue(lastFeederEvent >= 0 && dlqStopped > lastFeederEvent, log.log.toString());
        assertFalse(log.log.contains("orders processingFailed deadLettered=false"), log.log.toString());
        assertNotNull(registry.find("dlq").orElse(null));
    }

    @Test
    void registryStopAllKeepsAChainOfDeadLetterBuffersReceivingUntilItsEnd() {
        // orders -> dlq1 -> dlq2: a batch that fails in orders and again in dlq1 during the stop must reach dlq2,
        // as stopAll promises that batches given up during the others' stop still reach their dead-letter buffer.
        BufferRegistry registry = new BufferRegistry(scheduler, "create it with NAME");
        PartitionedBuffer orders = registry.create(LifecycleBuffers.options("orders", BufferType.QUEUE)
                .partitions(1).maxRetries(0).deadLetterBuffer("dlq1").build());
        PartitionedBuffer dlq1 = registry.create(LifecycleBuffers.options("dlq1", BufferType.QUEUE)
                .partitions(1).maxRetries(0).deadLetterBuffer("dlq2").build());
        PartitionedBuffer dlq2 = registry.create(LifecycleBuffers.options("dlq2", BufferType.QUEUE)
                .partitions(1).build());
        orders.attach(batch -> {
            throw new IllegalStateException("orders cannot be written");
        });
        dlq1.attach(batch -> {
            throw new IllegalStateException("the first dead-letter store is down too");
        });
        RecordingListener last = new RecordingListener();
        dlq2.attach(last);
        scheduler.runReady();
        insertAll(orders, ids(0, 3));

        CompletableFuture<Void> all = registry.stopAll();
        scheduler.runReady();

        assertTrue(all.isDone());
        assertEquals(3, orders.statistics().failedItems());
        assertEquals(3, dlq1.statistics().failedItems());
        assertEquals(ids(0, 3), last.items(), "the items failed twice and must end in the last dead-letter buffer");
    }

    @Test
    void stopAllCompletesWithNoBuffers() {
        BufferRegistry registry = new BufferRegistry(scheduler, "create it with NAME");
        assertTrue(registry.stopAll().isDone());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void stopAppliesTheProcessingTimeoutInForceWhenStopBegins(BufferType type) {
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("ledger", type).partitions(1)
                .processingTimeoutMs(60_000).retryBackoffMs(100).maxRetries(100).build(), scheduler);
        List<Integer> attempts = new ArrayList<>();
        buffer.attach(batch -> {
            attempts.add(batch.attempt());
            throw new IllegalStateException("database down");
        });
        buffer.start();
        scheduler.runReady();
        buffer.updateOptions(Map.of("processingTimeoutMs", "250"));
        insertAll(buffer, ids(0, 2));

        CompletableFuture<Void> stopped = buffer.stop();
        scheduler.advance(1_000);

        // 250 ms leaves room for the retries at 100 ms and (backoff 200) no more: 300 is past the deadline.
        assertEquals(List.of(1, 2), attempts);
        assertTrue(stopped.isDone());
        assertEquals(2, buffer.statistics().failedItems());
    }
}
