package org.partitionedbuffer.it.hang;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the hanging-listener test beans saw, read by the test in the same application. */
public final class Hang {

    /** One call of the hanging bean: its first item, attempt, and how it ended. */
    public record Call(String first, List<Object> items, int attempt) {
    }

    /** Opened by the test at the end: frees a hanging bean that ignored its interrupt. */
    public static final CountDownLatch RELEASE = new CountDownLatch(1);
    public static final List<Call> CALLS_A = new CopyOnWriteArrayList<>();
    public static final List<InterruptedException> INTERRUPTS = new CopyOnWriteArrayList<>();
    /** Batches buffer B had received when A's bean started hanging, and when it was interrupted; -1 until then. */
    public static final AtomicInteger B_AT_HANG_START = new AtomicInteger(-1);
    public static final AtomicInteger B_AT_INTERRUPT = new AtomicInteger(-1);
    public static final List<List<Object>> BATCHES_B = new CopyOnWriteArrayList<>();

    private Hang() {
    }

    /** Blocks the first attempt of a batch of {@code hang-} items until interrupted (or released). */
    static void hangIfFirstAttempt(String first, int attempt) throws InterruptedException {
        if (!first.startsWith("hang-") || attempt != 1) {
            return;
        }
        B_AT_HANG_START.set(BATCHES_B.size());
        try {
            if (!RELEASE.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never interrupted");
            }
        } catch (InterruptedException e) {
            B_AT_INTERRUPT.set(BATCHES_B.size());
            INTERRUPTS.add(e);
            throw e;
        }
    }
}
