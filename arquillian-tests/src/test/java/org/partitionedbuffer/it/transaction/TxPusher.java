package org.partitionedbuffer.it.transaction;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.it.app.Buffers;

/** A session bean whose methods push inside container-managed transactions (REQUIRED unless said otherwise). */
@Stateless
public class TxPusher {

    /** What {@link #pushAndFail} throws: a system exception, so the container rolls the transaction back. */
    public static final class PlannedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PlannedFailure(String message) {
            super(message);
        }
    }

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    @Resource
    private SessionContext context;

    /** Pushes {@code items}; the transaction commits when the method returns. */
    public void push(String buffer, List<String> items) {
        try (BufferConnection connection = buffers.getConnection()) {
            items.forEach(item -> connection.push(buffer, item));
        }
    }

    /** Pushes {@code items}, then runs {@code before} (still inside the transaction, which commits on return). */
    public void pushThen(String buffer, List<String> items, Runnable before) {
        push(buffer, items);
        before.run();
    }

    /** Pushes {@code items}, then throws a RuntimeException: the container rolls the transaction back. */
    public void pushAndFail(String buffer, List<String> items) {
        push(buffer, items);
        throw new PlannedFailure("planned failure after pushing " + items);
    }

    /** Pushes {@code items} in a transaction of its own, committed when the method returns. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void pushInNewTransaction(String buffer, List<String> items) {
        push(buffer, items);
    }

    /**
     * Pushes {@code outer}, calls {@link #pushInNewTransaction} (through the container) with {@code inner}, then throws:
     * the outer transaction rolls back, the inner one has committed.
     */
    public void pushOuterAndInnerThenFail(String buffer, List<String> outer, List<String> inner) {
        push(buffer, outer);
        context.getBusinessObject(TxPusher.class).pushInNewTransaction(buffer, inner);
        throw new PlannedFailure("planned failure of the outer transaction after pushing " + outer);
    }

    /** Marks the transaction for rollback ({@code SessionContext.setRollbackOnly()}), then pushes {@code item}. */
    public void markRollbackOnlyThenPush(String buffer, String item) {
        context.setRollbackOnly();
        try (BufferConnection connection = buffers.getConnection()) {
            connection.push(buffer, item);
        }
    }
}
