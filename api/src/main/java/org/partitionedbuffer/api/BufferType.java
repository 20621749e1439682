package org.partitionedbuffer.api;

/** The two kinds of buffer: how inserts accumulate until a partition drains. */
public enum BufferType {
    /** Items are kept in insertion order; every push is delivered. */
    QUEUE,
    /** Entries are keyed: the last write of a key wins, versioned writes keep only newer versions. */
    MAP;

    /** The option value that selects this type: {@code queue} or {@code map}. */
    public String optionValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
