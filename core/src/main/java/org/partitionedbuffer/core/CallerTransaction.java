package org.partitionedbuffer.core;

/** One active transaction of an inserting thread, with what the engine keeps in it and hears of its end. */
public interface CallerTransaction {

    /** Whether it is marked for rollback: whatever is done in it will be undone. */
    boolean isRollbackOnly();

    /** What the engine keeps in this transaction under {@code key}, or null. */
    Object resource(Object key);

    void putResource(Object key, Object value);

    /** Tells {@code completion} of the transaction's end: before it completes (it may refuse), and after. */
    void register(TransactionCompletion completion);
}
