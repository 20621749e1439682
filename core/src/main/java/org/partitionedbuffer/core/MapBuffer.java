package org.partitionedbuffer.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
              Function<String, Optional<PartitionedBuffer>> bufferLookup, TransactionSource transactions,
              CapacityGate gate) {
        this(options, scheduler, bufferLookup, transactions, gate, newPartitions(options, gate));
    }

    private MapBuffer(BufferOptions options, BufferScheduler scheduler,
                      Function<String, Optional<PartitionedBuffer>> bufferLookup, TransactionSource transactions,
                      CapacityGate gate, MapPartition[] maps) {
        super(options, scheduler, bufferLookup, transactions, gate, maps);
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
        StagedWrites stage = staging().forInsert();
        MapPartition partition = maps[route(key, partitionKey)];
        if (stage != null) {
            staging().stage(stage, List.of(StagedWrite.put(partition.index, key, value)));
            return;
        }
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
        StagedWrites stage = staging().forInsert();
        if (stage == null) {
            writeAll(keys, values, null, partitionKey);
            return;
        }
        int[] indexes = routeAll(keys, partitionKey);
        List<StagedWrite> writes = new ArrayList<>(keys.length);
        for (int k = 0; k < keys.length; k++) {
            writes.add(StagedWrite.put(indexes[k], keys[k], values[k]));
        }
        staging().stage(stage, writes);
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
        StagedWrites stage = staging().forInsert();
        MapPartition partition = maps[route(key, partitionKey)];
        if (stage != null) {
            boolean applies = stage.wouldApply(key, version, () -> partition.wouldApply(key, version));
            if (applies) {
                staging().stage(stage, List.of(StagedWrite.putNewer(partition.index, key, value, version)));
            }
            return applies;
        }
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
        StagedWrites stage = staging().forInsert();
        return stage == null ? writeAll(keys, values, versions, partitionKey)
                : stageNewer(stage, keys, values, versions, partitionKey);
    }

    /** Inside a transaction: stages the versioned writes that would apply now, each judged after the ones before. */
    private int stageNewer(StagedWrites stage, Object[] keys, Object[] values, long[] versions,
                           PartitionKey partitionKey) {
        int[] indexes = routeAll(keys, partitionKey);
        List<StagedWrite> writes = new ArrayList<>(keys.length);
        Map<Object, Long> newestInCall = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            Object key = keys[i];
            long version = versions[i];
            MapPartition partition = maps[indexes[i]];
            Long earlier = newestInCall.get(key);
            boolean applies = earlier != null ? version > earlier
                    : stage.wouldApply(key, version, () -> partition.wouldApply(key, version));
            if (applies) {
                newestInCall.put(key, version);
                writes.add(StagedWrite.putNewer(indexes[i], key, values[i], version));
            }
        }
        if (!writes.isEmpty()) {
            staging().stage(stage, writes);
        }
        return writes.size();
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
        MapPartition partition = maps[route(key, partitionKey)];
        StagedWrites stage = staging().forRead();
        StagedWrite staged = stage == null ? null : stage.lastWriteOf(key);
        if (staged != null) { // the transaction reads its own writes
            return staged.writesEntry() ? Optional.of(new BufferEntry(key, staged.value(), staged.version(), 0))
                    : Optional.empty();
        }
        return Optional.ofNullable(partition.get(key));
    }

    public boolean delete(Object key) {
        return delete(key, null);
    }

    /** Removes the pending entry of {@code key} before it is processed. True when there was one. */
    public boolean delete(Object key, PartitionKey partitionKey) {
        Objects.requireNonNull(key, "key");
        StagedWrites stage = staging().forInsert();
        MapPartition partition = maps[route(key, partitionKey)];
        if (stage == null) {
            return partition.delete(key);
        }
        StagedWrite staged = stage.lastWriteOf(key);
        boolean pending = staged != null ? staged.writesEntry() : partition.holds(key);
        stage.add(List.of(StagedWrite.delete(partition.index, key)));
        return pending;
    }

    @Override
    void applyCommitted(List<StagedWrite> writes, long reserved) {
        MapCommit commit = new MapCommit(maps, gate, writes, reserved);
        if (commit.tryOnce() == Placement.CLOSED) {
            staging().commitRefused(writes.size(), reserved);
            return;
        }
        for (int index : commit.involved()) {
            if (commit.appliedIn(index) > 0) {
                afterInsert(maps[index], commit.appliedIn(index));
            }
        }
    }
}
