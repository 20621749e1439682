package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.partitionedbuffer.core.LifecycleBuffers.assertDelivered;
import static org.partitionedbuffer.core.LifecycleBuffers.ids;
import static org.partitionedbuffer.core.LifecycleBuffers.insert;
import static org.partitionedbuffer.core.LifecycleBuffers.insertAll;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferFullException;
import org.partitionedbuffer.api.BufferType;

/**
 * Proves the capacity bound the reference lacked (its defect 4: no bound, no backpressure): a bounded buffer never
 * holds more than {@code capacity} pending items, refuses what does not fit (all or nothing, counted, with an event),
 * makes producers wait with {@code overflow=block}, and keeps an exact count while capacity changes at runtime.
 */
class CapacityTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<Thread> producerThreads = new CopyOnWriteArrayList<>();

    @AfterEach
    void releaseProducers() throws InterruptedException {
        // A producer still blocked after a failed test is woken (an interrupt refuses its insert) so it cannot leak.
        for (Thread thread : producerThreads) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    private PartitionedBuffer bounded(String name, BufferType type, long capacity, Overflow overflow) {
        return LifecycleBuffers.create(LifecycleBuffers.options(name, type).partitions(2).processingIntervalMs(100)
                .processingBatchSize(100).capacity(capacity).overflow(overflow).build(), scheduler);
    }

    /** Runs {@code insert} on a new real thread; the future completes when it returns or throws. */
    private CompletableFuture<Void> onProducerThread(Runnable insert) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                insert.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "capacity-test-producer");
        producerThreads.add(thread);
        thread.start();
        return done;
    }

    /** Waits until the producer thread is parked in its timed wait for room. */
    private void awaitProducerBlocked() {
        Thread producer = producerThreads.get(producerThreads.size() - 1);
        LifecycleBuffers.await()
                .until(() -> producer.getState() == Thread.State.TIMED_WAITING);
    }

    private static Throwable failureOf(CompletableFuture<Void> future) throws InterruptedException {
        try {
            future.get(5, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the producer did not finish", e);
        }
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void rejectRefusesTheInsertBeyondCapacityWithAMessageNamingBufferAndCapacity(BufferType type) {
        PartitionedBuffer buffer = bounded("orders", type, 10, Overflow.REJECT);
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        buffer.start();
        for (int id = 0; id < 10; id++) {
            insert(buffer, id);
        }

        BufferFullException refused = assertThrows(BufferFullException.class, () -> insert(buffer, 10));

        String message = refused.getMessage();
        assertTrue(message.contains("'orders'"), message);
        assertTrue(message.contains("capacity of 10"), message);
        assertTrue(message.contains("raise capacity"), message);
        assertTrue(message.contains("overflow=block"), message);
        assertEquals(10, buffer.size());
        assertEquals(10, buffer.statistics().inserted());
        assertEquals(1, buffer.statistics().rejected());
        assertEquals(List.of("rejected count=1"), events.of("rejected"));
        if (buffer instanceof MapBuffer map) {
            assertTrue(map.get(10).isEmpty(), "the refused key must not be pending");
        }
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aDrainMakesRoomForInsertsAgain(BufferType type) {
        PartitionedBuffer buffer = bounded("orders", type, 10, Overflow.REJECT);
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        buffer.start();
        insertAll(buffer, ids(0, 10));
        assertThrows(BufferFullException.class, () -> insert(buffer, 10));

        scheduler.advance(100);
        assertDelivered(type, ids(0, 10), listener);
        assertEquals(0, buffer.size());

        for (int id = 11; id < 21; id++) {
            insert(buffer, id);
        }
        assertEquals(10, buffer.size());
        assertThrows(BufferFullException.class, () -> insert(buffer, 21));
        assertEquals(2, buffer.statistics().rejected());
        assertEquals(20, buffer.statistics().inserted());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBatchCallThatWouldExceedCapacityInsertsNothingAndCountsAllItsItemsAsRejected(BufferType type) {
        PartitionedBuffer buffer = bounded("orders", type, 10, Overflow.REJECT);
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        buffer.start();
        insertAll(buffer, ids(0, 7));

        BufferFullException refused = assertThrows(BufferFullException.class,
                () -> insertAll(buffer, ids(7, 12)));

        assertTrue(refused.getMessage().contains("'orders' refused 5 item(s)"), refused.getMessage());
        assertEquals(7, buffer.size());
        assertEquals(7, buffer.statistics().inserted());
        assertEquals(5, buffer.statistics().rejected());
        assertEquals(List.of("rejected count=5"), events.of("rejected"));

        insertAll(buffer, ids(7, 10)); // exactly what is left fits
        assertEquals(10, buffer.size());
        buffer.flush();
        scheduler.runReady();
        assertDelivered(type, ids(0, 10), listener);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBatchCallLargerThanCapacityIsRefusedAtOnceEvenWithOverflowBlock(BufferType type) {
        // processingTimeoutMs is long: were the call to wait for room that can never come, the test would hang.
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("orders", type).partitions(2)
                .capacity(10).overflow(Overflow.BLOCK).processingTimeoutMs(600_000).build(), scheduler);
        buffer.start();

        BufferFullException refused = assertThrows(BufferFullException.class,
                () -> insertAll(buffer, ids(0, 11)));

        String message = refused.getMessage();
        assertTrue(message.contains("'orders' refused 11 item(s)"), message);
        assertTrue(message.contains("more than the whole capacity of 10"), message);
        assertTrue(message.contains("smaller calls or raise capacity"), message);
        assertEquals(0, buffer.size());
        assertEquals(0, buffer.statistics().inserted());
        assertEquals(11, buffer.statistics().rejected());
    }

    @Test
    void aMapPutThatReplacesAPendingKeyNeedsNoRoom() {
        MapBuffer map = (MapBuffer) bounded("prices", BufferType.MAP, 3, Overflow.REJECT);
        map.start();
        map.put("a", 1);
        map.put("b", 1);
        map.put("c", 1);

        map.put("b", 2);
        map.putAll(Map.of("a", 2, "c", 2));
        assertThrows(BufferFullException.class, () -> map.put("d", 1));
        assertThrows(BufferFullException.class, () -> map.putAll(Map.of("a", 3, "d", 1)));

        assertEquals(3, map.size());
        assertEquals(2, map.get("a").orElseThrow());
        assertEquals(2, map.get("b").orElseThrow());
        assertEquals(2, map.get("c").orElseThrow());
        assertTrue(map.get("d").isEmpty());
        assertEquals(3, map.statistics().rejected()); // 1 for the put, 2 for the putAll (all of its items)
    }

    @Test
    void aMapPutNewerIgnoredAsOlderNeedsNoRoomAndANewerOneReplacesAtCapacity() {
        MapBuffer map = (MapBuffer) bounded("prices", BufferType.MAP, 2, Overflow.REJECT);
        map.start();
        assertTrue(map.putNewer("a", "a5", 5));
        assertTrue(map.putNewer("b", "b5", 5));

        assertFalse(map.putNewer("a", "a4", 4));
        assertFalse(map.putNewer("b", "b5bis", 5));
        assertEquals(0, map.statistics().rejected());

        assertTrue(map.putNewer("a", "a6", 6));
        assertEquals(new BufferEntry("a", "a6", 6, 1), map.entry("a", null).orElseThrow());
        assertThrows(BufferFullException.class, () -> map.putNewer("c", "c1", 1));
        assertEquals(2, map.size());
        assertEquals(1, map.statistics().rejected());
    }

    @Test
    void aMapDeleteFreesRoom() {
        MapBuffer map = (MapBuffer) bounded("prices", BufferType.MAP, 2, Overflow.REJECT);
        map.start();
        map.put("a", 1);
        map.put("b", 1);
        assertThrows(BufferFullException.class, () -> map.put("c", 1));

        assertTrue(map.delete("a"));
        assertFalse(map.delete("a"));
        map.put("c", 1);

        assertEquals(2, map.size());
        assertThrows(BufferFullException.class, () -> map.put("d", 1)); // a failed delete gave no extra room
        assertEquals(Set.of("b", "c"), pendingKeys(map, "a", "b", "c", "d"));
    }

    private static Set<Object> pendingKeys(MapBuffer map, Object... candidates) {
        Set<Object> pending = new HashSet<>();
        for (Object key : candidates) {
            map.get(key).ifPresent(value -> pending.add(key));
        }
        return pending;
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBlockedProducerProceedsAsSoonAsADrainMakesRoom(BufferType type) throws Exception {
        // One partition: the producer's item can then only land after the drain that made its room.
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("orders", type).partitions(1)
                .processingIntervalMs(100).processingBatchSize(100).capacity(5).overflow(Overflow.BLOCK)
                .processingTimeoutMs(60_000).build(), scheduler);
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        buffer.start();
        insertAll(buffer, ids(0, 5));

        CompletableFuture<Void> producer = onProducerThread(() -> insert(buffer, 5));
        awaitProducerBlocked();
        assertFalse(producer.isDone());
        assertEquals(5, buffer.size());

        buffer.flush();
        scheduler.runReady(); // the drain runs here, on the test thread, while the producer waits on its own

        LifecycleBuffers.await().until(producer::isDone);
        assertNull(failureOf(producer));
        assertDelivered(type, ids(0, 5), listener);
        assertEquals(1, buffer.size());
        assertEquals(6, buffer.statistics().inserted());
        assertEquals(0, buffer.statistics().rejected());
        buffer.flush();
        scheduler.runReady();
        assertDelivered(type, ids(0, 6), listener);
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBlockedProducerWithNoDrainIsRefusedAfterProcessingTimeout(BufferType type) throws Exception {
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("orders", type).partitions(2)
                .capacity(5).overflow(Overflow.BLOCK).processingTimeoutMs(50).build(), scheduler);
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        buffer.start(); // no listener: nothing can drain
        insertAll(buffer, ids(0, 5));

        CompletableFuture<Void> producer = onProducerThread(() -> insert(buffer, 5));
        awaitProducerBlocked();
        scheduler.advance(50); // the wait's deadline is on the scheduler's clock
        Throwable failure = failureOf(producer);

        BufferFullException refused = assertInstanceOf(BufferFullException.class, failure);
        String message = refused.getMessage();
        assertTrue(message.contains("'orders'"), message);
        assertTrue(message.contains("capacity of 5"), message);
        assertTrue(message.contains("50 ms (overflow=block)"), message);
        assertEquals(5, buffer.size());
        assertEquals(1, buffer.statistics().rejected());
        assertEquals(List.of("rejected count=1"), events.of("rejected"));
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBlockedProducerProceedsWhenCapacityIsRaised(BufferType type) throws Exception {
        // updateOptions documents that a larger capacity concerns waiting producers: they must not wait for a drain.
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("orders", type).partitions(2)
                .capacity(5).overflow(Overflow.BLOCK).processingTimeoutMs(60_000).build(), scheduler);
        buffer.start(); // no listener: only the new capacity can make room
        insertAll(buffer, ids(0, 5));
        CompletableFuture<Void> producer = onProducerThread(() -> insert(buffer, 5));
        awaitProducerBlocked();

        buffer.updateOptions(Map.of("capacity", "10"));

        LifecycleBuffers.await().until(producer::isDone);
        assertNull(failureOf(producer));
        assertEquals(6, buffer.size());
        assertEquals(0, buffer.statistics().rejected());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBlockedProducerIsRefusedWhenOverflowTurnsToReject(BufferType type) throws Exception {
        // updateOptions documents that "block turned into reject" concerns waiting producers: they must stop waiting.
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("orders", type).partitions(2)
                .capacity(5).overflow(Overflow.BLOCK).processingTimeoutMs(60_000).build(), scheduler);
        buffer.start();
        insertAll(buffer, ids(0, 5));
        CompletableFuture<Void> producer = onProducerThread(() -> insert(buffer, 5));
        awaitProducerBlocked();

        buffer.updateOptions(Map.of("overflow", "reject"));

        LifecycleBuffers.await().until(producer::isDone);
        BufferFullException refused = assertInstanceOf(BufferFullException.class, failureOf(producer));
        assertTrue(refused.getMessage().contains("'orders'"), refused.getMessage());
        assertEquals(5, buffer.size());
        assertEquals(1, buffer.statistics().rejected());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBlockedBatchCallWaitsUntilAllItsItemsFitThenInsertsThemAll(BufferType type) throws Exception {
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("orders", type).partitions(1)
                .processingBatchSize(100).capacity(5).overflow(Overflow.BLOCK).processingTimeoutMs(60_000).build(),
                scheduler);
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        buffer.start();
        scheduler.runReady();
        insertAll(buffer, ids(0, 4));
        CompletableFuture<Void> producer = onProducerThread(() -> insertAll(buffer, ids(4, 7)));
        awaitProducerBlocked();
        assertEquals(4, buffer.size(), "not one item of the waiting call may be in");

        buffer.flush();
        scheduler.runReady();

        LifecycleBuffers.await().until(producer::isDone);
        assertNull(failureOf(producer));
        assertDelivered(type, ids(0, 4), listener);
        assertEquals(3, buffer.size());
        assertEquals(7, buffer.statistics().inserted());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aCapacityLoweredBelowWhatIsPendingRefusesUntilDrainsMakeRoom(BufferType type) {
        PartitionedBuffer buffer = bounded("orders", type, 25, Overflow.REJECT);
        buffer.start();
        insertAll(buffer, ids(0, 20));

        buffer.updateOptions(Map.of("capacity", "10"));
        assertThrows(BufferFullException.class, () -> insert(buffer, 20));
        assertEquals(20, buffer.size());

        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        scheduler.runReady();
        assertDelivered(type, ids(0, 20), listener);
        insertAll(buffer, ids(21, 31));
        assertThrows(BufferFullException.class, () -> insert(buffer, 31));
        assertEquals(10, buffer.size());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void capacityChangedAtRuntimeKeepsAnExactCount(BufferType type) {
        PartitionedBuffer buffer = bounded("orders", type, 0, Overflow.REJECT);
        RecordingListener listener = new RecordingListener();
        buffer.start(); // no listener yet: everything stays pending
        insertAll(buffer, ids(0, 20));

        buffer.updateOptions(Map.of("capacity", "25"));
        for (int id = 20; id < 25; id++) {
            insert(buffer, id);
        }
        assertThrows(BufferFullException.class, () -> insert(buffer, 25));
        assertEquals(25, buffer.size());

        buffer.updateOptions(Map.of("capacity", "0"));
        insertAll(buffer, ids(25, 60)); // unbounded again
        assertEquals(60, buffer.size());

        buffer.updateOptions(Map.of("capacity", "25"));
        assertThrows(BufferFullException.class, () -> insert(buffer, 60)); // 60 pending count against 25

        buffer.attach(listener);
        scheduler.runReady();
        assertDelivered(type, ids(0, 60), listener);
        assertEquals(0, buffer.size());

        // The count is back to exactly 0: exactly 25 fit again, not one more, not one less.
        for (int id = 61; id < 86; id++) {
            insert(buffer, id);
        }
        assertThrows(BufferFullException.class, () -> insert(buffer, 86));
        assertEquals(25, buffer.size());
        assertEquals(3, buffer.statistics().rejected()); // ids 25, 60 and 86
        assertEquals(85, buffer.statistics().inserted());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void twoConcurrentProducersNeverMakeTheBufferHoldMoreThanCapacity(BufferType type) throws Exception {
        int capacity = 50;
        int refusalsPerProducer = 200;
        int acceptedPerProducer = 1_000; // 20 times the capacity: the producers must outlive many drains
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("orders", type).partitions(2)
                .processingBatchSize(7).capacity(capacity).overflow(Overflow.REJECT).build(), scheduler);
        List<Object> deliveredIds = Collections.synchronizedList(new ArrayList<>());
        buffer.attach(batch -> deliveredIds.addAll(LifecycleBuffers.idsOf(batch)));
        buffer.start();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        List<CompletableFuture<Void>> producers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int firstId = p * 10_000_000;
            producers.add(onProducerThread(() -> {
                int refusals = 0;
                int acceptedHere = 0;
                for (int id = firstId; refusals < refusalsPerProducer || acceptedHere < acceptedPerProducer; id++) {
                    try {
                        insert(buffer, id);
                        acceptedHere++;
                        accepted.incrementAndGet();
                    } catch (BufferFullException full) {
                        refusals++;
                        refused.incrementAndGet();
                    } catch (Throwable other) {
                        unexpected.set(other);
                        return;
                    }
                }
            }));
        }

        // Drains run only here (runReady), so between them partitions only grow and size() is an upper bound.
        long observations = 0;
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // a hang guard, not a timing assertion
        while (!producers.stream().allMatch(CompletableFuture::isDone)) {
            assertTrue(System.nanoTime() - giveUpAt < 0, "the producers never finished");
            long size = buffer.size();
            assertTrue(size <= capacity, "size " + size + " exceeds capacity " + capacity);
            if (++observations % 4 == 0) {
                scheduler.runReady();
            }
        }
        long finalSize = buffer.size();
        assertTrue(finalSize <= capacity, "size " + finalSize + " exceeds capacity " + capacity);
        for (CompletableFuture<Void> producer : producers) {
            assertNull(failureOf(producer));
        }
        assertNull(unexpected.get());

        buffer.flush();
        scheduler.runReady();
        assertEquals(0, buffer.size());
        assertEquals(accepted.get(), deliveredIds.size());
        assertEquals(accepted.get(), new HashSet<>(deliveredIds).size(), "an item was delivered twice");
        assertEquals(accepted.get(), buffer.statistics().inserted());
        assertEquals(refused.get(), buffer.statistics().rejected());
        assertTrue(refused.get() >= 2 * refusalsPerProducer);
        assertTrue(accepted.get() >= 2 * acceptedPerProducer);
    }
}
