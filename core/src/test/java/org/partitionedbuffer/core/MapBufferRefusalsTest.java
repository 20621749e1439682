package org.partitionedbuffer.core;

import static org.partitionedbuffer.core.MapFixtures.byKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferFullException;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;

// Writes a map buffer refuses: a batch write with a null value, a null key or a key the routing function cannot route
// writes nothing at all; null arguments are refused by name; capacity counts pending keys, so an overwrite needs no
// room and a delete frees some.
class MapBufferRefusalsTest {

    private static final long INTERVAL = 100;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingListener listener = new RecordingListener();

    private static BufferOptions.Builder options(int partitions) {
        return BufferOptions.builder("prices").type(BufferType.MAP).partitions(partitions)
                .processingIntervalMs(INTERVAL);
    }

    private MapBuffer startedMap(BufferOptions.Builder builder) {
        return MapFixtures.startedMap(builder, scheduler, listener);
    }

    // ---- all or nothing

    @Test
    void putAllWithANullValueNamesItAndWritesNothing() {
        MapBuffer map = startedMap(options(3));
        map.put("a", 0);
        Map<String, Integer> entries = new LinkedHashMap<>();
        entries.put("a", 1);
        entries.put("b", null);
        entries.put("c", 3);

        NullPointerException error = assertThrows(NullPointerException.class, () -> map.putAll(entries));

        assertEquals("value (of key b)", error.getMessage());
        assertEquals(1, map.size());
        assertEquals(Optional.of(0), map.get("a"));
        assertEquals(Optional.empty(), map.get("c"));
        assertEquals(1, map.statistics().inserted());
        scheduler.advance(INTERVAL);
        assertEquals(List.of(new BufferEntry("a", 0, 0, 0)), listener.entries());
    }

    @Test
    void putAllWithANullKeyNamesItAndWritesNothing() {
        MapBuffer map = startedMap(options(3));
        Map<String, Integer> entries = new LinkedHashMap<>();
        entries.put("a", 1);
        entries.put(null, 2);

        NullPointerException error = assertThrows(NullPointerException.class, () -> map.putAll(entries));

        assertEquals("key", error.getMessage());
        assertEquals(0, map.size());
        assertEquals(0, map.statistics().inserted());
    }

    @Test
    void putAllAcrossPartitionsWritesNothingWhenTheRoutingFunctionThrowsForOneKey() {
        RecordingEvents events = new RecordingEvents();
        MapBuffer map = startedMap(options(4).partitionKey(PartitionKey.by(key -> {
            if (key.equals("poison")) {
                throw new IllegalArgumentException("no route for poison");
            }
            return key;
        })));
        map.addEventListener(events);
        Map<String, Integer> entries = new LinkedHashMap<>();
        IntStream.range(0, 8).forEach(i -> entries.put("k" + i, i));
        entries.put("poison", -1);
        assertTrue(IntStream.range(0, 8).map(i -> map.partitionOf("k" + i)).distinct().count() > 1,
                "the healthy keys should span several partitions");

        BufferException error = assertThrows(BufferException.class, () -> map.putAll(entries));

        assertTrue(error.getMessage().startsWith("Buffer 'prices': the routing function"), error.getMessage());
        assertTrue(error.getMessage().contains("Nothing was inserted"), error.getMessage());
        assertInstanceOf(IllegalArgumentException.class, error.getCause());
        assertEquals(0, map.size());
        assertEquals(0, map.statistics().inserted());
        assertEquals(List.of(), events.of("inserted"));
        map.flush();
        scheduler.runReady();
        assertEquals(List.of(), listener.batches());
    }

    // ---- capacity: a map counts keys, not writes

    @Test
    void anOverwriteOfAPendingKeyNeedsNoRoomAndADeleteFreesRoom() {
        MapBuffer map = startedMap(options(2).capacity(3));
        map.putAll(Map.of("a", 1, "b", 2, "c", 3));

        map.put("a", 10);
        map.putAll(Map.of("b", 20, "c", 30));
        assertTrue(map.putNewer("c", 31, 1));
        BufferFullException full = assertThrows(BufferFullException.class, () -> map.put("d", 4));
        assertEquals("Buffer 'prices' refused 1 item(s): it holds its capacity of 3 pending items (overflow=reject);"
                + " raise capacity, speed up the listener, or set overflow=block to wait for room.", full.getMessage());
        assertEquals(1, map.statistics().rejected());
        assertTrue(map.delete("a"));
        map.put("d", 4);

        assertEquals(3, map.size());
        scheduler.advance(INTERVAL);
        assertEquals(Map.of("b", new BufferEntry("b", 20, 0, 0), "c", new BufferEntry("c", 31, 1, 1),
                "d", new BufferEntry("d", 4, 0, 0)), byKey(listener.entries()));
    }

    // ---- null arguments

    @Test
    void nullKeysAndValuesAreRefusedNamingTheArgument() {
        MapBuffer map = startedMap(options(2));

        assertEquals("key", assertThrows(NullPointerException.class, () -> map.put(null, 1)).getMessage());
        assertEquals("value", assertThrows(NullPointerException.class, () -> map.put("k", null)).getMessage());
        assertEquals("key", assertThrows(NullPointerException.class, () -> map.putNewer(null, 1, 1)).getMessage());
        assertEquals("value", assertThrows(NullPointerException.class, () -> map.putNewer("k", null, 1))
                .getMessage());
        assertEquals("key", assertThrows(NullPointerException.class, () -> map.get(null)).getMessage());
        assertEquals("key", assertThrows(NullPointerException.class, () -> map.delete(null)).getMessage());
        assertEquals("entries", assertThrows(NullPointerException.class, () -> map.putAll(null)).getMessage());
        assertEquals("entries", assertThrows(NullPointerException.class, () -> map.putAllNewer(null)).getMessage());
        assertEquals("key", assertThrows(NullPointerException.class, () -> BufferEntry.of(null, 1, 1)).getMessage());
        assertEquals("value", assertThrows(NullPointerException.class, () -> BufferEntry.of("k", null, 1))
                .getMessage());

        assertEquals(0, map.size());
        assertEquals(0, map.statistics().inserted());
        assertTrue(map.putNewer("k", 1, 1), "a refused putNewer must not have recorded its version");
    }
}
