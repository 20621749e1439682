package org.partitionedbuffer.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferFullException;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;

/**
 * A named buffer of N partitions that accumulates inserts and hands each partition's content to one listener in
 * batches, on the partition's own timer. {@link QueueBuffer} and {@link MapBuffer} add the inserts; this class owns the
 * routing, the lifecycle, the options and what every partition shares (capacity, telemetry, the listener).
 *
 * <p>Lifecycle: {@link #start()} arms the timers; {@link #attach} sets the listener (data stays pending while there is
 * none); {@link #stop()} refuses new inserts, delivers everything pending and in flight within
 * {@code processingTimeoutMs}, then completes its future.
 */
public abstract sealed class PartitionedBuffer permits QueueBuffer, MapBuffer {

    private static final Logger LOG = Logger.getLogger(PartitionedBuffer.class.getName());

    private enum State { CREATED, RUNNING, STOPPING, STOPPED }

    private final String name;
    private final BufferType type;
    private final int partitionCount;
    private final PartitionKey routing;
    private final BufferScheduler scheduler;
    private final Function<String, Optional<PartitionedBuffer>> bufferLookup;
    private final Telemetry telemetry;
    private final CapacityGate gate = new CapacityGate();
    private final LongAdder rejected = new LongAdder();
    private final Partition[] partitions;
    private final PartitionDelivery[] deliveries;
    private final PartitionTimer[] timers;
    private final Object optionsLock = new Object();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    /** Replaced whole under optionsLock; readers take one consistent snapshot per use. */
    private volatile BufferOptions options;
    /** Set and cleared under `this`; deliveries read it per batch. */
    private volatile BatchListener listener;
    /** Changed under `this`. stopDeadlineNanos is written before state becomes STOPPING, so it is visible with it. */
    private volatile State state = State.CREATED;
    private volatile long stopDeadlineNanos;
    // Guarded by `this`.
    private long startNanos;
    private long startMillis;
    private final long[] runNanos; // per finished partition: how long it ran, for observers joining late
    private final boolean[] finished;
    private int finishedCount;

    PartitionedBuffer(BufferOptions options, BufferScheduler scheduler,
                      Function<String, Optional<PartitionedBuffer>> bufferLookup, Partition[] partitions) {
        this.options = options;
        this.name = options.bufferName();
        this.type = options.type();
        this.partitionCount = options.partitions();
        this.routing = options.partitionKey();
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.bufferLookup = Objects.requireNonNull(bufferLookup, "bufferLookup");
        this.telemetry = new Telemetry(name);
        this.partitions = partitions;
        this.deliveries = new PartitionDelivery[partitionCount];
        this.timers = new PartitionTimer[partitionCount];
        this.finished = new boolean[partitionCount];
        this.runNanos = new long[partitionCount];
        for (Partition partition : partitions) {
            PartitionDelivery delivery = new PartitionDelivery(this, partition, scheduler);
            deliveries[partition.index] = delivery;
            timers[partition.index] = new PartitionTimer(partition, delivery, scheduler,
                    () -> this.options.processingIntervalMs());
        }
    }

    /** A buffer of the type {@code options} names, not started, with no dead-letter buffers to find. */
    public static PartitionedBuffer create(BufferOptions options, BufferScheduler scheduler) {
        return create(options, scheduler, bufferName -> Optional.empty());
    }

    /**
     * A buffer of the type {@code options} names, not started.
     *
     * @param bufferLookup finds the {@code deadLetterBuffer} by name when a batch is given up
     */
    public static PartitionedBuffer create(BufferOptions options, BufferScheduler scheduler,
                                           Function<String, Optional<PartitionedBuffer>> bufferLookup) {
        return switch (options.type()) {
            case QUEUE -> new QueueBuffer(options, scheduler, bufferLookup);
            case MAP -> new MapBuffer(options, scheduler, bufferLookup);
        };
    }

    // ---- identity and inspection

    public final String name() {
        return name;
    }

    public final BufferType type() {
        return type;
    }

    public final int partitions() {
        return partitionCount;
    }

    public final BufferOptions options() {
        return options;
    }

    /** Pending items: inserted and not yet drained; what is being delivered is not counted. */
    public final long size() {
        long size = 0;
        for (Partition partition : partitions) {
            size += partition.size();
        }
        return size;
    }

