package org.partitionedbuffer.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;
import org.partitionedbuffer.api.BufferEntry;

/**
 * A map buffer's partition: the pending value of each key, and the versions it remembers. Every write, read and swap
 * holds the partition lock. A single write is one call here ({@link #put}, {@link #putNewer}, {@link #delete}); a
 * batch over several partitions ({@link MapBatchWrite}) locks them all and uses the {@code ...Locked} steps.
 *
 * <p>A plain put stores the caller's value as it is, so the hot path allocates only the map's node; the
 * {@link BufferEntry} a listener receives is built on the delivery thread when the drain is delivered. Only versioned
 * writes store a {@link Versioned} holder, which no caller's value can be (the type is private).
 */
final class MapPartition extends Partition {

    private static final VarHandle SIZE;
    private static final VarHandle INSERTED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SIZE = lookup.findVarHandle(MapPartition.class, "size", int.class);
            INSERTED = lookup.findVarHandle(MapPartition.class, "inserted", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A versioned write's pending value, its version and how many pending writes of the key it replaced. */
    private record Versioned(Object value, long version, long updates) {
    }

    /** Guarded by lock: a plain put's value, or a {@link Versioned}. */
    private Map<Object, Object> entries = new HashMap<>();
    /** Guarded by lock: entries may hold a {@link Versioned}; when false, a drain never reads the values. */
    private boolean holdsVersioned;
    /** Guarded by lock; created by the first versioned write. */
    private VersionLedger ledger;
    /** Guarded by lock: set once when the buffer stops; later inserts are refused. */
    private boolean closed;
    /** Guarded by lock: this partition's pending entries are held in the capacity gate (capacity > 0). */
    private boolean counted;
    // Written under lock with opaque stores (no fence on the hot path); read anywhere with opaque loads.
    @SuppressWarnings("unused")
    private int size;
    @SuppressWarnings("unused")
    private long inserted;

    MapPartition(int index, boolean counted, CapacityGate gate) {
        super(index, gate);
        this.counted = counted;
    }

    /** Writes {@code key -> value}, last write wins; version and updates reset to 0. */
    Placement put(Object key, Object value, long capacity) {
        synchronized (this) {
            if (closed) {
                return Placement.CLOSED;
            }
            if (!roomForKeyLocked(key, capacity)) {
                return Placement.FULL;
            }
            putLocked(key, value);
            return Placement.PLACED;
        }
    }

    /** Writes {@code key -> value} if {@code version} is newer than every version known for the key. */
    Placement putNewer(Object key, Object value, long version, long capacity) {
        synchronized (this) {
            if (closed) {
                return Placement.CLOSED;
            }
            if (!isNewerLocked(key, version)) {
                return Placement.IGNORED;
            }
            if (!roomForKeyLocked(key, capacity)) {
                return Placement.FULL;
            }
            putNewerLocked(key, value, version);
            return Placement.PLACED;
        }
    }

    /** Removes the pending entry of {@code key} and forgets its version. True when there was one. */
    boolean delete(Object key) {
        boolean deleted;
        boolean wasCounted;
        synchronized (this) {
            deleted = deleteLocked(key);
            wasCounted = counted;
        }
        if (deleted && wasCounted) {
            gate.release(1);
        }
        return deleted;
    }

    /** The pending entry of {@code key}, with its version and update count, or null. */
    BufferEntry get(Object key) {
        synchronized (this) {
            Object stored = entries.get(key);
            return stored == null ? null : entryOf(key, stored, true);
        }
    }

    /** Whether {@code key} has a pending entry now. */
    boolean holds(Object key) {
        synchronized (this) {
            return entries.containsKey(key);
        }
    }

    /** Whether a versioned write of {@code key} at {@code version} would be applied now. */
    boolean wouldApply(Object key, long version) {
        synchronized (this) {
            return isNewerLocked(key, version);
        }
    }

    /** Under lock: a key already pending needs no room; a new one reserves it when the partition is counted. */
    private boolean roomForKeyLocked(Object key, long capacity) {
        return !counted || entries.containsKey(key) || gate.tryReserve(1, capacity);
    }

    @Override
    int size() {
        return (int) SIZE.getOpaque(this);
    }

    @Override
    long inserted() {
        return (long) INSERTED.getOpaque(this);
    }

    /** Under lock: records the new pending size after {@code added} entries were written. */
    private void accepted(int newSize, int added) {
        SIZE.setOpaque(this, newSize);
        INSERTED.setOpaque(this, (long) INSERTED.getOpaque(this) + added);
    }

    /** The entry a listener or a reader sees for {@code stored}, the pending value of {@code key}. */
    static BufferEntry entryOf(Object key, Object stored, boolean mayBeVersioned) {
        return mayBeVersioned && stored instanceof Versioned versioned
                ? new BufferEntry(key, versioned.value, versioned.version, versioned.updates)
                : new BufferEntry(key, stored, 0, 0);
    }

    /** Under lock. */
    boolean containsLocked(Object key) {
        return entries.containsKey(key);
    }

    /** Under lock: pending entries hold room in the capacity gate. */
    boolean countedLocked() {
        return counted;
    }

    /** Under the locks of {@code partitions[indexes[...]]}: the pending entries of those counted against capacity. */
    static long countedSizeLocked(MapPartition[] partitions, int[] indexes) {
        long size = 0;
        for (int index : indexes) {
            if (partitions[index].counted) {
                size += partitions[index].size();
            }
        }
        return size;
    }

    /** Under lock: last write wins, version and updates reset to 0. */
    void putLocked(Object key, Object value) {
        entries.put(key, value);
        if (ledger != null) {
            ledger.forget(key);
        }
        accepted(entries.size(), 1);
    }

    /** Under lock: whether a versioned write of {@code key} at {@code version} would be applied. */
    boolean isNewerLocked(Object key, long version) {
        Object pending = entries.get(key);
        if (pending != null) {
            return version > (pending instanceof Versioned versioned ? versioned.version : 0);
        }
        Long known = ledger == null ? null : ledger.versionOf(key);
        return known == null || version > known;
    }

    /**
     * Under lock: writes {@code key} at {@code version}, counting the replacement in {@code updates}. The caller has
     * checked {@link #isNewerLocked} under the same lock hold (it needs the answer first, to skip ignored writes and
     * to reserve room only for keys that will be added).
     */
    void putNewerLocked(Object key, Object value, long version) {
        Object pending = entries.get(key);
        long updates = pending == null ? 0 : (pending instanceof Versioned versioned ? versioned.updates : 0) + 1;
        entries.put(key, new Versioned(value, version, updates));
        holdsVersioned = true;
        if (ledger == null) {
            ledger = new VersionLedger();
        }
        ledger.record(key, version);
        accepted(entries.size(), 1);
    }

    /** Under lock: removes a pending entry and forgets its version; the caller settles the gate. */
    boolean deleteLocked(Object key) {
        if (ledger != null) {
            ledger.forget(key);
        }
        if (entries.remove(key) == null) {
            return false;
        }
        SIZE.setOpaque(this, entries.size());
        return true;
    }

    @Override
    Drain swapOut() {
        int drained;
        boolean wasCounted;
        Drain drain;
        synchronized (this) {
            drained = size();
            if (drained == 0) {
                return null;
            }
            Map<Object, Object> taken = entries;
            // Sized for a similar next drain, within reason: the table is only allocated by the first put.
            entries = new HashMap<>((int) (Math.min(taken.size(), 1 << 16) / 0.75f) + 1);
            drain = Drain.of(taken, holdsVersioned);
            holdsVersioned = false;
            SIZE.setOpaque(this, 0);
            wasCounted = counted;
        }
        if (wasCounted) {
            gate.release(drained);
        }
        return drain;
    }

    @Override
    boolean closedLocked() {
        return closed;
    }

    @Override
    void close() {
        synchronized (this) {
            closed = true;
        }
    }

    @Override
    void countAgainstCapacity(boolean count) {
        synchronized (this) {
            if (counted != count) {
                counted = count;
                gate.adjust(count ? size() : -size());
            }
        }
    }
}
