package org.partitionedbuffer.ra;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.partitionedbuffer.core.CallerTransaction;
import org.partitionedbuffer.core.TransactionCompletion;
import org.partitionedbuffer.core.TransactionSource;

/**
 * The inserting threads' JTA transactions, from the server's {@link TransactionSynchronizationRegistry} (given by the
 * {@code BootstrapContext} of the instance hosting the buffers). Nothing is enlisted: the staged writes are a resource
 * of the transaction and an interposed {@link Synchronization} applies them, so the connection definition stays
 * {@code NoTransaction} and no transaction is promoted to XA.
 *
 * <p>The registry answers for the calling thread, so one {@link CallerTransaction} object serves every thread: an
 * insert allocates nothing to find its transaction, one {@code getTransactionStatus()} call.
 */
final class ServerTransactions implements TransactionSource {

    /** The registry of the hosting instance; null while none is known (then no insert is staged). */
    private volatile TransactionSynchronizationRegistry registry;
    private volatile CallerTransaction active;

    /** Uses {@code registry} from now on; null when the server gives none. */
    void use(TransactionSynchronizationRegistry registry) {
        this.active = registry == null ? null : new ThreadTransaction(registry);
        this.registry = registry;
    }

    @Override
    public CallerTransaction current() {
        TransactionSynchronizationRegistry known = registry;
        if (known == null) {
            return null;
        }
        int status = known.getTransactionStatus();
        // Only an active transaction (or one marked for rollback, which refuses) stages: an insert made while a
        // transaction completes (from another resource's afterCompletion, say) takes effect at once.
        return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK ? active : null;
    }

    /** Whichever transaction is active on the calling thread. */
    private static final class ThreadTransaction implements CallerTransaction {
        private final TransactionSynchronizationRegistry registry;

        ThreadTransaction(TransactionSynchronizationRegistry registry) {
            this.registry = registry;
        }

        @Override
        public boolean isRollbackOnly() {
            return registry.getRollbackOnly();
        }

        @Override
        public Object resource(Object key) {
            return registry.getResource(key);
        }

        @Override
        public void putResource(Object key, Object value) {
            registry.putResource(key, value);
        }

        @Override
        public void register(TransactionCompletion completion) {
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    completion.beforeCompletion();
                }

                @Override
                public void afterCompletion(int status) {
                    completion.afterCompletion(status == Status.STATUS_COMMITTED);
                }
            });
        }
    }
}
