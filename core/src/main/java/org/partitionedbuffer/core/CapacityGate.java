package org.partitionedbuffer.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Counts the pending items of a bounded buffer, so inserts can be refused (or made to wait) at {@code capacity}.
 *
 * <p>Only partitions flagged {@code counted} take part: an unbounded buffer never touches the shared counter, so
 * producers on different partitions share no cache line. A partition switches in or out of the count under its own
 * lock, adding or removing its pending items at that moment, which keeps the count exact while capacity changes at
 * runtime.
 */
final class CapacityGate {

    // Pending items of counted partitions. Written by CAS (reserve) and add (release, switch-over).
    private final AtomicLong pending = new AtomicLong();
    private final ReentrantLock waitLock = new ReentrantLock();
    private final Condition roomMade = waitLock.newCondition();
    // Producers blocked in awaitRoom; read without the lock so release skips the signal when nobody waits.
    private volatile int waiters;
    /** The buffer's scheduler's clock: deadlines are on the time a test drives, not on the wall. */
    private final LongSupplier clock;

    CapacityGate(LongSupplier clock) {
        this.clock = clock;
    }

    /** Takes room for {@code count} items if the count stays within {@code capacity}; 0 means unbounded. */
    boolean tryReserve(long count, long capacity) {
        while (true) {
            long current = pending.get();
            if (capacity > 0 && current + count > capacity) {
                return false;
            }
            if (pending.compareAndSet(current, current + count)) {
                return true;
            }
        }
    }

    /** Adds (or with a negative count removes) items without a bound check: partitions joining or leaving. */
    void adjust(long count) {
        pending.addAndGet(count);
        if (count < 0) {
            signalWaiters();
        }
    }

    /** {@code count} counted items left the buffer (drained or deleted). */
    void release(long count) {
        if (count != 0) {
            pending.addAndGet(-count);
            signalWaiters();
        }
    }

    long pending() {
        return pending.get();
    }

    /** Wakes producers so they re-read a capacity that may have grown. */
    void signalWaiters() {
        if (waiters > 0) {
            waitLock.lock();
            try {
                roomMade.signalAll();
            } finally {
                waitLock.unlock();
            }
        }
    }

    /**
     * Waits until {@code count} more items would fit, until the wait no longer applies, or until {@code deadlineNanos}
     * on the gate's clock (the thread sleeps at most 10 ms at a time, so a clock a test advances is seen soon).
     * Capacity and whether to keep waiting are re-read on every wake-up, so a capacity raised or an overflow turned to
     * reject while a producer waits takes effect at once.
     *
     * @param capacity     the current capacity; 0 means unbounded
     * @param keepWaiting  false once waiting no longer applies (overflow is no longer block, the buffer stops)
     * @return false when the deadline passed with no room; true when the caller should try its insert again (room
     *         may have appeared, another producer may take it first)
     */
    boolean awaitRoom(long count, LongSupplier capacity, BooleanSupplier keepWaiting, long deadlineNanos)
            throws InterruptedException {
        waitLock.lockInterruptibly();
        try {
            waiters++;
            try {
                while (keepWaiting.getAsBoolean() && !fits(count, capacity.getAsLong())) {
                    long remaining = deadlineNanos - clock.getAsLong();
                    if (remaining <= 0) {
                        return false;
                    }
                    // Bounded wait: a missed signal costs at most a few milliseconds.
                    roomMade.awaitNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(10)));
                }
                return true;
            } finally {
                waiters--;
            }
        } finally {
            waitLock.unlock();
        }
    }

    /** The gate's clock, for deadlines given to {@link #awaitRoom}. */
    long now() {
        return clock.getAsLong();
    }

    /** Producers waiting in {@link #awaitRoom} now. */
    int waiters() {
        return waiters;
    }

    private boolean fits(long count, long capacity) {
        return capacity <= 0 || pending.get() + count <= capacity;
    }
}
