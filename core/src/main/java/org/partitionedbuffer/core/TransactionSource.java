package org.partitionedbuffer.core;

/**
 * The transactions of the threads that insert, as the engine needs them. The resource adapter implements it over the
 * server's {@code TransactionSynchronizationRegistry}; with {@link #NONE} (the engine alone, tests, benchmarks) every
 * insert takes effect at once.
 */
@FunctionalInterface
public interface TransactionSource {

    /** No transactions: every insert takes effect at once. */
    TransactionSource NONE = () -> null;

    /**
     * The transaction active on the calling thread, or null when there is none (or it is completing: an insert made
     * from another resource's completion callback takes effect at once). Called on every insert into a transactional
     * buffer: it must be cheap.
     */
    CallerTransaction current();
}
