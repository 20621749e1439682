package org.partitionedbuffer.api;

import java.util.Objects;

/**
 * One pending entry of a map buffer, as a batch delivers it, and one versioned write for
 * {@link BufferConnection#putAllNewer(String, java.util.Collection)}.
 *
 * @param key     the map key, never null
 * @param value   the latest value written for the key, never null
 * @param version the version of that value: the one given to {@code putNewer}, or 0 after a plain {@code put}
 * @param updates how many times a newer version replaced the pending value since the key was first written (0 after a
 *                plain {@code put}, which resets it); ignored when the entry is an argument of {@code putAllNewer}
 */
public record BufferEntry(Object key, Object value, long version, long updates) {

    public BufferEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** A versioned write for {@code putAllNewer}: {@code updates} is kept by the buffer, so it starts at 0 here. */
    public static BufferEntry of(Object key, Object value, long version) {
        return new BufferEntry(key, value, version, 0);
    }
}
