package org.partitionedbuffer.core;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.PartitionKey;

/**
 * A buffer of keyed entries: the last write of a key wins until the partition drains, so a burst of updates to one key
 * is delivered once. Versioned writes ({@link #putNewer}) keep only a strictly newer version and count the
 * replacements in {@link BufferEntry#updates()}. Routing uses the map key.
 */
public final class MapBuffer extends PartitionedBuffer {

    private final MapPartition[] maps;
    private final CapacityGate gate;

    MapBuffer(BufferOptions options, BufferScheduler scheduler,
              Function<String, Optional<PartitionedBuffer>> bufferLookup, CapacityGate gate) {
        this(options, scheduler, bufferLookup, gate, newPartitions(options, gate));
    }

    private MapBuffer(BufferOptions options, BufferScheduler scheduler,
                      Function<String, Optional<PartitionedBuffer>> bufferLookup, CapacityGate gate,
                      MapPartition[] maps) {
        super(options, scheduler, bufferLookup, gate, maps);
        this.maps = maps;
        this.gate = gate;
    }

    private static MapPartition[] newPartitions(BufferOptions options, CapacityGate gate) {
        MapPartition[] partitions = new MapPartition[options.partitions()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new MapPartition(i, options.capacity() > 0, gate);
        }
        return partitions;
    }

    // ---- plain writes: last write wins

    public void put(Object key, Object value) {
        put(key, value, null);
    }

    /** Writes {@code key -> value}; version and updates reset to 0. Routes with {@code partitionKey} when given. */
    public void put(Object key, Object value, PartitionKey partitionKey) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        MapPartition partition = maps[route(key, partitionKey)];
        admit(partition.put(key, value, options().capacity()), () -> partition.put(key, value, options().capacity()),
                1, true);
        afterInsert(partition, 1);
    }

    public void putAll(Map<?, ?> entries) {
        putAll(entries, null);
    }

    /** Writes every entry, all or none, as {@link #put(Object, Object, PartitionKey)} does. */
    public void putAll(Map<?, ?> entries, PartitionKey partitionKey) {
        Objects.requireNonNull(entries, "entries");
        Object[] keys = new Object[entries.size()];
        Object[] values = new Object[keys.length];
        int i = 0;
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            keys[i] = Objects.requireNonNull(entry.getKey(), "key");
            values[i++] = Objects.requireNonNull(entry.getValue(), () -> "value (of key " + entry.getKey() + ")");
        }
        writeAll(keys, values, null, partitionKey);
    }

    // ---- versioned writes: only newer versions

    public boolean putNewer(Object key, Object value, long version) {
        return putNewer(key, value, version, null);
    }

    /**
     * Writes {@code key -> value} only if {@code version} is newer than every version the buffer knows for the key,
     * pending or already delivered (the newest of up to {@value VersionLedger#KEYS_PER_PARTITION} keys per partition
     * is remembered after delivery).
     *
     * @return true when applied, false when ignored as not newer
     */
    public boolean putNewer(Object key, Object value, long version, PartitionKey partitionKey) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        MapPartition partition = maps[route(key, partitionKey)];
        Placement placement = admit(partition.putNewer(key, value, version, options().capacity()),
                () -> partition.putNewer(key, value, version, options().capacity()), 1, true);
        if (placement == Placement.IGNORED) {
            return false;
        }
        afterInsert(partition, 1);
        return true;
    }

    public int putAllNewer(Collection<BufferEntry> entries) {
        return putAllNewer(entries, null);
    }

    /**
     * Applies {@link #putNewer} to each entry in order, all entries checked before any is written; the entries'
     * {@code updates} are ignored.
     *
     * @return how many were applied
     */
    public int putAllNewer(Collection<BufferEntry> entries, PartitionKey partitionKey) {
        Objects.requireNonNull(entries, "entries");
        Object[] keys = new Object[entries.size()];
        Object[] values = new Object[keys.length];
        long[] versions = new long[keys.length];
        int i = 0;
        for (BufferEntry entry : entries) {
            if (entry == null) {
                throw new NullPointerException("entry (at index " + i + " of entries)");
            }
            keys[i] = entry.key();
            values[i] = entry.value();
            versions[i++] = entry.version();
        }
        return writeAll(keys, values, versions, partitionKey);
    }

    private int writeAll(Object[] keys, Object[] values, long[] versions, PartitionKey partitionKey) {
        if (keys.length == 0) {
            return 0;
        }
        MapBatchWrite batch = new MapBatchWrite(maps, gate, () -> options().capacity(), keys, values, versions,
                routeAll(keys, partitionKey));
        admit(batch.tryOnce(), batch, keys.length, true);
        for (int index : batch.involved()) {
            if (batch.appliedIn(index) > 0) {
                afterInsert(maps[index], batch.appliedIn(index));
            }
        }
        return batch.applied();
    }

    // ---- reads and deletes of pending entries

    public Optional<Object> get(Object key) {
        return get(key, null);
    }

    /** The pending value of {@code key}: written and not yet drained. */
    public Optional<Object> get(Object key, PartitionKey partitionKey) {
        return entry(key, partitionKey).map(BufferEntry::value);
    }

    /** The pending entry of {@code key}, with its version and update count. */
    public Optional<BufferEntry> entry(Object key, PartitionKey partitionKey) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(maps[route(key, partitionKey)].get(key));
    }

    public boolean delete(Object key) {
        return delete(key, null);
    }

    /** Removes the pending entry of {@code key} before it is processed. True when there was one. */
    public boolean delete(Object key, PartitionKey partitionKey) {
        Objects.requireNonNull(key, "key");
        return maps[route(key, partitionKey)].delete(key);
    }
}
