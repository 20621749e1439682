package org.partitionedbuffer.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A secondary JMH result, {@code delivered}: items the drains handed to the listener per second during the
 * iteration. When it stays below the push rate, the drain cannot sustain that push rate and the backlog grows.
 * JMH sums aux counters over the benchmark threads, so only thread 0 reports the (shared) count.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class DrainRate {

    /** Items delivered during the iteration; JMH divides it by the iteration's time. */
    public long delivered;

    private boolean reports;
    private long atStart;
    private DeliveredCount count;

    @Setup(Level.Iteration)
    public void start(DeliveredCount deliveredCount, ThreadParams thread) {
        count = deliveredCount;
        reports = thread.getThreadIndex() == 0;
        atStart = count.get();
        delivered = 0;
    }

    @TearDown(Level.Iteration)
    public void end() {
        if (reports) {
            delivered = count.get() - atStart;
        }
    }
}
