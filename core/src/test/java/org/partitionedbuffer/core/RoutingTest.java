package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;

/*
 * Routing sends an object (queue item or map key) to the partition of its routing key: the object itself, a static
 * key, or a function's result, set per buffer (option partitionKey) or per call. The index depends only on the key and
 * the partition count, and a routing failure inserts nothing.
 */
class RoutingTest {

    private static final long INTERVAL = 100;
    private static final int PARTITIONS = 8;

    private final ManualScheduler scheduler = new ManualScheduler();

    /** The buffer-level routing function of these tests: "user-7:click" is routed by "user-7". */
    public static final class UserPrefixRouting implements Function<Object, Object> {
        public UserPrefixRouting() {
        }

        @Override
        public Object apply(Object item) {
            String text = item.toString();
            return text.substring(0, text.indexOf(':'));
        }
    }

    private static BufferOptions.Builder options(BufferType type, int partitions) {
        return BufferOptions.builder("routed").type(type).partitions(partitions).processingIntervalMs(INTERVAL)
                .processingBatchSize(1000);
    }

    private PartitionedBuffer started(BufferOptions.Builder builder, RecordingListener listener) {
        PartitionedBuffer buffer = PartitionedBuffer.create(builder.build(), scheduler);
        buffer.attach(listener);
        buffer.start();
        scheduler.runReady(); // the drain request attach() queued: from here on only ticks deliver
        return buffer;
    }

    /** A push for a queue, a put of (object, "v") for a map: either way {@code object} is what gets routed. */
    private static void insert(PartitionedBuffer buffer, Object object, PartitionKey key) {
        if (buffer instanceof QueueBuffer queue) {
            queue.push(object, key);
        } else {
            ((MapBuffer) buffer).put(object, "v", key);
        }
    }

    private static void insertAll(PartitionedBuffer buffer, List<?> objects, PartitionKey key) {
        if (buffer instanceof QueueBuffer queue) {
            queue.pushAll(objects, key);
        } else {
            Map<Object, Object> entries = new LinkedHashMap<>();
            objects.forEach(object -> entries.put(object, "v"));
            ((MapBuffer) buffer).putAll(entries, key);
        }
    }

    /** The partitions each delivered object arrived in: a queue item, or a map entry's key. */
    private static Map<Object, Set<Integer>> deliveredPartitions(RecordingListener listener) {
        Map<Object, Set<Integer>> partitions = new HashMap<>();
        for (Batch batch : listener.batches()) {
            List<?> objects = batch.type() == BufferType.QUEUE ? batch.items()
                    : batch.entries().stream().map(entry -> entry.key()).toList();
            for (Object object : objects) {
                partitions.computeIfAbsent(object, o -> new TreeSet<>()).add(batch.partition());
            }
        }
        return partitions;
    }

    // ---- default routing: by the item, or the map key

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void defaultRoutingSendsTheSameObjectToTheSamePartitionTheOnePartitionOfReports(BufferType type) {
        RecordingListener listener = new RecordingListener();
        PartitionedBuffer buffer = started(options(type, PARTITIONS), listener);
        List<String> objects = IntStream.range(0, 50).mapToObj(i -> "object-" + i).toList();

        objects.forEach(object -> insert(buffer, object, null));
        scheduler.advance(INTERVAL);
        objects.forEach(object -> insert(buffer, object, null));
        scheduler.advance(INTERVAL);

        Map<Object, Set<Integer>> delivered = deliveredPartitions(listener);
        assertEquals(50, delivered.size());
        for (String object : objects) {
            assertEquals(Set.of(buffer.partitionOf(object)), delivered.get(object), "partitions of " + object);
        }
        assertTrue(delivered.values().stream().distinct().count() > 1, "everything in one partition proves nothing");
    }

    // ---- static key

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aStaticKeySendsEverythingToThePartitionOfThatKey(BufferType type) {
        RecordingListener listener = new RecordingListener();
        PartitionedBuffer buffer = started(options(type, PARTITIONS), listener);
        PartitionKey key = PartitionKey.of("tenant-42");
        int expected = buffer.partitionOf("tenant-42");

        IntStream.range(0, 100).forEach(i -> insert(buffer, i, key));

        long[] sizes = buffer.partitionSizes();
        for (int p = 0; p < PARTITIONS; p++) {
            assertEquals(p == expected ? 100 : 0, sizes[p], "pending items of partition " + p);
        }
        assertEquals(expected, buffer.partitionOf(12345, key));
        scheduler.advance(INTERVAL);
        assertEquals(Set.of(expected), listener.batches().stream().map(Batch::partition)
                .collect(Collectors.toSet()));
        assertEquals(100, listener.batches().stream().mapToInt(Batch::size).sum());
    }

