package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferEntry;

/** What the map buffer tests share: a started map buffer on a manual scheduler, and delivered entries by key. */
final class MapFixtures {

    private MapFixtures() {
    }

    /** A started map buffer with {@code listener} attached; only the test's own ticks and flushes deliver. */
    static MapBuffer startedMap(BufferOptions.Builder builder, ManualScheduler scheduler, BatchListener listener) {
        MapBuffer map = (MapBuffer) PartitionedBuffer.create(builder.build(), scheduler);
        map.attach(listener);
        map.start();
        scheduler.runReady();
        return map;
    }

    /** The delivered entries by key; a key delivered twice fails, since one drain holds each key once. */
    static Map<Object, BufferEntry> byKey(List<BufferEntry> entries) {
        Map<Object, BufferEntry> result = new HashMap<>();
        for (BufferEntry entry : entries) {
            assertNull(result.put(entry.key(), entry), () -> "key delivered twice: " + entry.key());
        }
        return result;
    }
}
