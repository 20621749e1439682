package org.partitionedbuffer.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferType;

/**
 * The writes one transaction made into one buffer, in call order: applied to the partitions when the transaction
 * commits, dropped when it rolls back. It is kept in the transaction (as its resource for the buffer) and hears its
 * end: before completion it reserves room for what it will add, after completion it applies or lets go.
 *
 * <p>A transaction is used by one thread at a time, but may be rolled back by another (a timeout), so the state is
 * guarded by a lock of its own; nothing else is called under it.
 */
final class StagedWrites implements TransactionCompletion {

    private static final Logger LOG = Logger.getLogger(StagedWrites.class.getName());

    private final String bufferName;
    private final BufferType type;
    private final TransactionStaging staging;
    private final Object lock = new Object();
    // Guarded by lock.
    private final List<StagedWrite> writes = new ArrayList<>();
    /** A map buffer's last staged write of each key: what the transaction itself reads back. */
    private final Map<Object, StagedWrite> lastByKey = new HashMap<>();
    /** A map buffer's keys whose last staged write puts an entry: the room its commit needs, kept as writes come. */
    private long entryKeys;
    /** Room taken in the capacity gate before completion, for the entries and items the commit adds. */
    private long reserved;
    private boolean completed;

    StagedWrites(String bufferName, BufferType type, TransactionStaging staging) {
        this.bufferName = bufferName;
        this.type = type;
        this.staging = staging;
    }

    /** Stages {@code added}, in order. */
    void add(List<StagedWrite> added) {
        synchronized (lock) {
            if (completed) {
                throw new BufferException("Buffer '" + bufferName + "': the transaction has already completed;"
                        + " insert in a new transaction, or outside one.");
            }
            for (StagedWrite write : added) {
                writes.add(write);
                if (type == BufferType.MAP) {
                    entryKeys += entryChange(lastByKey.put(write.key(), write), write);
                }
            }
        }
    }

    /** The last write this transaction staged for {@code key} (map buffers), or null. */
    StagedWrite lastWriteOf(Object key) {
        synchronized (lock) {
            return lastByKey.get(key);
        }
    }

    /**
     * Whether a versioned write of {@code key} at {@code version} would apply now, seen from inside the transaction:
     * against its own last write of the key, else against the buffer ({@code committed}).
     */
    boolean wouldApply(Object key, long version, BooleanSupplier committed) {
        StagedWrite last = lastWriteOf(key);
        if (last == null) {
            return committed.getAsBoolean();
        }
        return switch (last.kind()) {
            case PUT -> version > 0;
            case PUT_NEWER -> version > last.version();
            case DELETE, PUSH -> true; // a delete forgets the key's version
        };
    }

    /**
     * The room the commit needs with {@code added} staged too: a queue's items; a map's keys whose last write puts an
     * entry (an upper bound: a key already pending needs none, but may be drained before the commit).
     */
    long roomNeededWith(List<StagedWrite> added) {
        synchronized (lock) {
            if (type == BufferType.QUEUE) {
                return writes.size() + added.size();
            }
            long keys = entryKeys; // kept as writes come, so a long transaction does not count its keys at every call
            Map<Object, StagedWrite> newer = new HashMap<>();
            for (StagedWrite write : added) {
                newer.put(write.key(), write);
            }
            for (StagedWrite write : newer.values()) {
                keys += entryChange(lastByKey.get(write.key()), write);
            }
            return keys;
        }
    }

    /** How the count of entry-putting keys changes when {@code write} replaces {@code before} (null: none). */
    private static int entryChange(StagedWrite before, StagedWrite write) {
        boolean wasCounted = before != null && before.writesEntry();
        return (write.writesEntry() ? 1 : 0) - (wasCounted ? 1 : 0);
    }

    @Override
    public void beforeCompletion() {
        long room = roomNeededWith(List.of());
        try {
            long taken = staging.reserveForCommit(room);
            synchronized (lock) {
                reserved = taken;
            }
        } catch (BufferException refused) {
            LOG.log(Level.WARNING, "Buffer '" + bufferName + "': the transaction is rolled back: "
                    + refused.getMessage(), refused);
            throw refused;
        }
    }

    @Override
    public void afterCompletion(boolean committed) {
        List<StagedWrite> done;
        long held;
        synchronized (lock) {
            if (completed) {
                return;
            }
            completed = true;
            done = List.copyOf(writes);
            held = reserved;
        }
        try {
            if (committed && !done.isEmpty()) {
                staging.applyCommitted(done, held);
            } else {
                staging.release(held);
            }
        } catch (Throwable e) { // never thrown at the server, which would only log it
            LOG.log(Level.SEVERE, e, () -> "Buffer '" + bufferName + "': " + done.size() + " write(s) of a "
                    + (committed ? "committed" : "rolled-back") + " transaction could not be "
                    + (committed ? "applied and are lost" : "released"));
        }
    }
}