    // ---- function

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aFunctionGroupsObjectsByItsResult(BufferType type) {
        RecordingListener listener = new RecordingListener();
        PartitionedBuffer buffer = started(options(type, PARTITIONS), listener);
        PartitionKey byUser = PartitionKey.by(new UserPrefixRouting());
        List<String> events = new ArrayList<>();
        for (int user = 0; user < 20; user++) {
            for (int event = 0; event < 5; event++) {
                events.add("user-" + user + ":event-" + event);
            }
        }

        events.forEach(event -> insert(buffer, event, byUser));
        scheduler.advance(INTERVAL);

        Map<Object, Set<Integer>> delivered = deliveredPartitions(listener);
        assertEquals(100, delivered.size());
        for (String event : events) {
            String user = event.substring(0, event.indexOf(':'));
            // The routing key is the user: same partition as the user string itself under default routing.
            assertEquals(Set.of(buffer.partitionOf(user)), delivered.get(event), "partition of " + event);
            assertEquals(buffer.partitionOf(user), buffer.partitionOf(event, byUser));
        }
        assertTrue(delivered.values().stream().distinct().count() > 1, "20 users in one partition proves nothing");
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBufferLevelFunctionGivenByClassNameRoutesEveryInsert(BufferType type) {
        RecordingListener listener = new RecordingListener();
        PartitionedBuffer buffer = started(options(type, PARTITIONS)
                .set("partitionKey", UserPrefixRouting.class.getName()), listener);

        List<String> events = List.of("alice:1", "bob:1", "alice:2", "carol:1", "bob:2", "alice:3");
        events.forEach(event -> insert(buffer, event, null));
        scheduler.advance(INTERVAL);

        Map<Object, Set<Integer>> delivered = deliveredPartitions(listener);
        for (String event : events) {
            String user = event.substring(0, event.indexOf(':'));
            int expected = PartitionRouting.indexFor(user, PARTITIONS);
            assertEquals(Set.of(expected), delivered.get(event), "partition of " + event);
            assertEquals(expected, buffer.partitionOf(event));
        }
        assertEquals(UserPrefixRouting.class.getName(), buffer.options().asMap().get("partitionKey"));
    }

    @Test
    void aBufferLevelFunctionKeepsEachUsersEventsInOrder() {
        RecordingListener listener = new RecordingListener();
        QueueBuffer buffer = (QueueBuffer) started(options(BufferType.QUEUE, PARTITIONS)
                .set("partitionKey", UserPrefixRouting.class.getName()), listener);

        List<String> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add("user-" + (i % 3) + ":" + i);
        }
        buffer.pushAll(events);
        scheduler.advance(INTERVAL);

        for (int user = 0; user < 3; user++) {
            String prefix = "user-" + user + ":";
            List<Object> delivered = listener.items().stream().filter(item -> item.toString().startsWith(prefix))
                    .toList();
            assertEquals(events.stream().filter(event -> event.startsWith(prefix)).toList(), delivered);
            assertEquals(1, listener.batches().stream().filter(batch -> batch.items().stream()
                    .anyMatch(item -> item.toString().startsWith(prefix))).count(), "batches of " + prefix);
        }
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aPerCallKeyOverridesTheBufferLevelFunction(BufferType type) {
        RecordingListener listener = new RecordingListener();
        PartitionedBuffer buffer = started(options(type, PARTITIONS)
                .set("partitionKey", UserPrefixRouting.class.getName()), listener);
        String event = "alice:1";
        int byFunction = buffer.partitionOf(event);
        String staticKey = staticKeyRoutedAwayFrom(byFunction, PARTITIONS);
        int byStaticKey = buffer.partitionOf(event, PartitionKey.of(staticKey));
        assertNotEquals(byFunction, byStaticKey);

        insert(buffer, event, PartitionKey.of(staticKey));

        assertEquals(1, buffer.partitionSizes()[byStaticKey]);
        assertEquals(0, buffer.partitionSizes()[byFunction]);
        scheduler.advance(INTERVAL);
        assertEquals(Map.of(event, Set.of(byStaticKey)), deliveredPartitions(listener));
    }

    // ---- the index depends only on the key and N

    @Test
    void twoBuffersWithTheSamePartitionCountRouteTheSameKeysIdentically() {
        PartitionedBuffer first = PartitionedBuffer.create(options(BufferType.QUEUE, PARTITIONS).build(), scheduler);
        PartitionedBuffer second = PartitionedBuffer.create(BufferOptions.builder("another-name").type(BufferType.MAP)
                .partitions(PARTITIONS).processingIntervalMs(7).build(), scheduler);
        List<Object> keys = new ArrayList<>();
        IntStream.range(0, 500).forEach(keys::add);
        IntStream.range(0, 500).mapToObj(i -> "key-" + i).forEach(keys::add);
        keys.add(List.of("a", 1));
        keys.add(Long.MAX_VALUE);

        for (Object key : keys) {
            int index = first.partitionOf(key);
            assertTrue(index >= 0 && index < PARTITIONS, key + " went to " + index);
            assertEquals(index, second.partitionOf(key), "partition of " + key);
            assertEquals(index, first.partitionOf(key), "partition of " + key + " asked again");
            assertEquals(index, first.partitionOf("anything", PartitionKey.of(key)), "static key " + key);
        }
    }

    @Test
    void tenThousandDistinctIntegersLeaveNoneOfEightPartitionsEmpty() {
        QueueBuffer buffer = (QueueBuffer) PartitionedBuffer.create(options(BufferType.QUEUE, PARTITIONS).build(),
                scheduler);

        buffer.pushAll(IntStream.range(0, 10_000).boxed().toList());

        long[] sizes = buffer.partitionSizes();
        assertEquals(10_000, Arrays.stream(sizes).sum());
        for (int p = 0; p < PARTITIONS; p++) {
            assertTrue(sizes[p] > 0, "partition " + p + " is empty: " + Arrays.toString(sizes));
            // Routing is deterministic, so this bound cannot flake; it catches a hash that favours some partitions.
            assertTrue(sizes[p] < 2 * 10_000 / PARTITIONS, "partition " + p + " holds too many: "
                    + Arrays.toString(sizes));
        }
    }

    @Test
    void withOnePartitionEverythingGoesToPartitionZero() {
        PartitionedBuffer buffer = PartitionedBuffer.create(options(BufferType.QUEUE, 1).build(), scheduler);

        for (int i = -1000; i < 1000; i++) {
            assertEquals(0, buffer.partitionOf(i));
            assertEquals(0, buffer.partitionOf("k" + i, PartitionKey.of(i)));
            assertEquals(0, buffer.partitionOf(i, PartitionKey.by(o -> o.toString().length())));
        }
    }

    // ---- a routing function that throws

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aThrowingRoutingFunctionFailsTheInsertKeepingTheCauseAndInsertsNothing(BufferType type) {
        RecordingListener listener = new RecordingListener();
        PartitionedBuffer buffer = started(options(type, PARTITIONS), listener);
        IllegalStateException cause = new IllegalStateException("no user in this event");
        PartitionKey failing = PartitionKey.by(object -> {
            throw cause;
        });

        BufferException refused = assertThrows(BufferException.class, () -> insert(buffer, "event", failing));

        assertSame(cause, refused.getCause());
        assertTrue(refused.getMessage().contains("'routed'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("routing function"), refused.getMessage());
        assertEquals(0, buffer.size());
        assertEquals(0, buffer.statistics().inserted());
        scheduler.advance(INTERVAL);
        assertEquals(List.of(), listener.batches());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aBatchInsertWhoseThirdRoutingThrowsInsertsNoneOfItsObjects(BufferType type) {
        RecordingListener listener = new RecordingListener();
        PartitionedBuffer buffer = started(options(type, PARTITIONS), listener);
        IllegalArgumentException cause = new IllegalArgumentException("bad object");
        PartitionKey failsOnThird = PartitionKey.by(object -> {
            if ("third".equals(object)) {
                throw cause;
            }
            return object;
        });

        BufferException refused = assertThrows(BufferException.class,
                () -> insertAll(buffer, List.of("first", "second", "third", "fourth"), failsOnThird));

        assertSame(cause, refused.getCause());
        assertTrue(refused.getMessage().contains("'routed'"), refused.getMessage());
        assertEquals(0, buffer.size());
        assertEquals(0, buffer.statistics().inserted());
        scheduler.advance(INTERVAL);
        assertEquals(List.of(), listener.batches());
    }

    @Test
    void aThrowingBufferLevelFunctionFailsThePushAndInsertsNothing() {
        RecordingListener listener = new RecordingListener();
        QueueBuffer buffer = (QueueBuffer) started(options(BufferType.QUEUE, PARTITIONS)
                .set("partitionKey", UserPrefixRouting.class.getName()), listener);

        // No ':' in the item: the function's substring throws.
        BufferException refused = assertThrows(BufferException.class, () -> buffer.push("no-separator"));

        assertTrue(refused.getCause() instanceof StringIndexOutOfBoundsException, String.valueOf(refused.getCause()));
        assertEquals(0, buffer.size());
        assertEquals(0, buffer.statistics().inserted());
    }

    @ParameterizedTest
    @EnumSource(BufferType.class)
    void aThrowingRoutingFunctionFailsTheInsertEvenWithOnePartition(BufferType type) {
        // Routing cannot matter with one partition, but a faulty function must fail the same way as with eight, or
        // it would only surface once the partition count is raised.
        PartitionedBuffer buffer = started(options(type, 1), new RecordingListener());
        PartitionKey failing = PartitionKey.by(object -> {
            throw new IllegalStateException("no user in this event");
        });

        assertThrows(BufferException.class, () -> insert(buffer, "event", failing));

        assertEquals(0, buffer.size());
    }

    /** A static key whose partition differs from {@code avoid}, found by trying, so the override is visible. */
    private static String staticKeyRoutedAwayFrom(int avoid, int partitions) {
        for (int i = 0; ; i++) {
            String key = "static-" + i;
            if (PartitionRouting.indexFor(key, partitions) != avoid) {
                return key;
            }
        }
    }
}
