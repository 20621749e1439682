package org.partitionedbuffer.core;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

    MapBuffer(BufferOptions options, BufferScheduler scheduler,
              Function<String, Optional<PartitionedBuffer>> bufferLookup) {
        this(options, scheduler, bufferLookup, newPartitions(options));
    }

    private MapBuffer(BufferOptions options, BufferScheduler scheduler,
                      Function<String, Optional<PartitionedBuffer>> bufferLookup, MapPartition[] maps) {
        super(options, scheduler, bufferLookup, maps);
        this.maps = maps;
    }

    private static MapPartition[] newPartitions(BufferOptions options) {
        MapPartition[] partitions = new MapPartition[options.partitions()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new MapPartition(i, options.capacity() > 0);
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
        long waitDeadline = 0;
        int newSize;
        while ((newSize = tryPut(partition, key, value)) < 0) {
            waitDeadline = awaitRoom(1, waitDeadline, true);
        }
        afterInsert(partition, newSize, 1);
    }

    private int tryPut(MapPartition partition, Object key, Object value) {
        synchronized (partition) {
            ensureOpen(partition);
            if (!roomForNewKey(partition, key)) {
                return -1;
            }
            partition.putLocked(key, value);
            return partition.size();
        }
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
        long waitDeadline = 0;
        while (true) {
            int newSize;
            synchronized (partition) {
                ensureOpen(partition);
                if (!partition.isNewerLocked(key, version)) {
                    return false;
                }
                if (!roomForNewKey(partition, key)) {
                    newSize = -1;
                } else {
                    partition.putNewerLocked(key, value, version);
                    newSize = partition.size();
                }
            }
            if (newSize >= 0) {
                afterInsert(partition, newSize, 1);
                return true;
            }
            waitDeadline = awaitRoom(1, waitDeadline, true);
        }
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

    // ---- reads and deletes of pending entries

    public Optional<Object> get(Object key) {
        return get(key, null);
    }

    /** The pending value of {@code key}: written and not yet drained. */
    public Optional<Object> get(Object key, PartitionKey partitionKey) {
        Objects.requireNonNull(key, "key");
        MapPartition partition = maps[route(key, partitionKey)];
        synchronized (partition) {
            BufferEntry entry = partition.getLocked(key);
            return entry == null ? Optional.empty() : Optional.of(entry.value());
        }
    }

    /** The pending entry of {@code key}, with its version and update count. */
    public Optional<BufferEntry> entry(Object key, PartitionKey partitionKey) {
        Objects.requireNonNull(key, "key");
        MapPartition partition = maps[route(key, partitionKey)];
        synchronized (partition) {
            return Optional.ofNullable(partition.getLocked(key));
        }
    }

    public boolean delete(Object key) {
        return delete(key, null);
    }

    /** Removes the pending entry of {@code key} before it is processed. True when there was one. */
    public boolean delete(Object key, PartitionKey partitionKey) {
        Objects.requireNonNull(key, "key");
        MapPartition partition = maps[route(key, partitionKey)];
        boolean deleted;
        boolean counted;
        synchronized (partition) {
            deleted = partition.deleteLocked(key);
            counted = partition.counted;
        }
        if (deleted && counted) {
            gate().release(1);
        }
        return deleted;
    }

    // ---- shared by the write paths

    private void ensureOpen(MapPartition partition) {
        if (partition.closedLocked()) {
            throw stoppingError();
        }
    }

    /** Under the partition lock: a key already pending needs no room; a new one reserves it when counted. */
    private boolean roomForNewKey(MapPartition partition, Object key) {
        return !partition.counted || partition.containsLocked(key) || gate().tryReserve(1, options().capacity());
    }

    /**
     * Writes keys[i] -> values[i] for every i, all or none, with every involved partition locked. With versions,
     * each write is versioned and the count of applied ones is returned.
     */
    private int writeAll(Object[] keys, Object[] values, long[] versions, PartitionKey partitionKey) {
        if (keys.length == 0) {
            return 0;
        }
        int[] indexes = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            indexes[i] = route(keys[i], partitionKey);
        }
        int[] involved = PartitionRouting.distinctAscending(indexes, partitions());
        int[] appliedPerPartition = new int[partitions()];
        long[] roomNeeded = new long[1];
        long waitDeadline = 0;
        int applied;
        while ((applied = tryWriteAll(keys, values, versions, indexes, involved, appliedPerPartition,
                roomNeeded)) < 0) {
            waitDeadline = awaitRoom(roomNeeded[0], keys.length, waitDeadline, true);
        }
        for (int index : involved) {
            if (appliedPerPartition[index] > 0) {
                afterInsert(maps[index], maps[index].size(), appliedPerPartition[index]);
            }
        }
        return applied;
    }

    /**
     * How many writes were applied, or -1 when the buffer lacks room for the keys the call would add; then
     * {@code roomNeeded[0]} says how many that is.
     */
    private int tryWriteAll(Object[] keys, Object[] values, long[] versions, int[] indexes, int[] involved,
                            int[] appliedPerPartition, long[] roomNeeded) {
        return withPartitionsLocked(involved, () -> {
            for (int index : involved) {
                ensureOpen(maps[index]);
            }
            long reserved = keysToAdd(keys, versions, indexes);
            if (reserved > 0 && !gate().tryReserve(reserved, options().capacity())) {
                roomNeeded[0] = reserved;
                return -1;
            }
            long sizeBefore = countedSize(involved);
            int applied = 0;
            for (int i = 0; i < keys.length; i++) {
                MapPartition partition = maps[indexes[i]];
                boolean written = versions == null || partition.isNewerLocked(keys[i], versions[i]);
                if (written) {
                    if (versions == null) {
                        partition.putLocked(keys[i], values[i]);
                    } else {
                        partition.putNewerLocked(keys[i], values[i], versions[i]);
                    }
                    applied++;
                    appliedPerPartition[partition.index]++;
                }
            }
            long grown = countedSize(involved) - sizeBefore;
            gate().release(reserved - grown);
            return applied;
        });
    }

    /**
     * Under the locks: the distinct keys, in counted partitions, that the call would add. A key adds an entry when it
     * is not pending and (for versioned writes) at least one of its versions in the call is newer than the one the
     * partition knows: the first such version is applied and creates the entry.
     */
    private long keysToAdd(Object[] keys, long[] versions, int[] indexes) {
        Set<Object> added = null;
        for (int i = 0; i < keys.length; i++) {
            MapPartition partition = maps[indexes[i]];
            if (partition.counted && !partition.containsLocked(keys[i])
                    && (versions == null || partition.isNewerLocked(keys[i], versions[i]))) {
                if (added == null) {
                    added = new HashSet<>();
                }
                added.add(keys[i]);
            }
        }
        return added == null ? 0 : added.size();
    }

    private long countedSize(int[] involved) {
        long size = 0;
        for (int index : involved) {
            if (maps[index].counted) {
                size += maps[index].size();
            }
        }
        return size;
    }
}
