package org.partitionedbuffer.benchmarks;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The trivial listener every contestant delivers to: it reads each item of a batch and counts it. The engine's
 * listener and the baselines' drains call it the same way, with batches of the same size. A JMH state, so the
 * benchmark and its {@link DrainRate} counter share one per run.
 */
@State(Scope.Benchmark)
public class DeliveredCount {

    // Added to by the delivery threads (one add per batch), read by the benchmark threads.
    private final AtomicLong delivered = new AtomicLong();

    void accept(List<?> batch) {
        int seen = 0;
        for (int i = 0, n = batch.size(); i < n; i++) {
            if (batch.get(i) != null) {
                seen++;
            }
        }
        delivered.addAndGet(seen);
    }

    long get() {
        return delivered.get();
    }
}
