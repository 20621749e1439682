package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.partitionedbuffer.core.NumberedItems.range;

import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;

/**
 * Proves what happens when a listener fails (defect 2 of the reference: one exception dropped the rest of the drain):
 * the failed batch is retried with doubling backoff before any later batch of its partition, then dead-lettered or
 * dropped and counted, and every other batch is still delivered. Errors and faulty event observers stop nothing.
 */
class DeliveryFailureTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingEvents events = new RecordingEvents();

    /** One partition, ticks every 100 ms, batches of 5, 2 retries after 100 then 200 ms. */
    private static BufferOptions.Builder options(String name, BufferType type) {
        return BufferOptions.builder(name).type(type).partitions(1).processingIntervalMs(100).processingBatchSize(5)
                .maxRetries(2).retryBackoffMs(100);
    }

    private PartitionedBuffer start(BufferOptions options, BatchListener listener) {
        PartitionedBuffer buffer = PartitionedBuffer.create(options, scheduler);
        buffer.addEventListener(events);
        buffer.attach(listener);
        buffer.start();
        settle();
        return buffer;
    }

    /**
     * Runs the delivery that attaching a listener starts, while nothing is pending: otherwise the manual scheduler
     * would run it at the next advance, after the test's inserts, and deliver them before any tick.
     */
    private void settle() {
        scheduler.runReady();
    }

    private static void assertCounters(PartitionedBuffer buffer, long inserted, long processed, long exceptions,
                                       long retries, long failedBatches, long failedItems) {
        BufferStatistics statistics = buffer.statistics();
        assertEquals(List.of(inserted, processed, exceptions, retries, failedBatches, failedItems),
                List.of(statistics.inserted(), statistics.processed(), statistics.exceptions(), statistics.retries(),
                        statistics.failedBatches(), statistics.failedItems()),
                "inserted, processed, exceptions, retries, failedBatches, failedItems");
    }

    /** The processing events only: inserts and partition starts would bury the sequence under test. */
    private List<String> processingEvents() {
        return events.events().stream().filter(event -> !event.startsWith("inserted ")
                && !event.startsWith("partitionStarted ")).toList();
    }

    /**
     * The batches held these numbers: exactly, for a queue; for a map, whose batches take entries in no particular
     * order, batches of the same sizes holding these numbers between them.
     */
    private static void assertBatches(BufferType type, List<List<Integer>> expected, List<List<Integer>> actual) {
        if (type == BufferType.QUEUE) {
            assertEquals(expected, actual, "batches");
            return;
        }
        assertEquals(expected.stream().map(List::size).toList(), actual.stream().map(List::size).toList(),
                "batch sizes");
        assertEquals(sorted(expected), sorted(actual), "numbers of the batches");
    }

    /** Exactly these numbers were delivered: in this order for a queue, in any order for a map. */
    private static void assertDelivered(BufferType type, List<Integer> expected, FailingListener listener) {
        if (type == BufferType.QUEUE) {
            assertEquals(expected, listener.deliveredNumbers(), "delivered");
        } else {
            assertEquals(expected.stream().sorted().toList(),
                    listener.deliveredNumbers().stream().sorted().toList(), "delivered");
        }
    }

    private static List<Integer> sorted(List<List<Integer>> batches) {
        return batches.stream().flatMap(List::stream).sorted().toList();
    }

    private static List<Integer> without(List<Integer> numbers, List<Integer> removed) {
        return numbers.stream().filter(number -> !removed.contains(number)).toList();
    }

    // ---- defect 2: a failing batch no longer takes the rest of the drain with it

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBatchFailingEveryAttemptIsRetriedWithDoublingBackoffThenGivenUpAndLaterBatchesStillArrive(BufferType type) {
        FailingListener listener = new FailingListener(scheduler, FailingListener.failing(2, Integer.MAX_VALUE));
        PartitionedBuffer buffer = start(options("events", type).build(), listener);
        NumberedItems.insert(buffer, 1, 20);

        scheduler.advance(100);
        assertEquals(List.of("1#1", "2#1"), listener.traces());
        scheduler.advance(99);
        assertEquals(List.of("1#1", "2#1"), listener.traces(), "redelivered before the first backoff (100 ms)");
        scheduler.advance(1);
        assertEquals(List.of("1#1", "2#1", "2#2"), listener.traces());
        scheduler.advance(199);
        assertEquals(3, listener.calls().size(), "redelivered before the second backoff (200 ms)");
        scheduler.advance(1);

        assertEquals(List.of("1#1", "2#1", "2#2", "2#3", "3#1", "4#1"), listener.traces());
        assertEquals(List.of(100L, 100L, 200L, 400L, 400L, 400L), listener.times());
        assertEquals(List.of(true, false, false, false, true, true), listener.outcomes());
        assertBatches(type, List.of(range(1, 5), range(6, 10), range(11, 15), range(16, 20)), listener.batches(0));
        assertDelivered(type, without(range(1, 20), listener.batches(0).get(1)), listener);
        assertCounters(buffer, 20, 15, 3, 2, 1, 5);
        assertEquals(0, buffer.size());
        scheduler.advance(10_000);
        assertEquals(6, listener.calls().size(), "a given-up batch came back");
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aFailedBatchIsRedeliveredBeforeAnyLaterBatchOfItsPartition(BufferType type) {
        FailingListener listener = new FailingListener(scheduler, FailingListener.failing(1, 2));
        PartitionedBuffer buffer = start(options("events", type).maxRetries(3).build(), listener);
        NumberedItems.insert(buffer, 1, 10);

        scheduler.advance(100);
        // Later data, ticks and explicit flushes while the first batch waits for its retry: none may overtake it.
        NumberedItems.insert(buffer, 11, 15);
        buffer.flush();
        scheduler.advance(100);
        NumberedItems.insert(buffer, 16, 20);
        buffer.flush();
        scheduler.advance(100);
        assertEquals(List.of("1#1", "1#2"), listener.traces());
        scheduler.advance(100);

        assertEquals(List.of("1#1", "1#2", "1#3", "2#1", "3#1", "4#1"), listener.traces());
        assertEquals(List.of(100L, 200L, 400L, 400L, 400L, 400L), listener.times());
        assertBatches(type, List.of(range(1, 5), range(6, 10)), listener.batches(0).subList(0, 2));
        assertBatches(type, List.of(range(11, 15), range(16, 20)), listener.batches(0).subList(2, 4));
        assertDelivered(type, range(1, 20), listener);
        assertCounters(buffer, 20, 20, 2, 2, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void anotherPartitionKeepsDeliveringWhileOneWaitsForItsRetry(BufferType type) {
        FailingListener listener = new FailingListener(scheduler, call -> {
            if (call.batch.partition() == 0 && call.attempt() == 1) {
                throw new IllegalStateException("partition 0 fails its first attempt");
            }
        });
        PartitionedBuffer buffer = start(options("events", type).partitions(2).retryBackoffMs(1000).build(),
                listener);
        PartitionKey first = NumberedItems.keyFor(buffer, 0);
        PartitionKey second = NumberedItems.keyFor(buffer, 1);
        NumberedItems.insert(buffer, 1, 5, first);
        NumberedItems.insert(buffer, 101, 105, second);

        scheduler.advance(100);
        NumberedItems.insert(buffer, 106, 110, second);
        scheduler.advance(100);
        NumberedItems.insert(buffer, 111, 115, second);
        scheduler.advance(100);
        assertEquals(List.of("1#1"), listener.traces(0));
        assertEquals(List.of("1#1", "2#1", "3#1"), listener.traces(1));
        assertEquals(List.of(100L, 200L, 300L), listener.times(1));
        assertEquals(List.of(range(101, 105), range(106, 110), range(111, 115)), listener.batches(1));

        scheduler.advance(800);
        assertEquals(List.of("1#1", "1#2"), listener.traces(0));
        assertEquals(List.of(100L, 1100L), listener.times(0));
        assertEquals(List.of(range(1, 5)), listener.batches(0));
        List<PartitionStatistics> partitions = buffer.statistics().partitions();
        assertEquals(List.of(5L, 15L), List.of(partitions.get(0).processed(), partitions.get(1).processed()),
                "processed per partition");
        assertEquals(List.of(1L, 0L), List.of(partitions.get(0).retries(), partitions.get(1).retries()),
                "retries per partition");
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBatchThatFailsOnceThenSucceedsIsDeliveredExactlyOnceSuccessfully(BufferType type) {
        FailingListener listener = new FailingListener(scheduler, FailingListener.failing(2, 1));
        PartitionedBuffer buffer = start(options("events", type).maxRetries(3).build(), listener);
        NumberedItems.insert(buffer, 1, 20);

        scheduler.advance(200);

        assertEquals(List.of("1#1", "2#1", "2#2", "3#1", "4#1"), listener.traces());
        assertEquals(List.of(100L, 100L, 200L, 200L, 200L), listener.times());
        assertEquals(List.of(true, false, true, true, true), listener.outcomes());
        assertBatches(type, List.of(range(1, 5), range(6, 10), range(11, 15), range(16, 20)), listener.batches(0));
        assertDelivered(type, range(1, 20), listener);
        assertCounters(buffer, 20, 20, 1, 1, 0, 0);
        assertEquals(List.of(), events.of("processingFailed"));
    }

    // ---- what happens to a batch that is given up

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aGivenUpBatchGoesToTheDeadLetterBufferAndReachesItsListener(BufferType type) {
        BufferRegistry registry = new BufferRegistry(scheduler, "create it with NAME");
        PartitionedBuffer deadLetters = registry.create(BufferOptions.builder("dlq").partitions(1)
                .processingIntervalMs(100).build());
        RecordingListener deadLetterListener = new RecordingListener();
        deadLetters.attach(deadLetterListener);
        PartitionedBuffer buffer = registry.create(options("events", type).maxRetries(1).deadLetterBuffer("dlq")
                .build());
        buffer.addEventListener(events);
        FailingListener listener = new FailingListener(scheduler, FailingListener.failing(2, Integer.MAX_VALUE));
        buffer.attach(listener);
        settle();
        NumberedItems.insert(buffer, 1, 20);

        scheduler.advance(200);
        assertEquals(List.of("1#1", "2#1", "2#2", "3#1", "4#1"), listener.traces());
        assertEquals(List.of("processingFailed p0 size=5 deadLettered=true"), events.of("processingFailed"));
        assertEquals(5, deadLetters.size(), "items waiting in the dead-letter buffer");
        scheduler.advance(100);

        // The very items of the failed batch, in its order: for a map buffer, its BufferEntry objects.
        assertEquals(listener.call(2).batch.items(), deadLetterListener.items());
        assertBatches(type, List.of(range(1, 5), range(6, 10), range(11, 15), range(16, 20)), listener.batches(0));
        List<Object> expected = NumberedItems.itemsOf(type, listener.batches(0).get(1));
        if (type == BufferType.QUEUE) {
            assertEquals(expected, deadLetterListener.items());
        } else {
            assertEquals(5, deadLetterListener.items().size());
            assertEquals(new HashSet<>(expected), new HashSet<>(deadLetterListener.items()));
        }
        assertCounters(buffer, 20, 15, 2, 1, 1, 5);
        assertCounters(deadLetters, 5, 5, 0, 0, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aGivenUpBatchIsDroppedCountedAndLoggedWhenTheDeadLetterBufferDoesNotExist(BufferType type) {
        BufferRegistry registry = new BufferRegistry(scheduler, "create it with NAME");
        PartitionedBuffer buffer = registry.create(options("events", type).maxRetries(1)
                .deadLetterBuffer("nowhere").build());
        buffer.addEventListener(events);
        FailingListener listener = new FailingListener(scheduler, FailingListener.failing(2, Integer.MAX_VALUE));
        buffer.attach(listener);
        settle();
        NumberedItems.insert(buffer, 1, 20);

        try (CapturedLog deliveryLog = new CapturedLog(PartitionDelivery.class);
             CapturedLog bufferLog = new CapturedLog(DeadLetters.class)) {
            scheduler.advance(200);

            assertEquals(List.of("processingFailed p0 size=5 deadLettered=false"), events.of("processingFailed"));
            assertEquals(List.of("Buffer 'events' partition 0: gave up a batch of 5 item(s) after 2 attempt(s);"
                    + " dropped it"), deliveryLog.messagesAt(Level.WARNING));
            assertSame(listener.call(2).failure, deliveryLog.at(Level.WARNING).get(0).getThrown(),
                    "the logged cause is the last attempt's exception");
            assertEquals(List.of("Buffer 'events': dead-letter buffer 'nowhere' does not exist; create a queue"
                    + " buffer with that name to keep failed batches"), bufferLog.messagesAt(Level.WARNING));
        }
        assertEquals(List.of("1#1", "2#1", "2#2", "3#1", "4#1"), listener.traces());
        assertDelivered(type, without(range(1, 20), listener.batches(0).get(1)), listener);
        assertCounters(buffer, 20, 15, 2, 1, 1, 5);

        NumberedItems.insert(buffer, 21, 25);
        scheduler.advance(100);
        assertEquals(List.of("1#1", "2#1", "2#2", "3#1", "4#1", "5#1"), listener.traces());
        assertEquals(range(21, 25), listener.batches(0).get(4));
        assertCounters(buffer, 25, 20, 2, 1, 1, 5);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aGivenUpBatchIsDroppedWhenTheDeadLetterBufferIsAMapBuffer(BufferType type) {
        BufferRegistry registry = new BufferRegistry(scheduler, "create it with NAME");
        PartitionedBuffer mapBuffer = registry.create(BufferOptions.builder("dlq").type(BufferType.MAP)
                .partitions(1).processingIntervalMs(100).build());
        RecordingListener mapListener = new RecordingListener();
        mapBuffer.attach(mapListener);
        PartitionedBuffer buffer = registry.create(options("events", type).maxRetries(0).deadLetterBuffer("dlq")
                .build());
        buffer.addEventListener(events);
        FailingListener listener = new FailingListener(scheduler, FailingListener.failing(2, Integer.MAX_VALUE));
        buffer.attach(listener);
        settle();
        NumberedItems.insert(buffer, 1, 20);

        try (CapturedLog bufferLog = new CapturedLog(DeadLetters.class)) {
            scheduler.advance(200);
            assertEquals(List.of("Buffer 'events': dead-letter buffer 'dlq' is not a queue buffer; create a queue"
                    + " buffer with that name to keep failed batches"), bufferLog.messagesAt(Level.WARNING));
        }

        assertEquals(List.of("processingFailed p0 size=5 deadLettered=false"), events.of("processingFailed"));
        assertEquals(List.of("1#1", "2#1", "3#1", "4#1"), listener.traces());
        assertCounters(buffer, 20, 15, 1, 0, 1, 5);
        assertCounters(mapBuffer, 0, 0, 0, 0, 0, 0);
        assertEquals(List.of(), mapListener.batches());
    }

    /** Were the delivery thread to wait for room (overflow=block), it would hang for the dlq's processingTimeoutMs. */
    @ParameterizedTest
    @EnumSource(BufferType.class)
    @Timeout(10)
    void aFullDeadLetterBufferRefusesTheBatchAtOnceAndItIsDropped(BufferType type) {
        BufferRegistry registry = new BufferRegistry(scheduler, "create it with NAME");
        QueueBuffer deadLetters = (QueueBuffer) registry.create(BufferOptions.builder("dlq").partitions(1)
                .processingIntervalMs(100).capacity(7).overflow(Overflow.BLOCK).processingTimeoutMs(60_000)
                .build());
        deadLetters.pushAll(List.of("a", "b", "c", "d", "e")); // no listener: it stays this full
        PartitionedBuffer buffer = registry.create(options("events", type).maxRetries(0).deadLetterBuffer("dlq")
                .build());
        buffer.addEventListener(events);
        FailingListener listener = new FailingListener(scheduler, FailingListener.failing(2, Integer.MAX_VALUE));
        buffer.attach(listener);
        settle();
        NumberedItems.insert(buffer, 1, 20);

        try (CapturedLog bufferLog = new CapturedLog(DeadLetters.class)) {
            scheduler.advance(100);
            List<String> warnings = bufferLog.messagesAt(Level.WARNING);
            assertEquals(1, warnings.size(), "warnings: " + warnings);
            assertTrue(warnings.get(0).startsWith("Buffer 'events': dead-letter buffer 'dlq' refused a batch: Buffer"
                    + " 'dlq' refused 5 item(s): it holds its capacity of 7 pending items"), warnings.get(0));
        }

        assertEquals(List.of("processingFailed p0 size=5 deadLettered=false"), events.of("processingFailed"));
        assertEquals(List.of("1#1", "2#1", "3#1", "4#1"), listener.traces());
        assertCounters(buffer, 20, 15, 1, 0, 1, 5);
        assertEquals(5, deadLetters.size(), "the dead-letter buffer took part of the batch");
        assertEquals(5, deadLetters.statistics().rejected());
    }

    // ---- retry options

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void withNoRetriesABatchIsGivenUpAfterItsFirstFailure(BufferType type) {
        FailingListener listener = new FailingListener(scheduler, FailingListener.failing(2, Integer.MAX_VALUE));
        PartitionedBuffer buffer = start(options("events", type).maxRetries(0).build(), listener);
        NumberedItems.insert(buffer, 1, 20);

        scheduler.advance(100);
        assertEquals(List.of("1#1", "2#1", "3#1", "4#1"), listener.traces());
        scheduler.advance(10_000);

        assertEquals(List.of("1#1", "2#1", "3#1", "4#1"), listener.traces());
        assertEquals(List.of(), events.of("retryScheduled"));
        assertEquals(List.of("processingFailed p0 size=5 deadLettered=false"), events.of("processingFailed"));
        assertDelivered(type, without(range(1, 20), listener.batches(0).get(1)), listener);
        assertCounters(buffer, 20, 15, 1, 0, 1, 5);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void withNoBackoffAFailedBatchIsRetriedAtOnce(BufferType type) {
        FailingListener listener = new FailingListener(scheduler, FailingListener.failing(2, 2));
        PartitionedBuffer buffer = start(options("events", type).retryBackoffMs(0).build(), listener);
        NumberedItems.insert(buffer, 1, 15);

        scheduler.advance(100);

        assertEquals(List.of("1#1", "2#1", "2#2", "2#3", "3#1"), listener.traces());
        assertEquals(List.of(100L, 100L, 100L, 100L, 100L), listener.times());
        assertEquals(List.of("retryScheduled p0 size=5 nextAttempt=2 backoff=0",
                "retryScheduled p0 size=5 nextAttempt=3 backoff=0"), events.of("retryScheduled"));
        assertDelivered(type, range(1, 15), listener);
        assertCounters(buffer, 15, 15, 2, 2, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void loweringMaxRetriesDuringABackoffGivesTheWaitingBatchUpAtItsNextFailure(BufferType type) {
        FailingListener listener = new FailingListener(scheduler, FailingListener.failing(1, Integer.MAX_VALUE));
        PartitionedBuffer buffer = start(options("events", type).maxRetries(5).build(), listener);
        NumberedItems.insert(buffer, 1, 10);

        scheduler.advance(100);
        assertEquals(List.of("retryScheduled p0 size=5 nextAttempt=2 backoff=100"), events.of("retryScheduled"));
        buffer.updateOptions(Map.of("maxRetries", "1"));
        scheduler.advance(100);
        scheduler.advance(10_000);

        assertEquals(List.of("1#1", "1#2", "2#1"), listener.traces());
        assertEquals(List.of(100L, 200L, 200L), listener.times());
        assertEquals(List.of("processingFailed p0 size=5 deadLettered=false"), events.of("processingFailed"));
        assertCounters(buffer, 10, 5, 2, 1, 1, 5);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void raisingMaxRetriesDuringABackoffGivesTheWaitingBatchMoreAttempts(BufferType type) {
        FailingListener listener = new FailingListener(scheduler, FailingListener.failing(1, 3));
        PartitionedBuffer buffer = start(options("events", type).maxRetries(1).build(), listener);
        NumberedItems.insert(buffer, 1, 10);

        scheduler.advance(100);
        buffer.updateOptions(Map.of("maxRetries", "3"));
        scheduler.advance(100 + 200 + 400);

        assertEquals(List.of("1#1", "1#2", "1#3", "1#4", "2#1"), listener.traces());
        assertEquals(List.of(100L, 200L, 400L, 800L, 800L), listener.times());
        assertEquals(List.of(), events.of("processingFailed"));
        assertDelivered(type, range(1, 10), listener);
        assertCounters(buffer, 10, 10, 3, 3, 0, 0);
    }

    @Test
    void backoffDoublesWithEachFailedAttempt() {
        assertEquals(1000, PartitionDelivery.backoffMillis(1000, 1));
        assertEquals(2000, PartitionDelivery.backoffMillis(1000, 2));
        assertEquals(4000, PartitionDelivery.backoffMillis(1000, 3));
        assertEquals(1000L << 52, PartitionDelivery.backoffMillis(1000, 53));
        assertEquals(0, PartitionDelivery.backoffMillis(0, 1));
        assertEquals(0, PartitionDelivery.backoffMillis(0, 100));
        assertEquals(0, PartitionDelivery.backoffMillis(0, Integer.MAX_VALUE));
    }

    @Test
    void backoffSaturatesAtLongMaxValueInsteadOfOverflowing() {
        assertEquals(1000L << 53, PartitionDelivery.backoffMillis(1000, 54));
        assertEquals(Long.MAX_VALUE, PartitionDelivery.backoffMillis(1000, 55));
        assertEquals(Long.MAX_VALUE, PartitionDelivery.backoffMillis(1000, 64));
        assertEquals(Long.MAX_VALUE, PartitionDelivery.backoffMillis(1000, Integer.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, PartitionDelivery.backoffMillis(Long.MAX_VALUE, 2));
        assertEquals(1L << 62, PartitionDelivery.backoffMillis(1, 63));
        // 1 x 2^63 does not fit in a long either: it must saturate like the others, not stop at 2^62.
        assertEquals(Long.MAX_VALUE, PartitionDelivery.backoffMillis(1, 64));
        assertEquals(Long.MAX_VALUE, PartitionDelivery.backoffMillis(1, 100));
    }

    // ---- defect 8: nothing a listener or an observer throws stops the buffer

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void errorsThrownByTheListenerAreRetriedLikeExceptionsAndTheBufferKeepsDelivering(BufferType type) {
        FailingListener listener = new FailingListener(scheduler, call -> {
            if (call.batchNumber == 2 && call.attempt() == 1) {
                throw new AssertionError("listener assertion failed");
            }
            if (call.batchNumber == 2 && call.attempt() == 2) {
                throw new StackOverflowError();
            }
            if (call.batchNumber == 3) {
                throw new NoClassDefFoundError("com/example/Missing");
            }
        });
        PartitionedBuffer buffer = start(options("events", type).build(), listener);
        NumberedItems.insert(buffer, 1, 15);

        scheduler.advance(100 + 100 + 200 + 100 + 200);
        NumberedItems.insert(buffer, 16, 20);
        scheduler.advance(100);

        assertEquals(List.of("1#1", "2#1", "2#2", "2#3", "3#1", "3#2", "3#3", "4#1"), listener.traces());
        assertEquals(List.of(
                "processingException p0 size=5 attempt=1 error=AssertionError",
                "processingException p0 size=5 attempt=2 error=StackOverflowError",
                "processingException p0 size=5 attempt=1 error=NoClassDefFoundError",
                "processingException p0 size=5 attempt=2 error=NoClassDefFoundError",
                "processingException p0 size=5 attempt=3 error=NoClassDefFoundError"),
                events.of("processingException"));
        assertEquals(List.of("processingFailed p0 size=5 deadLettered=false"), events.of("processingFailed"));
        assertEquals(range(16, 20), listener.batches(0).get(3));
        assertDelivered(type, without(range(1, 20), listener.batches(0).get(2)), listener);
        assertCounters(buffer, 20, 15, 5, 4, 1, 5);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void anEventObserverThrowingOnEveryEventBreaksNeitherInsertsNorDeliveries(BufferType type) {
        assertObserverFailuresAreContained(type, () -> new IllegalStateException("observer is broken"));
    }

    /** A metrics observer whose library is missing at runtime fails with an Error, not an exception. */
    @ParameterizedTest
    @EnumSource(BufferType.class)
    void anEventObserverFailingWithAnErrorOnEveryEventBreaksNeitherInsertsNorDeliveries(BufferType type) {
        assertObserverFailuresAreContained(type,
                () -> new NoClassDefFoundError("org/eclipse/microprofile/metrics/MetricRegistry"));
    }

    private void assertObserverFailuresAreContained(BufferType type, Supplier<Throwable> failure) {
        List<String> offered = new CopyOnWriteArrayList<>();
        BufferEventListener broken = (BufferEventListener) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BufferEventListener.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "broken observer";
                        };
                    }
                    offered.add(method.getName());
                    throw failure.get();
                });
        FailingListener listener = new FailingListener(scheduler, FailingListener.failing(2, 1));
        PartitionedBuffer buffer = PartitionedBuffer.create(options("events", type).maxRetries(1).build(),
                scheduler);
        buffer.addEventListener(broken);
        buffer.addEventListener(events);
        buffer.attach(listener);
        buffer.start();
        settle();

        NumberedItems.insert(buffer, 1, 10);
        scheduler.advance(200);
        buffer.stop();
        scheduler.runReady();

        assertEquals(List.of("1#1", "2#1", "2#2"), listener.traces());
        assertDelivered(type, range(1, 10), listener);
        assertCounters(buffer, 10, 10, 1, 1, 0, 0);
        assertTrue(buffer.isStopped(), "the buffer stopped");
        List<String> expected = List.of("partitionStarted", "processingStarted", "processingStopped",
                "processingStarted", "processingException", "retryScheduled", "processingStarted",
                "processingStopped", "partitionStopped");
        List<String> offeredButInserts = new ArrayList<>(List.of("listenerAttached"));
        offeredButInserts.addAll(expected);
        assertEquals(offeredButInserts, offered.stream().filter(name -> !name.equals("inserted")).toList(),
                "events offered to the broken observer");
        assertEquals(10, offered.stream().filter("inserted"::equals).count(), "inserted events offered");
        // The observer registered after the broken one still saw every event.
        assertEquals(expected, events.events().stream().filter(event -> !event.startsWith("inserted "))
                .map(event -> event.substring(0, event.indexOf(' '))).toList());
    }

    // ---- events

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aFailingBatchEmitsExceptionRetryAndFailureEventsInOrder(BufferType type) {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        List<Throwable> givenUpFor = new CopyOnWriteArrayList<>();
        FailingListener listener = new FailingListener(scheduler, FailingListener.failing(2, Integer.MAX_VALUE));
        PartitionedBuffer buffer = start(options("events", type).build(), listener);
        buffer.addEventListener(new BufferEventListener() {
            @Override
            public void processingException(String name, int partition, int size, int attempt, long durationNanos,
                                            Throwable error) {
                reported.add(error);
            }

            @Override
            public void processingFailed(String name, int partition, int size, long systemTimeMillis,
                                         Throwable reason, boolean deadLettered) {
                givenUpFor.add(reason);
            }
        });
        NumberedItems.insert(buffer, 1, 10);

        scheduler.advance(400);

        assertEquals(List.of(
                "processingStarted p0 size=5 attempt=1",
                "processingStopped p0 size=5 attempt=1",
                "processingStarted p0 size=5 attempt=1",
                "processingException p0 size=5 attempt=1 error=IllegalStateException",
                "retryScheduled p0 size=5 nextAttempt=2 backoff=100",
                "processingStarted p0 size=5 attempt=2",
                "processingException p0 size=5 attempt=2 error=IllegalStateException",
                "retryScheduled p0 size=5 nextAttempt=3 backoff=200",
                "processingStarted p0 size=5 attempt=3",
                "processingException p0 size=5 attempt=3 error=IllegalStateException",
                "processingFailed p0 size=5 deadLettered=false"), processingEvents());
        // The events carry the listener's own exceptions, and the failure the last one.
        List<Throwable> thrown = listener.calls().subList(1, 4).stream().map(call -> call.failure).toList();
        assertEquals(3, reported.size());
        for (int i = 0; i < thrown.size(); i++) {
            assertInstanceOf(IllegalStateException.class, thrown.get(i));
            assertSame(thrown.get(i), reported.get(i), "the error of attempt " + (i + 1));
        }
        assertEquals(1, givenUpFor.size());
        assertSame(thrown.get(2), givenUpFor.get(0), "processingFailed carries the last attempt's error");
    }
}
