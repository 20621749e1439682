package org.partitionedbuffer.core;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;

/**
 * Numbered items, so that one failure test runs on both buffer types: a queue holds the numbers themselves, a map holds
 * them as keys with the value "v" + number. A batch reads back as its numbers; a map batch's are sorted, since a map
 * batch has no order of its own.
 */
final class NumberedItems {

    private NumberedItems() {
    }

    /** Inserts {@code from} to {@code to} (inclusive), one call each, under the buffer's own routing. */
    static void insert(PartitionedBuffer buffer, int from, int to) {
        for (int number = from; number <= to; number++) {
            insert(buffer, number, null);
        }
    }

    /** Inserts {@code from} to {@code to} (inclusive) routed with {@code partitionKey}. */
    static void insert(PartitionedBuffer buffer, int from, int to, PartitionKey partitionKey) {
        for (int number = from; number <= to; number++) {
            insert(buffer, number, partitionKey);
        }
    }

    private static void insert(PartitionedBuffer buffer, int number, PartitionKey partitionKey) {
        if (buffer instanceof QueueBuffer queue) {
            queue.push(number, partitionKey);
        } else {
            ((MapBuffer) buffer).put(number, "v" + number, partitionKey);
        }
    }

    /** What a listener receives for {@code numbers}: the numbers, or the map entries of plain puts. */
    static List<Object> itemsOf(BufferType type, List<Integer> numbers) {
        List<Object> items = new ArrayList<>();
        for (int number : numbers) {
            items.add(type == BufferType.QUEUE ? number : new BufferEntry(number, "v" + number, 0, 0));
        }
        return items;
    }

    /** The numbers of a batch: a queue batch's items in order, a map batch's keys sorted. */
    static List<Integer> numbers(Batch batch) {
        return numbers(batch.type(), batch.items());
    }

    static List<Integer> numbers(BufferType type, List<Object> items) {
        if (type == BufferType.QUEUE) {
            return items.stream().map(Integer.class::cast).toList();
        }
        return items.stream().map(item -> (Integer) ((BufferEntry) item).key()).sorted().toList();
    }

    static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    /** A static routing key that sends everything to {@code partition} of {@code buffer}. */
    static PartitionKey keyFor(PartitionedBuffer buffer, int partition) {
        for (int i = 0; i < 1000; i++) {
            PartitionKey candidate = PartitionKey.of("route-" + i);
            if (buffer.partitionOf("any", candidate) == partition) {
                return candidate;
            }
        }
        throw new IllegalStateException("no routing key found for partition " + partition + " of " + buffer);
    }
}
