package org.partitionedbuffer.it.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.partitionedbuffer.api.Batch;

/** What the metered beans were called with: one line per onBatch call, for the test to compute expected metrics. */
public final class Deliveries {

    /** One onBatch call: where, how many items, which attempt, whether the bean threw. */
    public record Call(String buffer, int partition, int size, int attempt, boolean threw) {
    }

    private static final List<Call> CALLS = new CopyOnWriteArrayList<>();

    private Deliveries() {
    }

    static void record(Batch batch, boolean threw) {
        CALLS.add(new Call(batch.buffer(), batch.partition(), batch.size(), batch.attempt(), threw));
    }

    public static List<Call> of(String buffer) {
        return CALLS.stream().filter(call -> call.buffer().equals(buffer)).toList();
    }
}
