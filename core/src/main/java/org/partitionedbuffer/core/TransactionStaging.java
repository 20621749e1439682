package org.partitionedbuffer.core;

import java.util.List;
import org.partitionedbuffer.api.BufferException;

/**
 * One buffer's side of its callers' transactions: finds the calling thread's transaction, keeps the buffer's
 * {@link StagedWrites} in it, takes and gives back the room those writes need, and applies them through the buffer
 * when the transaction commits. Without a transaction source, or with {@code transactional=false}, it answers at once
 * that an insert takes effect now.
 */
final class TransactionStaging {

    private final PartitionedBuffer buffer;
    private final TransactionSource transactions;
    private final Admission admission;
    private final BufferLifecycle lifecycle;

    TransactionStaging(PartitionedBuffer buffer, TransactionSource transactions, Admission admission,
                       BufferLifecycle lifecycle) {
        this.buffer = buffer;
        this.transactions = transactions;
        this.admission = admission;
        this.lifecycle = lifecycle;
    }

    /**
     * Where an insert made now goes when it must wait for the caller's transaction: the transaction's staged writes
     * for the buffer, created and registered with it on first use. Null when the insert takes effect at once: no
     * transaction, or {@code transactional=false}.
     *
     * @throws BufferException when the transaction is marked for rollback, or the buffer is stopping
     */
    StagedWrites forInsert() {
        if (transactions == TransactionSource.NONE || !buffer.options().transactional()) {
            return null; // the engine alone: one comparison on the insert path
        }
        CallerTransaction transaction = transactions.current();
        if (transaction == null) {
            return null;
        }
        if (transaction.isRollbackOnly()) {
            throw new BufferException("Buffer '" + buffer.name() + "': the caller's transaction is marked for rollback,"
                    + " so nothing inserted in it could take effect. Insert in a transaction that can still commit (or"
                    + " outside one), or set transactional=false on the buffer.");
        }
        if (lifecycle.isStopping()) {
            throw admission.stoppingError();
        }
        StagedWrites stage = (StagedWrites) transaction.resource(buffer);
        if (stage == null) {
            stage = new StagedWrites(buffer.name(), buffer.type(), this);
            transaction.putResource(buffer, stage);
            transaction.register(stage);
        }
        return stage;
    }

    /** The calling thread's transaction's staged writes for the buffer, if it has any: for reads. */
    StagedWrites forRead() {
        if (transactions == TransactionSource.NONE || !buffer.options().transactional()) {
            return null;
        }
        CallerTransaction transaction = transactions.current();
        return transaction == null ? null : (StagedWrites) transaction.resource(buffer);
    }

    /** Stages {@code writes} when the buffer has room for them now (inside a transaction, nothing waits for room). */
    void stage(StagedWrites stage, List<StagedWrite> writes) {
        admission.refuseUnlessRoomNow(writes.size(), stage.roomNeededWith(writes));
        stage.add(writes);
    }

    /** Before a transaction completes: takes the room its writes need, or refuses. Returns how much was taken. */
    long reserveForCommit(long room) {
        if (lifecycle.isStopping()) {
            throw admission.stoppingError();
        }
        return admission.reserveForCommit(room);
    }

    /** After a transaction committed: applies its writes with the room it reserved. */
    void applyCommitted(List<StagedWrite> writes, long reserved) {
        buffer.applyCommitted(writes, reserved);
    }

    /** Gives back room a transaction reserved and will not use. */
    void release(long reserved) {
        admission.gate().release(reserved);
    }

    /** A commit that found a partition closed: the buffer began stopping after the transaction's last check. */
    void commitRefused(int count, long reserved) {
        release(reserved);
        admission.countRefused(count, "its transaction committed after the buffer began stopping");
    }
}
