package org.partitionedbuffer.it.failure;

import org.partitionedbuffer.api.Batch;

/**
 * Fails batches by their content: a batch whose items start with {@code once-} throws on attempt 1, {@code twice-} on
 * attempts 1 and 2, {@code always-} on every attempt; {@code ok-} batches succeed. Every call is recorded.
 */
final class FlakyListener {

    private FlakyListener() {
    }

    static void onBatch(Batch batch) throws Exception {
        String first = String.valueOf(batch.items().get(0));
        boolean fail = first.startsWith("always-")
                || (first.startsWith("twice-") && batch.attempt() <= 2)
                || (first.startsWith("once-") && batch.attempt() == 1);
        Calls.record(batch.buffer(), new Calls.Call(batch.items(), batch.attempt(), fail));
        if (fail) {
            throw new Exception("planned failure of " + first + " on attempt " + batch.attempt());
        }
    }
}
