package org.partitionedbuffer.core;

/**
 * One call of a listener's {@code onBatch}, raced by the partition's watchdog. Exactly one side wins: the delivering
 * thread by finishing before the deadline, or the watchdog by timing it out. The winner owns the partition's delivery
 * from then on; the loser touches nothing.
 *
 * <p>The interrupt is sent while holding the monitor, and the delivering thread takes the monitor before it learns it
 * lost, so it can clear the interrupt knowing none is still on its way to a thread that went back to its pool.
 */
final class DeliveryAttempt {

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int TIMED_OUT = 2;

    private final Thread thread;
    private final long startNanos;
    private final long deadlineNanos;
    private int state = RUNNING; // guarded by this

    DeliveryAttempt(Thread thread, long startNanos, long deadlineNanos) {
        this.thread = thread;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
    }

    long startNanos() {
        return startNanos;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    synchronized boolean isRunning() {
        return state == RUNNING;
    }

    /** Called by the delivering thread when {@code onBatch} returned or threw; false when it had timed out. */
    synchronized boolean finish() {
        if (state != RUNNING) {
            return false;
        }
        state = FINISHED;
        return true;
    }

    /** Called by the watchdog past the deadline: interrupts the listener; false when it had already finished. */
    synchronized boolean timeOut() {
        if (state != RUNNING) {
            return false;
        }
        state = TIMED_OUT;
        thread.interrupt();
        return true;
    }
}
