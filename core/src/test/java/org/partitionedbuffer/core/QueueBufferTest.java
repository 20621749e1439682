package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;

/*
 * The queue buffer behaves as the reference's Queue tests expect (ordered batches of the configured size, table mode,
 * runtime batch size, telemetry, per-partition order), and a tick that finds a delivery running is not lost
 * (defect 5 of the reference): the data pushed meanwhile is drained as soon as the delivery ends.
 */
class QueueBufferTest {

    private static final long INTERVAL = 100;

    private final ManualScheduler scheduler = new ManualScheduler();
    private ExecutorService workers;

    @AfterEach
    void stopWorkers() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    private QueueBuffer queue(BufferOptions.Builder builder) {
        return queue(builder, scheduler);
    }

    private static QueueBuffer queue(BufferOptions.Builder builder, BufferScheduler scheduler) {
        return (QueueBuffer) PartitionedBuffer.create(builder.build(), scheduler);
    }

    private static BufferOptions.Builder options(int partitions) {
        return BufferOptions.builder("orders").partitions(partitions).processingIntervalMs(INTERVAL);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /**
     * Starts the buffer and runs the drain request that attach() queued on the manual scheduler, so that from here on
     * only ticks (and what the test triggers) deliver.
     */
    private void start(PartitionedBuffer buffer) {
        buffer.start();
        scheduler.runReady();
    }

    // ---- batches and order

    @Test
    void deliversOrderedBatchesOfTheConfiguredSizeAndLeavesAPushMadeDuringProcessingForALaterBatch() {
        QueueBuffer buffer = queue(options(1).processingBatchSize(3));
        List<List<Object>> batches = new ArrayList<>();
        buffer.attach(batch -> {
            batches.add(List.copyOf(batch.items()));
            if (batches.size() == 1) {
                // The partition was drained before this call: the push lands in fresh storage, not in this drain.
                buffer.push("during-processing");
            }
        });
        start(buffer);
        range(0, 7).forEach(buffer::push);

        scheduler.advance(INTERVAL);

        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6)), batches);
        assertEquals(1, buffer.size(), "the push made during processing is pending");

        scheduler.advance(INTERVAL);

        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6), List.of("during-processing")), batches);
        assertEquals(0, buffer.size());
        assertEquals(8, buffer.statistics().processed());
    }

    @Test
    void deliversASinglePushedItem() {
        QueueBuffer buffer = queue(options(1));
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        start(buffer);

        buffer.push("only");
        scheduler.advance(INTERVAL);

        assertEquals(1, listener.batches().size());
        Batch batch = listener.batches().get(0);
        assertEquals(List.of("only"), batch.items());
        assertEquals("orders", batch.buffer());
        assertEquals(0, batch.partition());
        assertEquals(BufferType.QUEUE, batch.type());
        assertEquals(1, batch.attempt());
        assertEquals(1, batch.size());
    }

    @Test
    void deliversPushAllInTheCollectionsOrder() {
        QueueBuffer buffer = queue(options(1).processingBatchSize(4));
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        start(buffer);

        buffer.pushAll(List.of("a", "b", "c", "d", "e", "f"));
        buffer.push("g");
        buffer.pushAll(List.of("h", "i"));
        scheduler.advance(INTERVAL);

        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"), listener.items());
        assertEquals(List.of(4, 4, 1), listener.batchSizes());
    }

    @Test
    void pushAllWithANullItemIsRefusedNamingTheItemAndInsertsNothing() {
        QueueBuffer buffer = queue(options(4));
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        start(buffer);

        NullPointerException refused = assertThrows(NullPointerException.class,
                () -> buffer.pushAll(Arrays.asList("a", null, "c")));

        assertTrue(refused.getMessage().contains("item"), refused.getMessage());
        assertTrue(refused.getMessage().contains("index 1"), refused.getMessage());
        assertEquals(0, buffer.size());
        assertEquals(0, buffer.statistics().inserted());
        assertEquals(List.of(), events.of("inserted"));
    }

    @Test
    void pushOfANullItemIsRefusedNamingTheItem() {
        QueueBuffer buffer = queue(options(2));

        NullPointerException refused = assertThrows(NullPointerException.class, () -> buffer.push(null));

        assertEquals("item", refused.getMessage());
        assertEquals(0, buffer.size());
    }

    @Test
    void anEmptyPushAllInsertsNothingAndDeliversNothing() {
        QueueBuffer buffer = queue(options(2));
        RecordingListener listener = new RecordingListener();
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        buffer.attach(listener);
        start(buffer);

        buffer.pushAll(List.of());
        buffer.pushAll(List.of(), PartitionKey.of("k"));
        scheduler.advance(3 * INTERVAL);

        assertEquals(0, buffer.size());
        assertEquals(0, buffer.statistics().inserted());
        assertEquals(List.of(), listener.batches());
        assertEquals(List.of(), events.of("inserted"));
    }

    @Test
    void eachPartitionDeliversItsItemsInPushOrder() {
        QueueBuffer buffer = queue(options(4).processingBatchSize(7));
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        start(buffer);
        List<Integer> pushed = range(0, 200);
        for (int i = 0; i < 100; i++) {
            buffer.push(pushed.get(i));
        }
        buffer.pushAll(pushed.subList(100, 200));

        scheduler.advance(INTERVAL);

        List<List<Object>> deliveredPerPartition = perPartition(listener.batches(), 4);
        for (int partition = 0; partition < 4; partition++) {
            int p = partition;
            List<Object> expected = pushed.stream().filter(item -> buffer.partitionOf(item) == p)
                    .map(Object.class::cast).toList();
            assertTrue(expected.size() > 0, "200 items left partition " + p + " empty: the test proves nothing");
            assertEquals(expected, deliveredPerPartition.get(p), "items of partition " + p);
        }
    }

    @Test
    void processesEveryMessageAcrossTwoPartitionsWithPartitionSizesSummingToTheSize() {
        QueueBuffer buffer = queue(options(2).processingBatchSize(10));
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        start(buffer);
        List<Integer> pushed = range(0, 100);
        pushed.forEach(buffer::push);

        long[] sizes = buffer.partitionSizes();
        assertEquals(2, sizes.length);
        assertEquals(100, buffer.size());
        assertEquals(buffer.size(), sizes[0] + sizes[1]);
        for (int p = 0; p < 2; p++) {
            int partition = p;
            assertEquals(pushed.stream().filter(item -> buffer.partitionOf(item) == partition).count(), sizes[p],
                    "pending items of partition " + p);
            assertTrue(sizes[p] > 0, "partition " + p + " received nothing: the test proves nothing");
        }

        scheduler.advance(INTERVAL);

        List<Object> delivered = new ArrayList<>(listener.items());
        delivered.sort(null);
        assertEquals(pushed, delivered);
        assertEquals(0, buffer.size());
        assertEquals(List.of(0L, 0L), Arrays.stream(buffer.partitionSizes()).boxed().toList());
        BufferStatistics statistics = buffer.statistics();
        assertEquals(100, statistics.inserted());
        assertEquals(100, statistics.processed());
        for (PartitionStatistics partition : statistics.partitions()) {
            assertEquals(sizes[partition.partition()], partition.inserted(), "inserted in " + partition);
            assertEquals(sizes[partition.partition()], partition.processed(), "processed in " + partition);
        }
    }

    // ---- table mode

    @Test
    void tableModeDeliversTheWholeDrainAsOneBatch() {
        QueueBuffer buffer = queue(options(1).tableMode());
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        start(buffer);
        range(0, 2500).forEach(buffer::push);

        scheduler.advance(INTERVAL);

        assertEquals(List.of(2500), listener.batchSizes());
        assertEquals(range(0, 2500), listener.items());
    }

    @Test
    void tableModeLetsTheListenerKeepTheTableAfterLaterPushesAndDrains() {
        QueueBuffer buffer = queue(options(1).tableMode());
        List<List<Object>> kept = new ArrayList<>();
        buffer.attach(batch -> kept.add(batch.items())); // the list itself, not a copy
        start(buffer);
        range(0, 20).forEach(buffer::push);
        scheduler.advance(INTERVAL);

        range(100, 150).forEach(buffer::push);
        scheduler.advance(INTERVAL);
        buffer.push(999);
        scheduler.advance(INTERVAL);

        assertEquals(3, kept.size());
        assertEquals(range(0, 20), kept.get(0), "the first table, kept after two later drains");
        assertEquals(range(100, 150), kept.get(1));
        assertEquals(List.of(999), kept.get(2));
        assertThrows(UnsupportedOperationException.class, () -> kept.get(0).add(1),
                "a kept table is read-only, so nothing can corrupt it");
    }

    // ---- options at runtime

    @Test
    void aBatchSizeChangedAtRuntimeAppliesToTheNextDrain() {
        QueueBuffer buffer = queue(options(1).processingBatchSize(5));
        RecordingListener listener = new RecordingListener();
        buffer.attach(listener);
        start(buffer);
        range(0, 10).forEach(buffer::push);
        scheduler.advance(INTERVAL);
        assertEquals(List.of(5, 5), listener.batchSizes());

        buffer.updateOptions(Map.of("processingBatchSize", "3"));
        range(10, 17).forEach(buffer::push);
        scheduler.advance(INTERVAL);

        assertEquals(List.of(5, 5, 3, 3, 1), listener.batchSizes());
        assertEquals(range(0, 17), listener.items());
    }

    // ---- ticks and size

    @Test
    void aTickOnAnEmptyPartitionCallsNothing() {
        QueueBuffer buffer = queue(options(2));
        CountingQueueListener listener = new CountingQueueListener();
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        buffer.attach(listener);
        start(buffer);

        scheduler.advance(10 * INTERVAL);
        assertEquals(0, listener.calls.size(), "no data: no onBatch");

        // Only one partition holds data: the other's ticks must still call nothing.
        int target = buffer.partitionOf("x", PartitionKey.of("k"));
        buffer.pushAll(List.of("x", "y"), PartitionKey.of("k"));
        scheduler.advance(INTERVAL);
        scheduler.advance(10 * INTERVAL);

        assertEquals(List.of(target), listener.calls);
        assertEquals(List.of("processingStarted p" + target + " size=2 attempt=1"), events.of("processingStarted"));
    }

    @Test
    void sizeExcludesTheBatchBeingDelivered() {
        QueueBuffer buffer = queue(options(1).processingBatchSize(2));
        List<Long> sizesSeenInOnBatch = new ArrayList<>();
        buffer.attach(batch -> {
            sizesSeenInOnBatch.add(buffer.size());
            if (sizesSeenInOnBatch.size() == 1) {
                buffer.push("late");
            }
        });
        start(buffer);
        range(0, 5).forEach(buffer::push);
        assertEquals(5, buffer.size());

        scheduler.advance(INTERVAL);

        // First batch: the drain of 5 is in flight, nothing pending; then the pushed "late" item is pending.
        assertEquals(List.of(0L, 1L, 1L), sizesSeenInOnBatch);
        assertEquals(1, buffer.size());
        assertEquals(6, buffer.statistics().inserted());
        assertEquals(5, buffer.statistics().processed());
    }

    // ---- telemetry

    @Test
    void emitsPartitionInsertAndProcessingEventsInOrder() {
        QueueBuffer buffer = queue(options(1).processingBatchSize(2));
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        buffer.attach(new RecordingListener());
        start(buffer);
        buffer.push("a");
        buffer.pushAll(List.of("b", "c"));

        scheduler.advance(INTERVAL);

        assertEquals(List.of(
                "partitionStarted p0",
                "inserted p0 count=1",
                "inserted p0 count=2",
                "processingStarted p0 size=2 attempt=1",
                "processingStopped p0 size=2 attempt=1",
                "processingStarted p0 size=1 attempt=1",
                "processingStopped p0 size=1 attempt=1"), events.events());
    }

    @Test
    void emitsOnePartitionStartedPerPartitionAndInsertedPerPartitionOfAPushAll() {
        QueueBuffer buffer = queue(options(3).processingBatchSize(1000));
        RecordingEvents events = new RecordingEvents();
        buffer.addEventListener(events);
        buffer.attach(new RecordingListener());
        start(buffer);
        assertEquals(List.of("partitionStarted p0", "partitionStarted p1", "partitionStarted p2"),
                events.of("partitionStarted"));

        buffer.pushAll(range(0, 60));
        long[] sizes = buffer.partitionSizes();
        List<String> expectedInserted = new ArrayList<>();
        List<String> expectedStopped = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            assertTrue(sizes[p] > 0, "partition " + p + " received nothing: the test proves nothing");
            expectedInserted.add("inserted p" + p + " count=" + sizes[p]);
            expectedStopped.add("processingStopped p" + p + " size=" + sizes[p] + " attempt=1");
        }
        assertEquals(expectedInserted, events.of("inserted"));

        scheduler.advance(INTERVAL);

        List<String> stopped = new ArrayList<>(events.of("processingStopped"));
        Collections.sort(stopped);
        assertEquals(expectedStopped, stopped);
        assertEquals(3, events.of("processingStarted").size());
    }

    // ---- defect 5: a tick during a delivery is not lost

    @Test
    void aTickThatFindsADeliveryRunningDrainsRightAfterItWithoutWaitingForAnotherInterval() throws Exception {
        workers = Executors.newFixedThreadPool(2);
        ManualScheduler realThreads = new ManualScheduler(workers);
        QueueBuffer buffer = queue(options(1), realThreads);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Object>> batches = new CopyOnWriteArrayList<>();
        buffer.start();
        buffer.push("first");
        // Attaching with data pending starts its delivery at once, on a worker: no race with a drain of nothing.
        buffer.attach(batch -> {
            batches.add(List.copyOf(batch.items()));
            if (batches.size() == 1) {
                entered.countDown();
                assertTrue(release.await(5, TimeUnit.SECONDS), "the test never released the listener");
            }
        });
        assertTrue(entered.await(5, TimeUnit.SECONDS), "attaching did not start a delivery");

        buffer.push("second");
        realThreads.advance(INTERVAL); // this tick finds the delivery still running
        assertEquals(1, batches.size(), "a second batch while the first is in flight");
        release.countDown();

        // No further advance: the tick seen during the delivery must be honoured when it ends.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 2);
        assertEquals(List.of(List.of("first"), List.of("second")), batches);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> buffer.statistics().processed() == 2);
        assertEquals(0, buffer.size());
    }

    // ---- helpers

    private static List<List<Object>> perPartition(List<Batch> batches, int partitions) {
        List<List<Object>> result = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            result.add(new ArrayList<>());
        }
        for (Batch batch : batches) {
            result.get(batch.partition()).addAll(batch.items());
        }
        return result;
    }

    /** Records the partition of every onBatch call. */
    private static final class CountingQueueListener implements BatchListener {
        final List<Integer> calls = new ArrayList<>();

        @Override
        public void onBatch(Batch batch) {
            calls.add(batch.partition());
        }
    }
}
