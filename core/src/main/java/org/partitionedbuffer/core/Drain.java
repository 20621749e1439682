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

    /** A queue partition's drained (sealed) storage of {@code count} items, in insertion order. */
    static Drain of(ItemChunks items, int count) {
        return new Drain() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public List<Object> items(int from, int to) {
                return items.slice(from, to);
            }
        };
    }

    /**
     * A map partition's drained values by key. The delivery thread, outside any lock, builds every entry's
     * {@link BufferEntry} in one pass over the map's table when the first batch is delivered; the batches are slices
     * of that array. Unless {@code mayBeVersioned}, it never reads the values themselves: one cache miss per entry saved.
     */
    static Drain of(Map<Object, Object> entries, boolean mayBeVersioned) {
        return new Drain() {
            // Read and written only by the delivery run that owns the drain (handed on with it).
            private Object[] built;
            private int count;

            @Override
            public int size() {
                return entries.size();
            }

            @Override
            public List<Object> items(int from, int to) {
                if (built == null) {
                    built = new Object[entries.size()];
                    entries.forEach((key, value) -> built[count++] = MapPartition.entryOf(key, value, mayBeVersioned));
                }
                return Collections.unmodifiableList(Arrays.asList(built).subList(from, to));
            }
        };
    }
}
