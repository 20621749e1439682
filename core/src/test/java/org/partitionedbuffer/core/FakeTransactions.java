package org.partitionedbuffer.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Transactions by hand, per thread, completing as a JTA transaction manager completes interposed synchronizations:
 * every {@code beforeCompletion} first (one that throws rolls the transaction back), then every
 * {@code afterCompletion} with the outcome.
 */
final class FakeTransactions implements TransactionSource {

    private final ThreadLocal<Transaction> current = new ThreadLocal<>();

    @Override
    public CallerTransaction current() {
        return current.get();
    }

    /** Begins a transaction on the calling thread. */
    Transaction begin() {
        Transaction transaction = new Transaction();
        current.set(transaction);
        return transaction;
    }

    final class Transaction implements CallerTransaction {
        private final Map<Object, Object> resources = new HashMap<>();
        private final List<TransactionCompletion> completions = new ArrayList<>();
        private boolean rollbackOnly;

        @Override
        public boolean isRollbackOnly() {
            return rollbackOnly;
        }

        @Override
        public Object resource(Object key) {
            return resources.get(key);
        }

        @Override
        public void putResource(Object key, Object value) {
            resources.put(key, value);
        }

        @Override
        public void register(TransactionCompletion completion) {
            completions.add(completion);
        }

        void setRollbackOnly() {
            rollbackOnly = true;
        }

        /**
         * Commits, or rolls back when a synchronization refuses before completion; the refusal is rethrown then, as a
         * transaction manager reports it in its rollback exception.
         */
        void commit() {
            current.remove();
            RuntimeException refused = null;
            for (TransactionCompletion completion : completions) {
                try {
                    completion.beforeCompletion();
                } catch (RuntimeException e) {
                    refused = e;
                    break;
                }
            }
            boolean committed = refused == null && !rollbackOnly;
            completions.forEach(completion -> completion.afterCompletion(committed));
            if (refused != null) {
                throw refused;
            }
        }

        void rollback() {
            current.remove();
            completions.forEach(completion -> completion.afterCompletion(false));
        }
    }
}
