package org.partitionedbuffer.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferFullException;

/**
 * Lets a buffer's inserts in, or refuses them. {@link #admit} is the one insert loop every insert shares: try, and
 * when the buffer is full either refuse at once ({@code overflow=reject}) or wait for room ({@code block}, at most
 * {@code processingTimeoutMs}) and try again. Refusals are counted and say why in their message.
 */
final class Admission {

    private static final Logger LOG = Logger.getLogger(Admission.class.getName());

    private final String bufferName;
    private final CapacityGate gate;
    private final Supplier<BufferOptions> options;
    private final BooleanSupplier stopping;
    private final Runnable drainAll;
    private final Telemetry telemetry;
    private final LongAdder rejected = new LongAdder();

    /**
     * @param drainAll asks every partition that holds anything to drain now: room comes from drains, so a full buffer
     *                 does not wait for its timers
     */
    Admission(String bufferName, CapacityGate gate, Supplier<BufferOptions> options, BooleanSupplier stopping,
              Runnable drainAll, Telemetry telemetry) {
        this.bufferName = bufferName;
        this.gate = gate;
        this.options = options;
        this.stopping = stopping;
        this.drainAll = drainAll;
        this.telemetry = telemetry;
    }

    /**
     * Sees {@code insert} through: from the outcome of its first try, made by the caller (so that an insert with room
     * allocates nothing here, not even the attempt object), tries it again after each wait for room until it is
     * written or ignored.
     *
     * @param firstTry  what the caller's first {@code insert.tryOnce()} returned
     * @param callItems how many items the call inserts, all counted when it is refused
     * @param mayWait   false for a caller that must not block (a delivery thread writing dead letters)
     * @return {@link Placement#PLACED} or {@link Placement#IGNORED}
     * @throws BufferFullException when refused for want of room
     * @throws BufferException     when the buffer is stopping
     */
    Placement admit(Placement firstTry, InsertAttempt insert, long callItems, boolean mayWait) {
        Placement placement = firstTry;
        long waitDeadline = 0;
        while (placement == Placement.FULL || placement == Placement.CLOSED) {
            if (placement == Placement.CLOSED) {
                throw stoppingError();
            }
            waitDeadline = awaitRoom(insert.roomNeeded(), callItems, waitDeadline, mayWait);
            placement = insert.tryOnce();
        }
        return placement;
    }

    /**
     * Inside a transaction: refuses a call of {@code callItems} at once when the buffer lacks room for
     * {@code roomNeeded}, what the transaction's commit would need with it.
     */
    void refuseUnlessRoomNow(long callItems, long roomNeeded) {
        long capacity = options.get().capacity();
        if (capacity > 0 && gate.pending() + roomNeeded > capacity) {
            throw refuse(callItems, "it holds " + gate.pending() + " of its capacity of " + capacity + " pending items"
                    + " and the transaction's writes would need room for " + roomNeeded + "; inside a transaction an"
                    + " insert does not wait for room: raise capacity or insert less per transaction");
        }
    }

    /** Before a transaction completes: takes {@code room}, or refuses (the transaction then rolls back). */
    long reserveForCommit(long room) {
        long capacity = options.get().capacity();
        if (capacity <= 0 || room == 0) {
            return 0; // nothing counted: the partitions of an unbounded buffer are outside the gate
        }
        if (!gate.tryReserve(room, capacity)) {
            throw refuse(room, "the transaction's commit needs room for " + room + " items and the buffer holds "
                    + gate.pending() + " of its capacity of " + capacity + "; the transaction is rolled back. Raise"
                    + " capacity or insert less per transaction");
        }
        return room;
    }

    /** Counts items that could not be inserted, and logs why, when no caller is there to throw at. */
    void countRefused(long count, String why) {
        LOG.warning(refuse(count, why).getMessage());
    }

    long rejected() {
        return rejected.sum();
    }

    CapacityGate gate() {
        return gate;
    }

    BufferException stoppingError() {
        return new BufferException("Buffer '" + bufferName + "' is stopping and accepts no more inserts: its"
                + " application or the server is shutting down. Insert into a running buffer, or retry after"
                + " redeployment.");
    }

    /**
     * After a try lacked room for {@code count} items: refuses with {@code overflow=reject}, when the caller may not
     * wait, or when the count can never fit; with {@code block}, waits for room until the deadline (the first wait of
     * the call sets it) and returns the deadline, for the next wait of the same call.
     */
    private long awaitRoom(long count, long callItems, long waitDeadlineNanos, boolean mayWait) {
        CapacityWaitEvent event = FlightRecorderEvents.AVAILABLE ? new CapacityWaitEvent() : null;
        if (event != null) {
            event.begin();
        }
        BufferOptions current = options.get();
        long capacity = current.capacity();
        if (capacity > 0 && count > capacity) {
            throw refuse(callItems, "the call needs room for " + count + " items, more than the whole capacity of "
                    + capacity + "; insert in smaller calls or raise capacity", event, "refused: larger than capacity");
        }
        drainAll.run();
        if (current.overflow() == Overflow.REJECT || !mayWait) {
            throw refuse(callItems, "it holds its capacity of " + capacity + " pending items ("
                    + (mayWait ? "overflow=reject); raise capacity, speed up the listener, or set overflow=block to"
                    + " wait for room" : "dead letters never wait for room); raise its capacity"), event, "refused");
        }
        long deadline = waitDeadlineNanos != 0 ? waitDeadlineNanos
                : gate.now() + TimeUnit.MILLISECONDS.toNanos(current.processingTimeoutMs());
        try {
            if (!gate.awaitRoom(count, () -> options.get().capacity(),
                    () -> options.get().overflow() == Overflow.BLOCK && !stopping.getAsBoolean(), deadline)) {
                throw refuse(callItems, "it stayed at its capacity of " + capacity + " pending items for "
                        + current.processingTimeoutMs() + " ms (overflow=block); raise capacity or speed up the"
                        + " listener", event, "timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refuse(callItems, "the thread was interrupted while waiting for room", event, "interrupted");
        }
        record(event, callItems, "admitted");
        return deadline;
    }

    private BufferFullException refuse(long count, String why, CapacityWaitEvent event, String outcome) {
        record(event, count, outcome);
        return refuse(count, why);
    }

    private void record(CapacityWaitEvent event, long items, String outcome) {
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            event.buffer = bufferName;
            event.items = items;
            event.outcome = outcome;
            event.commit();
        }
    }

    private BufferFullException refuse(long count, String why) {
        rejected.add(count);
        telemetry.rejected((int) Math.min(count, Integer.MAX_VALUE));
        return new BufferFullException("Buffer '" + bufferName + "' refused " + count + " item(s): " + why + ".");
    }
}