    /**
     * Whether the buffer holds nothing at all: no pending item, and no batch being delivered, waiting for a retry or
     * for a listener. A moment's answer: an insert may follow at once.
     */
    public final boolean holdsNothing() {
        for (Partition partition : partitions) {
            if (partition.size() > 0 || !deliveries[partition.index].idle()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Pending items in one partition.
     *
     * @throws IndexOutOfBoundsException when the buffer has no such partition
     */
    public final long partitionSize(int partition) {
        return partitions[Objects.checkIndex(partition, partitionCount)].size();
    }

    /** Pending items per partition, by partition index. */
    public final long[] partitionSizes() {
        long[] sizes = new long[partitionCount];
        for (Partition partition : partitions) {
            sizes[partition.index] = partition.size();
        }
        return sizes;
    }

    public final BufferStatistics statistics() {
        List<PartitionStatistics> perPartition = new ArrayList<>(partitionCount);
        for (Partition partition : partitions) {
            PartitionDelivery delivery = deliveries[partition.index];
            perPartition.add(new PartitionStatistics(partition.index, partition.size(), partition.inserted(),
                    delivery.processed(), delivery.exceptions(), delivery.retries(), delivery.failedBatches(),
                    delivery.failedItems()));
        }
        return new BufferStatistics(name, type, perPartition, rejected.sum());
    }

    /**
     * Lets the buffer's {@code partitionKey} class, if the option names one, fall back on {@code loader} (the class loader
     * of the application now listening) for what other class loaders cannot route; the previous one is let go.
     */
    public final void routeWithClassesOf(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        options.classNamedRouting().ifPresent(routing -> routing.fallBackOn(loader));
    }

    /** The partition {@code object} (a queue item or a map key) goes to under the buffer's own routing. */
    public final int partitionOf(Object object) {
        return partitionOf(object, null);
    }

    /** The partition {@code object} goes to under {@code partitionKey}, or the buffer's routing when null. */
    public final int partitionOf(Object object, PartitionKey partitionKey) {
        Objects.requireNonNull(object, "object");
        return PartitionRouting.indexFor(routingKey(object, partitionKey), partitionCount);
    }

    /**
     * The partition index of an insert. A routing function runs even with one partition, so a faulty one fails the
     * same way whatever the partition count; only the item's own hash is skipped when it cannot matter.
     */
    final int route(Object object, PartitionKey partitionKey) {
        if (partitionCount == 1 && (partitionKey != null ? partitionKey : routing).isItem()) {
            return 0;
        }
        return PartitionRouting.indexFor(routingKey(object, partitionKey), partitionCount);
    }

    private Object routingKey(Object object, PartitionKey partitionKey) {
        PartitionKey rule = partitionKey != null ? partitionKey : routing;
        if (rule.isItem()) {
            return object;
        }
        try {
            return rule.routingKeyOf(object);
        } catch (RuntimeException e) {
            throw new BufferException("Buffer '" + name + "': the routing function " + rule + " threw for "
                    + object.getClass().getName() + "; fix the function or the object. Nothing was inserted.", e);
        }
    }

    // ---- listeners

    /**
     * Makes {@code batchListener} the buffer's one listener and resumes delivery of anything pending.
     *
     * @throws BufferException when the buffer already has a listener
     */
    public final void attach(BatchListener batchListener) {
        Objects.requireNonNull(batchListener, "listener");
        synchronized (this) {
            if (listener != null) {
                throw new BufferException("Buffer '" + name + "' already has a listener (" + listener
                        + "): a buffer has one listener endpoint. Remove the other message-driven bean for this"
                        + " buffer, or give this one another bufferName.");
            }
            listener = batchListener;
        }
        telemetry.listenerAttached();
        for (Partition partition : partitions) {
            PartitionDelivery delivery = deliveries[partition.index];
            if (partition.size() > 0 || delivery.holdsPausedDrain()) {
                delivery.request();
            }
        }
    }

    /**
     * Removes {@code batchListener} if it is the buffer's listener. Pending data, and the rest of a drain being
     * delivered, stay in the buffer until a listener attaches again; a batch already in {@code onBatch} finishes.
     */
    public final boolean detach(BatchListener batchListener) {
        synchronized (this) {
            if (listener != batchListener) {
                return false;
            }
            listener = null;
        }
        telemetry.listenerDetached();
        return true;
    }

    public final BatchListener listener() {
        return listener;
    }

    /** Observes this buffer's events (metrics, JMX, tracing). */
    public final void addEventListener(BufferEventListener eventListener) {
        telemetry.add(Objects.requireNonNull(eventListener, "eventListener"));
    }

    /**
     * Observes this buffer's events, after first telling the observer which partitions have already started and
     * stopped (with their original time and duration). Lifecycle events are published under this buffer's lock, so
     * the observer sees each start and stop exactly once: an observer joining late still counts them all.
     */
    public final synchronized void addEventListenerWithLifecycle(BufferEventListener eventListener) {
        Objects.requireNonNull(eventListener, "eventListener");
        if (state != State.CREATED) {
            for (int partition = 0; partition < partitionCount; partition++) {
                int index = partition;
                telemetry.deliver(eventListener, l -> l.partitionStarted(name, index, startMillis));
                if (finished[partition]) {
                    telemetry.deliver(eventListener, l -> l.partitionStopped(name, index, runNanos[index], "shutdown"));
                }
            }
        }
        telemetry.add(eventListener);
    }

    public final boolean removeEventListener(BufferEventListener eventListener) {
        return telemetry.remove(eventListener);
    }

    // ---- options

    /**
     * Changes the runtime options named in {@code updates}, leaving the others as they are. All are validated before
     * any changes; a new interval re-arms the timers at once, a new capacity applies to the next insert.
     */
    public final void updateOptions(Map<String, String> updates) {
        synchronized (optionsLock) {
            BufferOptions previous = options;
            BufferOptions next = previous.withUpdates(updates);
            options = next;
            if (next.processingIntervalMs() != previous.processingIntervalMs()) {
                for (PartitionTimer timer : timers) {
                    timer.restart();
                }
            }
            if ((next.capacity() > 0) != (previous.capacity() > 0)) {
                for (Partition partition : partitions) {
                    partition.countAgainstCapacity(next.capacity() > 0, gate);
                }
            }
            gate.signalWaiters(); // a larger capacity, or block turned into reject, concerns waiting producers
            if (next.flushThreshold() > 0) {
                requestDrains(next.flushThreshold());
            }
        }
    }

    // ---- lifecycle

    /** Arms every partition's timer. Inserts are accepted from creation on; a new buffer is started once. */
    public final synchronized void start() {
        if (state != State.CREATED) {
            return;
        }
        state = State.RUNNING;
        startNanos = scheduler.nanoTime();
        startMillis = scheduler.currentTimeMillis();
        for (Partition partition : partitions) {
            timers[partition.index].start();
            telemetry.partitionStarted(partition.index, startMillis);
        }
    }

    /** Processes every partition that holds anything now, without waiting for its timer. */
    public final void flush() {
        requestDrains(1);
    }

    /**
     * Processes every partition now and waits until what each held at the call has been delivered or given up, so long
     * as a listener is attached. Inserts made meanwhile are not waited for. For a caller that may block: the adapter,
     * before an application or the adapter itself stops.
     *
     * @return true when everything pending at the call was delivered or given up within the timeout
     */
    public final boolean flushAndWait(long timeoutMillis) throws InterruptedException {
        long[] marks = new long[partitionCount];
        for (Partition partition : partitions) {
            marks[partition.index] = deliveries[partition.index].requestAndMark();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Partition partition : partitions) {
            while (!deliveries[partition.index].reached(marks[partition.index])) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                Thread.sleep(5);
            }
        }
        return true;
    }

    private void requestDrains(int minimumSize) {
        for (Partition partition : partitions) {
            if (partition.size() >= minimumSize) {
                deliveries[partition.index].request();
            }
        }
    }

    /**
     * Stops the buffer: inserts from now on are refused; everything pending and in flight is delivered, with retries,
     * within {@code processingTimeoutMs}; what cannot be is given up (dead-lettered or dropped, counted, logged).
     *
     * @return completes when every partition has delivered or given up all its data; the same future on every call
     */
    public final CompletableFuture<Void> stop() {
        synchronized (this) {
            if (state == State.STOPPING || state == State.STOPPED) {
                return stopped;
            }
            if (state == State.CREATED) {
                startNanos = scheduler.nanoTime();
            }
            stopDeadlineNanos = scheduler.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(options.processingTimeoutMs());
            state = State.STOPPING;
        }
        for (PartitionTimer timer : timers) {
            timer.stop();
        }
        for (Partition partition : partitions) {
            partition.close();
        }
        gate.signalWaiters(); // blocked producers stop waiting and are refused
        for (PartitionDelivery delivery : deliveries) {
            delivery.request();
        }
        return stopped;
    }

    /** True from the moment {@link #stop()} began. */
    public final boolean isStopping() {
        State current = state;
        return current == State.STOPPING || current == State.STOPPED;
    }

    public final boolean isStopped() {
        return state == State.STOPPED;
    }

    final synchronized void partitionFinished(int partition) {
        if (finished[partition]) {
            return;
        }
        finished[partition] = true;
        runNanos[partition] = scheduler.nanoTime() - startNanos;
        telemetry.partitionStopped(partition, runNanos[partition], "shutdown");
        if (++finishedCount == partitionCount) {
            state = State.STOPPED;
            stopped.complete(null);
        }
    }

    final boolean pastStopDeadline() {
        return scheduler.nanoTime() - stopDeadlineNanos >= 0;
    }

    /** When an attempt starting at {@code startNanos} must end: its timeout, or the stop deadline if sooner. */
    final long attemptDeadline(long startNanos, long timeoutNanos) {
        long deadline = startNanos + timeoutNanos;
        if (isStopping() && stopDeadlineNanos - deadline < 0) {
            return stopDeadlineNanos;
        }
        return deadline;
    }

    /** Whether a retry after {@code backoffMillis} still happens before a stop's deadline (always, when running). */
    final boolean retryFitsStop(long backoffMillis) {
        return !isStopping()
                || stopDeadlineNanos - scheduler.nanoTime() > TimeUnit.MILLISECONDS.toNanos(backoffMillis);
    }

    // ---- what the insert paths of the subclasses share

    final CapacityGate gate() {
        return gate;
    }

    final Telemetry telemetry() {
        return telemetry;
    }

    final BufferException stoppingError() {
        return new BufferException("Buffer '" + name + "' is stopping and accepts no more inserts: its application"
                + " or the server is shutting down. Insert into a running buffer, or retry after redeployment.");
    }

    /**
     * Called when room for {@code count} items could not be reserved. With {@code overflow=reject}, when the caller
     * may not wait, or when the count can never fit, refuses; with {@code block}, waits for room until the deadline
     * (the first call sets it) and returns it, so the caller can try again.
     *
     * @throws BufferFullException when the items are refused
     */
    final long awaitRoom(long count, long waitDeadlineNanos, boolean mayWait) {
        return awaitRoom(count, count, waitDeadlineNanos, mayWait);
    }

    /**
     * As {@link #awaitRoom(long, long, boolean)} for a call of {@code callItems} items that needs room for only
     * {@code count} of them (map writes that replace pending keys need none); a refusal counts every item of the call.
     */
    final long awaitRoom(long count, long callItems, long waitDeadlineNanos, boolean mayWait) {
        BufferOptions current = options;
        long capacity = current.capacity();
        if (capacity > 0 && count > capacity) {
            throw refuse(callItems, "the call needs room for " + count + " items, more than the whole capacity of "
                    + capacity + "; insert in smaller calls or raise capacity");
        }
        if (current.overflow() == Overflow.REJECT || !mayWait) {
            requestDrains(1);
            throw refuse(callItems, "it holds its capacity of " + capacity + " pending items ("
                    + (mayWait ? "overflow=reject); raise capacity, speed up the listener, or set overflow=block to"
                    + " wait for room" : "dead letters never wait for room); raise its capacity"));
        }
        long deadline = waitDeadlineNanos != 0 ? waitDeadlineNanos
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(current.processingTimeoutMs());
        requestDrains(1); // room comes from drains: do not wait for the timers
        try {
            if (!gate.awaitRoom(count, () -> options.capacity(),
                    () -> options.overflow() == Overflow.BLOCK && !isStopping(), deadline)) {
                throw refuse(callItems, "it stayed at its capacity of " + capacity + " pending items for "
                        + current.processingTimeoutMs() + " ms (overflow=block); raise capacity or speed up the"
                        + " listener");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refuse(callItems, "the thread was interrupted while waiting for room");
        }
        return deadline;
    }

    private BufferFullException refuse(long count, String why) {
        rejected.add(count);
        telemetry.rejected((int) Math.min(count, Integer.MAX_VALUE));
        return new BufferFullException("Buffer '" + name + "' refused " + count + " item(s): " + why + ".");
    }

    /** After an insert: telemetry, and processing at once when the partition reached {@code flushThreshold}. */
    final void afterInsert(Partition partition, int newSize, int count) {
        telemetry.inserted(partition.index, count);
        int threshold = options.flushThreshold();
        if (threshold > 0 && newSize >= threshold) {
            deliveries[partition.index].request();
        }
    }

    /** Moves a given-up batch into the queue buffer {@code target}, without waiting. False when it cannot. */
    final boolean deadLetter(String target, List<Object> items) {
        Optional<PartitionedBuffer> found = bufferLookup.apply(target);
        if (found.isEmpty() || !(found.get() instanceof QueueBuffer queue)) {
            LOG.warning(() -> "Buffer '" + name + "': dead-letter buffer '" + target + "' "
                    + (found.isEmpty() ? "does not exist" : "is not a queue buffer")
                    + "; create a queue buffer with that name to keep failed batches");
            return false;
        }
        try {
            queue.pushAllWithoutWaiting(items);
            return true;
        } catch (BufferException e) {
            LOG.log(Level.WARNING, "Buffer '" + name + "': dead-letter buffer '" + target + "' refused a batch: "
                    + e.getMessage(), e);
            return false;
        }
    }

    /**
     * Runs {@code body} holding the monitors of the partitions at {@code indexes}, taken in ascending order (so
     * concurrent batch calls cannot deadlock).
     */
    final int withPartitionsLocked(int[] indexes, IntSupplier body) {
        return NestedMonitors.holding(partitions, indexes, body);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + ", " + partitionCount + " partitions]";
    }
}
