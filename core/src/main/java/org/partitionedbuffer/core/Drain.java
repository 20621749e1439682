package org.partitionedbuffer.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.partitionedbuffer.api.BufferEntry;

/** What one storage swap took out of a partition, delivered batch by batch. Immutable once taken. */
interface Drain {

    int size();

    /** Items {@code from} (inclusive) to {@code to} (exclusive), as a read-only list a listener may keep. */
    List<Object> items(int from, int to);

    /** A queue partition's drained items, in insertion order. */
    static Drain of(ItemChunks items) {
        return new Drain() {
            @Override
            public int size() {
                return items.size();
            }

            @Override
            public List<Object> items(int from, int to) {
                return items.slice(from, to);
            }
        };
    }

    /** A map partition's drained entries; the entry array is built by the delivery thread, outside any lock. */
    static Drain of(Map<Object, BufferEntry> entries) {
        return new Drain() {
            private Object[] array;

            @Override
            public int size() {
                return entries.size();
            }

            @Override
            public List<Object> items(int from, int to) {
                if (array == null) {
                    array = entries.values().toArray();
                }
                return Collections.unmodifiableList(Arrays.asList(array).subList(from, to));
            }
        };
    }
}
