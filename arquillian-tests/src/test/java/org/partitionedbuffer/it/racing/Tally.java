package org.partitionedbuffer.it.racing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What RacingBean received: how often each item arrived, and per (partition, producer) the last item seen, to check
 * that each producer's items reach each partition's listener in the order pushed.
 */
public final class Tally {

    public static final int PRODUCERS = 2;
    public static final int PER_PRODUCER = 500_000;
    public static final int PARTITIONS = 4;

    public static final AtomicIntegerArray TIMES_DELIVERED = new AtomicIntegerArray(PRODUCERS * PER_PRODUCER);
    public static final AtomicLong DELIVERED = new AtomicLong();
    public static final AtomicInteger DUPLICATES = new AtomicInteger();
    public static final AtomicInteger OUT_OF_ORDER = new AtomicInteger();
    public static final AtomicInteger FOREIGN = new AtomicInteger();
    public static final AtomicInteger BATCHES = new AtomicInteger();
    private static final AtomicLongArray LAST = new AtomicLongArray(PARTITIONS * PRODUCERS);

    static {
        for (int i = 0; i < LAST.length(); i++) {
            LAST.set(i, -1);
        }
    }

    private Tally() {
    }

    /** Producer {@code p} pushes {@code p * PER_PRODUCER + i} for i ascending. */
    static void record(int partition, Object item) {
        if (!(item instanceof Integer value) || value < 0 || value >= TIMES_DELIVERED.length()) {
            FOREIGN.incrementAndGet();
            return;
        }
        if (TIMES_DELIVERED.incrementAndGet(value) > 1) {
            DUPLICATES.incrementAndGet();
        }
        int slot = partition * PRODUCERS + value / PER_PRODUCER;
        if (LAST.getAndSet(slot, value) >= value) {
            OUT_OF_ORDER.incrementAndGet();
        }
        DELIVERED.incrementAndGet();
    }
}
