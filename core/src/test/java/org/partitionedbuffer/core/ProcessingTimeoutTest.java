package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferType;

/**
 * Proves that processingTimeoutMs bounds every onBatch call, not only the shutdown (defect 3 of the reference: a hung
 * processor stalled its partition forever). Deliveries run on real threads while the test moves the fake clock, so a
 * listener blocks for as long as the test wants and the timeout fires exactly when the clock passes the deadline.
 */
class ProcessingTimeoutTest {

    private static final String TIMEOUT_MESSAGE =
            "onBatch ran past processingTimeoutMs=1000 and its thread was interrupted";

    private final RecordingEvents events = new RecordingEvents();
    private final List<Throwable> reportedErrors = new CopyOnWriteArrayList<>();
    /** Latches the listeners of a test block on; released after each test so that no thread stays blocked. */
    private final List<CountDownLatch> blockers = new CopyOnWriteArrayList<>();
    private ExecutorService pool;
    private OneWorker oneWorker;
    private ManualScheduler scheduler;

    @AfterEach
    void releaseThreads() throws InterruptedException {
        blockers.forEach(CountDownLatch::countDown);
        if (pool != null) {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS), "a delivery thread is still blocked");
        }
        if (oneWorker != null) {
            assertTrue(oneWorker.close(), "the delivery thread is still blocked");
        }
    }

    /** Deliveries on a growing pool, so that a hung call cannot keep the retry from getting a thread. */
    private void deliverOnAPool() {
        pool = Executors.newCachedThreadPool();
        scheduler = new ManualScheduler(pool);
    }

    /** Deliveries on one thread, which keeps whatever interrupt status a call leaves behind. */
    private void deliverOnOneThread() {
        oneWorker = new OneWorker();
        scheduler = new ManualScheduler(oneWorker);
    }

    /**
     * One delivery thread that, unlike ThreadPoolExecutor, does not clear the interrupt status between tasks (an
     * application server's work manager need not), so an interrupt the buffer leaves behind reaches the next call.
     */
    private static final class OneWorker implements Executor {
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final Thread thread = new Thread(this::work, "one-delivery-thread");
        private volatile boolean closed;

        OneWorker() {
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void execute(Runnable task) {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            tasks.add(task);
            LockSupport.unpark(thread);
        }

        private void work() {
            while (!closed) {
                Runnable task = tasks.poll();
                if (task == null) {
                    LockSupport.parkNanos(1_000_000); // returns at once while interrupted, and leaves the status set
                } else {
                    task.run();
                }
            }
        }

        /** True when the thread ended. */
        boolean close() throws InterruptedException {
            closed = true;
            LockSupport.unpark(thread);
            thread.join(5000);
            return !thread.isAlive();
        }
    }

    private static BufferOptions.Builder options(BufferType type) {
        return BufferOptions.builder("events").type(type).partitions(1).processingIntervalMs(100)
                .processingBatchSize(5).processingTimeoutMs(1000).maxRetries(2).retryBackoffMs(100);
    }

    /** Observes a started buffer; the test inserts before attaching, so delivery starts at once, at time 0. */
    private PartitionedBuffer observe(PartitionedBuffer buffer) {
        buffer.addEventListener(events);
        buffer.addEventListener(new BufferEventListener() {
            @Override
            public void processingException(String name, int partition, int size, int attempt, long durationNanos,
                                            Throwable error) {
                reportedErrors.add(error);
            }
        });
        buffer.start();
        return buffer;
    }

    private CountDownLatch blocker() {
        CountDownLatch latch = new CountDownLatch(1);
        blockers.add(latch);
        return latch;
    }

    private static void waitUntil(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(2)).until(condition);
    }

    private static void assertCounters(PartitionedBuffer buffer, long processed, long exceptions, long retries,
                                       long failedBatches, long failedItems) {
        BufferStatistics statistics = buffer.statistics();
        assertEquals(List.of(processed, exceptions, retries, failedBatches, failedItems),
                List.of(statistics.processed(), statistics.exceptions(), statistics.retries(),
                        statistics.failedBatches(), statistics.failedItems()),
                "processed, exceptions, retries, failedBatches, failedItems");
    }

    private void assertOneTimeout() {
        assertEquals(List.of("processingException p0 size=5 attempt=1 error=TimeoutException"),
                events.of("processingException"));
        assertEquals(1, reportedErrors.size());
        assertInstanceOf(TimeoutException.class, reportedErrors.get(0));
        assertEquals(TIMEOUT_MESSAGE, reportedErrors.get(0).getMessage());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aListenerBlockedPastTheTimeoutIsInterruptedAndItsBatchRetried(BufferType type) throws Exception {
        deliverOnOneThread();
        PartitionedBuffer buffer = observe(PartitionedBuffer.create(options(type).build(), scheduler));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = blocker();
        FailingListener listener = new FailingListener(scheduler, call -> {
            if (call.batchNumber == 1 && call.attempt() == 1) {
                entered.countDown();
                never.await();
            }
        });
        NumberedItems.insert(buffer, 1, 10);
        buffer.attach(listener);
        assertTrue(entered.await(5, TimeUnit.SECONDS), "the first batch was not delivered");

        scheduler.advance(999);
        assertEquals(List.of(), events.of("processingException"), "timed out before processingTimeoutMs");
        scheduler.advance(1);
        assertOneTimeout();
        assertEquals(List.of("retryScheduled p0 size=5 nextAttempt=2 backoff=100"), events.of("retryScheduled"));
        waitUntil(() -> listener.call(0).returned);
        assertInstanceOf(InterruptedException.class, listener.call(0).failure, "what the blocked listener saw");
        scheduler.advance(99);
        assertEquals(List.of("1#1"), listener.traces(), "retried before the backoff passed");
        scheduler.advance(1);
        waitUntil(() -> buffer.statistics().processed() == 10);

        assertEquals(List.of("1#1", "1#2", "2#1"), listener.traces());
        assertEquals(List.of(0L, 1100L, 1100L), listener.times());
        assertSame(listener.call(0).thread, listener.call(1).thread, "one delivery thread");
        assertFalse(listener.call(1).interruptedAtStart, "the timeout's interrupt outlived the timed-out call");
        assertFalse(listener.call(2).interruptedAtStart, "the timeout's interrupt outlived the timed-out call");
        assertEquals(List.of("processingStopped p0 size=5 attempt=2", "processingStopped p0 size=5 attempt=1"),
                events.of("processingStopped"));
        assertCounters(buffer, 10, 1, 1, 0, 0);
    }

    /** A listener waiting uninterruptibly restores the interrupt when it returns, as Guava's Uninterruptibles do. */
    @ParameterizedTest
    @EnumSource(BufferType.class)
    void theInterruptOfATimedOutCallDoesNotReachTheNextCallOnItsThread(BufferType type) throws Exception {
        deliverOnOneThread();
        PartitionedBuffer buffer = observe(PartitionedBuffer.create(options(type).build(), scheduler));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = blocker();
        List<InterruptedException> deferred = new CopyOnWriteArrayList<>();
        FailingListener listener = new FailingListener(scheduler, call -> {
            if (call.batchNumber == 1 && call.attempt() == 1) {
                entered.countDown();
                awaitUninterruptibly(release, deferred);
            }
        });
        NumberedItems.insert(buffer, 1, 10);
        buffer.attach(listener);
        assertTrue(entered.await(5, TimeUnit.SECONDS), "the first batch was not delivered");

        scheduler.advance(1000);
        assertOneTimeout();
        waitUntil(() -> !deferred.isEmpty());
        scheduler.advance(100);
        // The retry waits for the one thread, which the hung call gives back with its interrupt status set.
        release.countDown();
        waitUntil(() -> buffer.statistics().processed() == 10);

        assertEquals(List.of("1#1", "1#2", "2#1"), listener.traces());
        assertSame(listener.call(0).thread, listener.call(1).thread, "one delivery thread");
        assertFalse(listener.call(1).interruptedAtStart, "the timeout's interrupt reached the retry");
        assertFalse(listener.call(2).interruptedAtStart, "the timeout's interrupt reached a later batch");
        assertEquals(List.of("processingStopped p0 size=5 attempt=2", "processingStopped p0 size=5 attempt=1"),
                events.of("processingStopped"));
        assertCounters(buffer, 10, 1, 1, 0, 0);
    }

    private static void awaitUninterruptibly(CountDownLatch latch, List<InterruptedException> deferred) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                deferred.add(e);
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aListenerThatIgnoresTheInterruptDoesNotStallItsPartition(BufferType type) throws Exception {
        deliverOnAPool();
        PartitionedBuffer buffer = observe(PartitionedBuffer.create(options(type).build(), scheduler));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = blocker();
        List<InterruptedException> ignored = new CopyOnWriteArrayList<>();
        FailingListener listener = new FailingListener(scheduler, call -> {
            if (call.batchNumber == 1 && call.attempt() == 1) {
                entered.countDown();
                while (true) {
                    try {
                        release.await();
                        return; // a late success, which the buffer must ignore
                    } catch (InterruptedException e) {
                        ignored.add(e);
                    }
                }
            }
        });
        NumberedItems.insert(buffer, 1, 10);
        buffer.attach(listener);
        assertTrue(entered.await(5, TimeUnit.SECONDS), "the first batch was not delivered");

        scheduler.advance(1000);
        assertOneTimeout();
        waitUntil(() -> !ignored.isEmpty());
        scheduler.advance(100);
        waitUntil(() -> buffer.statistics().processed() == 10);
        assertEquals(List.of("1#1", "1#2", "2#1"), listener.traces());
        assertNotSame(listener.call(0).thread, listener.call(1).thread, "the retry waited for the hung thread");
        assertFalse(listener.call(0).returned, "the hung call");

        // The partition goes on with later data while the first call still hangs.
        NumberedItems.insert(buffer, 11, 15);
        scheduler.advance(100);
        waitUntil(() -> buffer.statistics().processed() == 15);
        assertEquals(List.of("1#1", "1#2", "2#1", "3#1"), listener.traces());
        assertEquals(NumberedItems.range(11, 15), listener.batches(0).get(2));

        release.countDown();
        waitUntil(() -> listener.call(0).returned);
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS), "the hung call's thread did not finish");
        assertEquals(List.of("processingStopped p0 size=5 attempt=2", "processingStopped p0 size=5 attempt=1",
                "processingStopped p0 size=5 attempt=1"), events.of("processingStopped"),
                "the late return of the timed-out call counts as nothing");
        assertCounters(buffer, 15, 1, 1, 0, 0);
        assertEquals(1, ignored.size(), "interrupts sent to the hung call");
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aListenerFinishingInTimeIsNotInterruptedAndLeavesNoInterruptOnItsThread(BufferType type)
            throws Exception {
        deliverOnOneThread();
        PartitionedBuffer buffer = observe(PartitionedBuffer.create(options(type).build(), scheduler));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = blocker();
        FailingListener listener = new FailingListener(scheduler, call -> {
            if (call.batchNumber == 1) {
                entered.countDown();
                proceed.await();
            }
        });
        NumberedItems.insert(buffer, 1, 5);
        buffer.attach(listener);
        assertTrue(entered.await(5, TimeUnit.SECONDS), "the first batch was not delivered");

        scheduler.advance(999);
        proceed.countDown();
        waitUntil(() -> buffer.statistics().processed() == 5);
        // The deadline passes after the call returned: the check that was armed for it must leave the thread alone.
        scheduler.advance(1 + 1000);
        NumberedItems.insert(buffer, 6, 10);
        scheduler.advance(100);
        waitUntil(() -> buffer.statistics().processed() == 10);

        assertEquals(List.of("1#1", "2#1"), listener.traces());
        assertTrue(listener.call(0).succeeded(), "the call finishing in time was interrupted");
        assertSame(listener.call(0).thread, listener.call(1).thread, "one delivery thread");
        assertFalse(listener.call(1).interruptedAtStart, "the thread carries an interrupt into the next call");
        assertEquals(List.of(), events.of("processingException"));
        assertCounters(buffer, 10, 0, 0, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBatchTimingOutOnItsLastAttemptGoesToTheDeadLetterBuffer(BufferType type) throws Exception {
        deliverOnAPool();
        BufferRegistry registry = new BufferRegistry(scheduler, "create it with NAME");
        PartitionedBuffer deadLetters = registry.create(BufferOptions.builder("dlq").partitions(1)
                .processingIntervalMs(100).build());
        RecordingListener deadLetterListener = new RecordingListener();
        deadLetters.attach(deadLetterListener);
        PartitionedBuffer buffer = observe(registry.create(options(type).maxRetries(0).deadLetterBuffer("dlq")
                .build()));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = blocker();
        FailingListener listener = new FailingListener(scheduler, call -> {
            if (call.batchNumber == 1) {
                entered.countDown();
                never.await();
            }
        });
        NumberedItems.insert(buffer, 1, 10);
        buffer.attach(listener);
        assertTrue(entered.await(5, TimeUnit.SECONDS), "the first batch was not delivered");

        scheduler.advance(1000);
        assertOneTimeout();
        assertEquals(List.of(), events.of("retryScheduled"));
        assertEquals(List.of("processingFailed p0 size=5 deadLettered=true"), events.of("processingFailed"));
        waitUntil(() -> buffer.statistics().processed() == 5);
        scheduler.advance(100);
        waitUntil(() -> deadLetterListener.items().size() == 5);

        assertEquals(List.of("1#1", "2#1"), listener.traces());
        // The interrupted call records what it saw on its own pool thread, after the watchdog has moved on.
        waitUntil(() -> listener.call(0).returned);
        assertInstanceOf(InterruptedException.class, listener.call(0).failure, "what the blocked listener saw");
        assertEquals(listener.call(0).batch.items(), deadLetterListener.items());
        assertCounters(buffer, 5, 1, 0, 1, 5);
        assertCounters(deadLetters, 5, 0, 0, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBatchTimingOutOnItsLastAttemptIsDroppedCountedAndLogged(BufferType type) throws Exception {
        deliverOnAPool();
        PartitionedBuffer buffer = observe(PartitionedBuffer.create(options(type).maxRetries(1).build(),
                scheduler));
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch never = blocker();
        FailingListener listener = new FailingListener(scheduler, call -> {
            if (call.batchNumber == 1) {
                entered.countDown();
                never.await();
            }
        });
        NumberedItems.insert(buffer, 1, 10);
        buffer.attach(listener);
        waitUntil(() -> listener.calls().size() == 1);

        try (CapturedLog log = new CapturedLog(PartitionDelivery.class)) {
            scheduler.advance(1000);
            scheduler.advance(100);
            assertTrue(entered.await(5, TimeUnit.SECONDS), "the retry was not delivered");
            scheduler.advance(1000);

            assertEquals(List.of("Buffer 'events' partition 0: gave up a batch of 5 item(s) after 2 attempt(s);"
                    + " dropped it"), log.messagesAt(Level.WARNING));
            assertSame(reportedErrors.get(1), log.at(Level.WARNING).get(0).getThrown(),
                    "the logged cause is the second timeout");
        }
        assertEquals(List.of("processingException p0 size=5 attempt=1 error=TimeoutException",
                "processingException p0 size=5 attempt=2 error=TimeoutException"), events.of("processingException"));
        assertEquals(List.of("processingFailed p0 size=5 deadLettered=false"), events.of("processingFailed"));
        waitUntil(() -> buffer.statistics().processed() == 5);

        assertEquals(List.of("1#1", "1#2", "2#1"), listener.traces());
        assertEquals(List.of(0L, 1100L, 2100L), listener.times());
        waitUntil(() -> listener.call(1).returned);
        assertInstanceOf(InterruptedException.class, listener.call(1).failure, "what the blocked retry saw");
        assertCounters(buffer, 5, 2, 1, 1, 5);
    }
}
