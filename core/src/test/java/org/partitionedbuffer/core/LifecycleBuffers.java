package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;

/**
 * Lets the lifecycle tests (capacity, flushing, listeners, stop) drive a queue and a map buffer through the same
 * code: an insert of id {@code n} is {@code push(n)} on a queue and {@code put(n, "v" + n)} on a map, and what was
 * delivered is read back as ids (the items, or the entry keys).
 */
final class LifecycleBuffers {

    private LifecycleBuffers() {
    }

    /** Awaitility for conditions reached on real threads: polls every millisecond, gives up after 5 s. */
    static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1));
    }

    static BufferOptions.Builder options(String name, BufferType type) {
        return BufferOptions.builder(name).type(type);
    }

    static PartitionedBuffer create(BufferOptions options, BufferScheduler scheduler) {
        return PartitionedBuffer.create(options, scheduler);
    }

    static void insert(PartitionedBuffer buffer, int id) {
        insert(buffer, id, null);
    }

    static void insert(PartitionedBuffer buffer, int id, PartitionKey partitionKey) {
        if (buffer instanceof QueueBuffer queue) {
            queue.push(id, partitionKey);
        } else {
            ((MapBuffer) buffer).put(id, "v" + id, partitionKey);
        }
    }

    /** pushAll or putAll of the ids, in their order. */
    static void insertAll(PartitionedBuffer buffer, List<Integer> ids) {
        insertAll(buffer, ids, null);
    }

    static void insertAll(PartitionedBuffer buffer, List<Integer> ids, PartitionKey partitionKey) {
        if (buffer instanceof QueueBuffer queue) {
            queue.pushAll(ids, partitionKey);
        } else {
            Map<Object, Object> entries = new LinkedHashMap<>();
            ids.forEach(id -> entries.put(id, "v" + id));
            ((MapBuffer) buffer).putAll(entries, partitionKey);
        }
    }

    /** The ids {@code from} (inclusive) to {@code to} (exclusive). */
    static List<Integer> ids(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /** The ids a batch carries: the queue items, or the map keys (checking each entry kept its value). */
    static List<Object> idsOf(Batch batch) {
        if (batch.type() == BufferType.QUEUE) {
            return batch.items();
        }
        List<Object> keys = new ArrayList<>();
        for (BufferEntry entry : batch.entries()) {
            assertEquals("v" + entry.key(), entry.value(), "value delivered for key " + entry.key());
            keys.add(entry.key());
        }
        return keys;
    }

    /** The ids of every batch the listener received, in delivery order. */
    static List<Object> delivered(RecordingListener listener) {
        List<Object> ids = new ArrayList<>();
        listener.batches().forEach(batch -> ids.addAll(idsOf(batch)));
        return ids;
    }

    /**
     * Asserts that the listener received exactly the {@code expected} ids, each once. For a queue, each partition's
     * ids must also come in the order they have in {@code expected} (the order they were pushed from one thread);
     * a map's batches have no order.
     */
    static void assertDelivered(BufferType type, List<Integer> expected, RecordingListener listener) {
        List<Object> all = delivered(listener);
        assertEquals(sorted(expected), sorted(all), "the ids delivered");
        if (type == BufferType.QUEUE) {
            Map<Integer, List<Object>> perPartition = new TreeMap<>();
            for (Batch batch : listener.batches()) {
                perPartition.computeIfAbsent(batch.partition(), p -> new ArrayList<>()).addAll(batch.items());
            }
            perPartition.forEach((partition, ids) -> assertEquals(
                    expected.stream().filter(ids::contains).toList(), ids,
                    "the order of partition " + partition));
        }
    }

    private static List<Integer> sorted(List<?> ids) {
        return ids.stream().map(id -> (Integer) id).sorted().toList();
    }

    /**
     * A static routing key for each partition index: element i routes to partition i, so a test can put items into
     * a partition of its choice.
     */
    static List<PartitionKey> keysForEachPartition(PartitionedBuffer buffer) {
        PartitionKey[] keys = new PartitionKey[buffer.partitions()];
        int found = 0;
        for (int candidate = 0; found < keys.length; candidate++) {
            String routingKey = "route-" + candidate;
            int partition = buffer.partitionOf(routingKey);
            if (keys[partition] == null) {
                keys[partition] = PartitionKey.of(routingKey);
                found++;
            }
        }
        return List.of(keys);
    }
}
