package org.partitionedbuffer.it.soak;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.it.ledger.DeliveryLedger;

/**
 * What the soak's beans received, and the failures SoakBean injects. Three kinds, checked in this order:
 * <ul>
 * <li>poison: a batch holding a number n with n % {@link #POISON_EVERY} == {@link #POISON_EVERY} - 1 fails on every
 * attempt, so it ends in the dead-letter buffer;</li>
 * <li>outage: every onBatch call fails during the first {@link #OUTAGE_MS} ms of every {@link #OUTAGE_PERIOD_MS} ms of
 * wall-clock time (the retries, 100 + 200 + 400 ms apart, outlast it only for batches that first fail late in it);</li>
 * <li>periodic: every {@link #FAIL_EVERY}-th onBatch call fails once.</li>
 * </ul>
 * SoakBean throws before it records anything, so a failed attempt leaves no trace but its count here.
 */
public final class SoakTally {

    public static final long POISON_EVERY = 250_000;
    public static final long OUTAGE_PERIOD_MS = 20_000;
    public static final long OUTAGE_MS = 1_000;
    public static final long FAIL_EVERY = 50;

    /** Every item either bean received: delivered and dead-lettered share one ledger, so overlap is a duplicate. */
    public static final DeliveryLedger LEDGER = new DeliveryLedger();
    public static final AtomicLong DELIVERED = new AtomicLong();
    public static final AtomicLong DELIVERED_BATCHES = new AtomicLong();
    public static final AtomicLong DEAD_LETTERED = new AtomicLong();
    public static final AtomicLong POISON_FAILURES = new AtomicLong();
    public static final AtomicLong OUTAGE_FAILURES = new AtomicLong();
    public static final AtomicLong PERIODIC_FAILURES = new AtomicLong();
    private static final AtomicLong CALLS = new AtomicLong();

    private SoakTally() {
    }

    public static long injectedFailures() {
        return POISON_FAILURES.get() + OUTAGE_FAILURES.get() + PERIODIC_FAILURES.get();
    }

    /** Throws when the plan above says this attempt fails. */
    static void failIfPlanned(Batch batch) throws Exception {
        long call = CALLS.incrementAndGet();
        if (holdsPoison(batch.items())) {
            POISON_FAILURES.incrementAndGet();
            throw new Exception("planned failure: poison in a batch of " + batch.size() + ", attempt " + batch.attempt());
        }
        if (System.currentTimeMillis() % OUTAGE_PERIOD_MS < OUTAGE_MS) {
            OUTAGE_FAILURES.incrementAndGet();
            throw new Exception("planned failure: outage, attempt " + batch.attempt());
        }
        if (call % FAIL_EVERY == 0) {
            PERIODIC_FAILURES.incrementAndGet();
            throw new Exception("planned failure: call " + call + ", attempt " + batch.attempt());
        }
    }

    private static boolean holdsPoison(List<Object> items) {
        for (Object item : items) {
            if (item instanceof Long id && id % POISON_EVERY == POISON_EVERY - 1) {
                return true;
            }
        }
        return false;
    }

    static void delivered(List<Object> items) {
        LEDGER.record(items);
        DELIVERED.addAndGet(items.size());
        DELIVERED_BATCHES.incrementAndGet();
    }

    static void deadLettered(List<Object> items) {
        LEDGER.record(items);
        DEAD_LETTERED.addAndGet(items.size());
    }
}
