package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.partitionedbuffer.core.LifecycleBuffers.assertDelivered;
import static org.partitionedbuffer.core.LifecycleBuffers.ids;
import static org.partitionedbuffer.core.LifecycleBuffers.insert;
import static org.partitionedbuffer.core.LifecycleBuffers.insertAll;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;

/**
 * Proves that processing does not have to wait for the timer (the reference's defect 5, interval-only flushing): a
 * partition that reaches {@code flushThreshold} is processed at once, {@code flush()} processes every non-empty
 * partition at once, and a threshold changed at runtime applies. The clock never moves in these tests.
 */
class FlushTest {

    private static final long LONG_INTERVAL_MS = 60_000;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingListener listener = new RecordingListener();

    private PartitionedBuffer started(BufferType type, int partitions, int flushThreshold) {
        PartitionedBuffer buffer = LifecycleBuffers.create(LifecycleBuffers.options("clicks", type)
                .partitions(partitions).processingIntervalMs(LONG_INTERVAL_MS).processingBatchSize(40)
                .flushThreshold(flushThreshold).build(), scheduler);
        buffer.attach(listener);
        buffer.start();
        scheduler.runReady(); // the delivery attach() asks for finds nothing now, and so cannot drain later inserts
        return buffer;
    }

    private static void insertEach(PartitionedBuffer buffer, List<Integer> ids, PartitionKey partitionKey) {
        ids.forEach(id -> insert(buffer, id, partitionKey));
    }

    private static Set<Integer> partitionsDelivered(RecordingListener listener) {
        return listener.batches().stream().map(Batch::partition).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void theInsertThatBringsAPartitionToTheThresholdTriggersItsProcessingAtOnce(BufferType type) {
        PartitionedBuffer buffer = started(type, 2, 100);
        List<PartitionKey> partition = LifecycleBuffers.keysForEachPartition(buffer);
        insertEach(buffer, ids(0, 99), partition.get(0));
        insertEach(buffer, ids(1000, 1099), partition.get(1));

        scheduler.runReady();
        assertEquals(List.of(), listener.batches(), "99 items are below the threshold");
        assertEquals(198, buffer.size());

        insert(buffer, 99, partition.get(0));
        scheduler.runReady();

        assertDelivered(type, ids(0, 100), listener);
        assertEquals(Set.of(0), partitionsDelivered(listener));
        assertEquals(List.of(40, 40, 20), listener.batchSizes());
        assertArrayEquals(new long[] {0, 99}, buffer.partitionSizes());
        assertEquals(0, scheduler.nanoTime(), "no tick may have helped");
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBatchInsertCrossingTheThresholdTriggersProcessingOfEverythingPending(BufferType type) {
        PartitionedBuffer buffer = started(type, 2, 100);
        PartitionKey first = LifecycleBuffers.keysForEachPartition(buffer).get(0);
        insertAll(buffer, ids(0, 60), first);
        scheduler.runReady();
        assertEquals(List.of(), listener.batches());

        insertAll(buffer, ids(60, 130), first);
        scheduler.runReady();

        assertDelivered(type, ids(0, 130), listener);
        assertEquals(List.of(40, 40, 40, 10), listener.batchSizes());
        assertEquals(0, buffer.size());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void flushProcessesEveryNonEmptyPartitionAtOnce(BufferType type) {
        PartitionedBuffer buffer = started(type, 3, 0);
        List<PartitionKey> partition = LifecycleBuffers.keysForEachPartition(buffer);
        insertEach(buffer, ids(0, 5), partition.get(0));
        insertEach(buffer, ids(5, 8), partition.get(2));
        scheduler.runReady();
        assertEquals(List.of(), listener.batches(), "nothing is processed before the flush");

        buffer.flush();
        scheduler.runReady();

        assertDelivered(type, ids(0, 8), listener);
        assertEquals(Set.of(0, 2), partitionsDelivered(listener), "an empty partition gets no batch");
        assertTrue(listener.batches().stream().allMatch(batch -> batch.size() > 0));
        assertEquals(0, buffer.size());
        assertEquals(8, buffer.statistics().processed());

        buffer.flush(); // nothing pending: no empty batch
        scheduler.runReady();
        assertEquals(2, listener.batches().size());
        assertEquals(0, scheduler.nanoTime());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aFlushThresholdChangedAtRuntimeApplies(BufferType type) {
        PartitionedBuffer buffer = started(type, 2, 0);
        PartitionKey first = LifecycleBuffers.keysForEachPartition(buffer).get(0);
        insertEach(buffer, ids(0, 50), first);
        scheduler.runReady();
        assertEquals(List.of(), listener.batches(), "no threshold yet");

        buffer.updateOptions(Map.of("flushThreshold", "50"));
        scheduler.runReady();
        assertDelivered(type, ids(0, 50), listener); // a partition already at the new threshold goes at once

        insertEach(buffer, ids(50, 99), first);
        scheduler.runReady();
        assertEquals(50, listener.items().size(), "49 items are below the new threshold");
        insert(buffer, 99, first);
        scheduler.runReady();
        assertDelivered(type, ids(0, 100), listener);

        buffer.updateOptions(Map.of("flushThreshold", "0"));
        insertEach(buffer, ids(100, 200), first);
        scheduler.runReady();
        assertEquals(100, buffer.size(), "threshold 0 turns it off");
        assertDelivered(type, ids(0, 100), listener);
        assertEquals(0, scheduler.nanoTime());
    }
}
