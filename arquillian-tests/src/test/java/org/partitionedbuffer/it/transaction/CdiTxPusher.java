package org.partitionedbuffer.it.transaction;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.it.app.Buffers;

/** A CDI bean whose methods push inside a {@code @Transactional} (REQUIRED) transaction. */
@ApplicationScoped
public class CdiTxPusher {

    @Resource(lookup = Buffers.JNDI)
    private BufferConnectionFactory buffers;

    /** Pushes {@code items}, then runs {@code before} (still inside the transaction, which commits on return). */
    @Transactional
    public void pushThen(String buffer, List<String> items, Runnable before) {
        pushNow(buffer, items);
        before.run();
    }

    /** Pushes {@code items}, then throws a RuntimeException: the interceptor rolls the transaction back. */
    @Transactional
    public void pushAndFail(String buffer, List<String> items) {
        pushNow(buffer, items);
        throw new TxPusher.PlannedFailure("planned failure after pushing " + items);
    }

    private void pushNow(String buffer, List<String> items) {
        try (BufferConnection connection = buffers.getConnection()) {
            items.forEach(item -> connection.push(buffer, item));
        }
    }
}
