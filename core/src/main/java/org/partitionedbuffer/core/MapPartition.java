package org.partitionedbuffer.core;

import java.util.HashMap;
import java.util.Map;
import org.partitionedbuffer.api.BufferEntry;

/** A map buffer's partition: the pending entry of each key, and the versions it remembers. */
final class MapPartition extends Partition {

    /** Guarded by lock. */
    private Map<Object, BufferEntry> entries = new HashMap<>();
    /** Guarded by lock; created by the first versioned write. */
    private VersionLedger ledger;

    MapPartition(int index) {
        super(index);
    }

    /** Under lock. */
    boolean containsLocked(Object key) {
        return entries.containsKey(key);
    }

    /** Under lock. */
    BufferEntry getLocked(Object key) {
        return entries.get(key);
    }

    /** Under lock: last write wins, version and updates reset to 0. Returns whether the key was new. */
    boolean putLocked(Object key, Object value) {
        boolean added = entries.put(key, new BufferEntry(key, value, 0, 0)) == null;
        if (ledger != null) {
            ledger.forget(key);
        }
        accepted(entries.size(), 1);
        return added;
    }

    /** Under lock: whether a versioned write of {@code key} at {@code version} would be applied. */
    boolean isNewerLocked(Object key, long version) {
        BufferEntry pending = entries.get(key);
        if (pending != null) {
            return version > pending.version();
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
        BufferEntry pending = entries.get(key);
        long updates = pending == null ? 0 : pending.updates() + 1;
        entries.put(key, new BufferEntry(key, value, version, updates));
        if (ledger == null) {
            ledger = new VersionLedger();
        }
        ledger.record(key, version);
        accepted(entries.size(), 1);
    }

    /** Under lock: removes a pending entry and forgets its version. Returns whether there was one. */
    boolean deleteLocked(Object key) {
        if (ledger != null) {
            ledger.forget(key);
        }
        if (entries.remove(key) == null) {
            return false;
        }
        resized(entries.size());
        return true;
    }

    @Override
    Drain swapStorageLocked() {
        Map<Object, BufferEntry> drained = entries;
        // Sized for a similar next drain, within reason: the table is only allocated by the first put.
        entries = new HashMap<>((int) (Math.min(drained.size(), 1 << 16) / 0.75f) + 1);
        return Drain.of(drained);
    }
}
