package org.partitionedbuffer.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;

/**
 * A named buffer of N partitions that accumulates inserts and hands each partition's content to one listener in
 * batches, on the partition's own timer. {@link QueueBuffer} and {@link MapBuffer} add the inserts and own the
 * partitions; this class puts the parts together and is what callers hold: each partition's {@link PartitionDelivery}
 * and {@link PartitionTimer}, the {@link BufferLifecycle}, the {@link Admission} of inserts, the
 * {@link PartitionRouter}, the listener and the options. See docs/ARCHITECTURE.md.
 *
 * <p>Lifecycle: {@link #start()} arms the timers; {@link #attach} sets the listener (data stays pending while there is
 * none); {@link #stop()} refuses new inserts, delivers everything pending and in flight within
 * {@code processingTimeoutMs}, then completes its future.
 */
public abstract sealed class PartitionedBuffer permits QueueBuffer, MapBuffer {

    private final String name;
    private final BufferType type;
    private final int partitionCount;
    private final PartitionRouter routing;
    private final Telemetry telemetry;
    private final BufferLifecycle lifecycle;
    private final Admission admission;
    private final PartitionDelivery[] deliveries;
    private final PartitionTimer[] timers;
    private final TransactionStaging staging;
    private final AtomicReference<BatchListener> listener = new AtomicReference<>();
    /** Serializes option updates: each reads the options it replaces. */
    private final Object optionsLock = new Object();
    /** Replaced whole under optionsLock; readers take one consistent snapshot per use. */
    private volatile BufferOptions options;

    /**
     * @param partitions the subclass's partitions, each made with {@code gate}; the subclass keeps them, this class
     *                   reaches them through their deliveries
     */
    PartitionedBuffer(BufferOptions options, BufferScheduler scheduler,
                      Function<String, Optional<PartitionedBuffer>> bufferLookup, TransactionSource transactions,
                      CapacityGate gate, Partition[] partitions) {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(bufferLookup, "bufferLookup");
        Objects.requireNonNull(transactions, "transactions");
        this.options = options;
        this.name = options.bufferName();
        this.type = options.type();
        this.partitionCount = options.partitions();
        this.routing = new PartitionRouter(name, partitionCount, options.partitionKey());
        this.telemetry = new Telemetry(name);
        this.lifecycle = new BufferLifecycle(partitionCount, scheduler, telemetry);
        this.admission = new Admission(name, gate, this::options, lifecycle::isStopping,
                () -> requestDrains(1, DrainReason.CAPACITY), telemetry);
        this.staging = new TransactionStaging(this, transactions, admission, lifecycle);
        DeliveryContext context = new DeliveryContext(name, type, listener::get, this::options, lifecycle, telemetry,
                new DeadLetters(name, bufferLookup), this::holdsDeadLetters);
        this.deliveries = new PartitionDelivery[partitionCount];
        this.timers = new PartitionTimer[partitionCount];
        for (Partition partition : partitions) {
            PartitionDelivery delivery = new PartitionDelivery(context, partition, scheduler);
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
        return create(options, scheduler, bufferLookup, TransactionSource.NONE);
    }

    /**
     * A buffer of the type {@code options} names, not started, whose inserts follow the callers' transactions.
     *
     * @param bufferLookup finds the {@code deadLetterBuffer} by name when a batch is given up
     * @param transactions the inserting threads' transactions
     */
    public static PartitionedBuffer create(BufferOptions options, BufferScheduler scheduler,
                                           Function<String, Optional<PartitionedBuffer>> bufferLookup,
                                           TransactionSource transactions) {
        CapacityGate gate = new CapacityGate(scheduler::nanoTime);
        return switch (options.type()) {
            case QUEUE -> new QueueBuffer(options, scheduler, bufferLookup, transactions, gate);
            case MAP -> new MapBuffer(options, scheduler, bufferLookup, transactions, gate);
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
        for (PartitionDelivery delivery : deliveries) {
            size += delivery.partition().size();
        }
        return size;
    }

    /**
     * Everything the buffer holds: the pending items and those drained and not yet delivered or given up (a batch
     * being delivered, waiting for a retry or for a listener). A moment's answer, for logs and monitoring.
     */
    public final long held() {
        long held = 0;
        for (PartitionDelivery delivery : deliveries) {
            held += delivery.partition().size() + delivery.unfinished();
        }
        return held;
    }

    /**
     * Whether the buffer holds nothing at all: no pending item, and no batch being delivered, waiting for a retry or
     * for a listener. A moment's answer: an insert may follow at once.
     */
    public final boolean holdsNothing() {
        for (PartitionDelivery delivery : deliveries) {
            if (delivery.partition().size() > 0 || !delivery.idle()) {
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
        return deliveries[Objects.checkIndex(partition, partitionCount)].partition().size();
    }

    /** Pending items per partition, by partition index. */
    public final long[] partitionSizes() {
        long[] sizes = new long[partitionCount];
        for (int partition = 0; partition < partitionCount; partition++) {
            sizes[partition] = deliveries[partition].partition().size();
        }
        return sizes;
    }

    public final BufferStatistics statistics() {
        List<PartitionStatistics> perPartition = new ArrayList<>(partitionCount);
        for (PartitionDelivery delivery : deliveries) {
            Partition partition = delivery.partition();
            perPartition.add(new PartitionStatistics(partition.index, partition.size(), partition.inserted(),
                    delivery.processed(), delivery.exceptions(), delivery.retries(), delivery.failedBatches(),
                    delivery.failedItems(), delivery.deadLetteredItems(), delivery.markedItems()));
        }
        return new BufferStatistics(name, type, perPartition, admission.rejected());
    }

    // ---- routing

    /**
     * Lets the buffer's {@code partitionKey} class, if the option names one, fall back on {@code loader} (the class
     * loader of the application now listening) for what other class loaders cannot route; the previous one is let go.
     */
    public final void routeWithClassesOf(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        options.classNamedRouting().ifPresent(rule -> rule.fallBackOn(loader));
    }

    /** The partition {@code object} (a queue item or a map key) goes to under the buffer's own routing. */
    public final int partitionOf(Object object) {
        return partitionOf(object, null);
    }

    /** The partition {@code object} goes to under {@code partitionKey}, or the buffer's routing when null. */
    public final int partitionOf(Object object, PartitionKey partitionKey) {
        return routing.partitionOf(Objects.requireNonNull(object, "object"), partitionKey);
    }

    // ---- listeners

    /**
     * Makes {@code batchListener} the buffer's one listener and resumes delivery of anything pending.
     *
     * @throws BufferException when the buffer already has a listener
     */
    public final void attach(BatchListener batchListener) {
        Objects.requireNonNull(batchListener, "listener");
        if (!listener.compareAndSet(null, batchListener)) {
            throw new BufferException("Buffer '" + name + "' already has a listener (" + listener.get()
                    + "): a buffer has one listener endpoint. Remove the other message-driven bean for this"
                    + " buffer, or give this one another bufferName.");
        }
        telemetry.listenerAttached();
        for (PartitionDelivery delivery : deliveries) {
            if (delivery.partition().size() > 0 || delivery.holdsPausedDrain()) {
                delivery.request(DrainReason.LISTENER_ATTACHED);
            }
        }
    }

    /**
     * Removes {@code batchListener} if it is the buffer's listener. Pending data, and the rest of a drain being
     * delivered, stay in the buffer until a listener attaches again; a batch already in {@code onBatch} finishes.
     */
    public final boolean detach(BatchListener batchListener) {
        if (!listener.compareAndSet(batchListener, null) || batchListener == null) {
            return false;
        }
        telemetry.listenerDetached();
        return true;
    }

    public final BatchListener listener() {
        return listener.get();
    }

    /** Observes this buffer's events (metrics, JMX, tracing). */
    public final void addEventListener(BufferEventListener eventListener) {
        telemetry.add(Objects.requireNonNull(eventListener, "eventListener"));
    }

    /**
     * Observes this buffer's events, after first telling the observer which partitions have already started and
     * stopped (with their original time and duration), so that an observer joining late still sees each start and
     * stop exactly once.
     */
    public final void addEventListenerWithLifecycle(BufferEventListener eventListener) {
        lifecycle.addObserverWithHistory(Objects.requireNonNull(eventListener, "eventListener"));
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
        BufferOptions previous;
        BufferOptions next;
        synchronized (optionsLock) {
            previous = options;
            next = previous.withUpdates(updates);
            options = next;
            if ((next.capacity() > 0) != (previous.capacity() > 0)) {
                // Under optionsLock, so that partitions join or leave the count in the order of the updates.
                for (PartitionDelivery delivery : deliveries) {
                    delivery.partition().countAgainstCapacity(next.capacity() > 0);
                }
            }
        }
        if (next.processingIntervalMs() != previous.processingIntervalMs()) {
            for (PartitionTimer timer : timers) {
                timer.restart(); // arms with the interval of the moment: a later update's, if one came meanwhile
            }
        }
        admission.gate().signalWaiters(); // a larger capacity, or block turned into reject, concerns waiting producers
        if (next.flushThreshold() > 0) {
            requestDrains(next.flushThreshold(), DrainReason.FLUSH_THRESHOLD);
        }
    }

    // ---- lifecycle

    /** Arms every partition's timer. Inserts are accepted from creation on; a new buffer is started once. */
    public final void start() {
        if (lifecycle.start()) {
            for (PartitionTimer timer : timers) {
                timer.start();
            }
        }
    }

    /** Processes every partition that holds anything now, without waiting for its timer. */
    public final void flush() {
        requestDrains(1, DrainReason.FLUSH);
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
        for (int partition = 0; partition < partitionCount; partition++) {
            marks[partition] = deliveries[partition].requestAndMark();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (int partition = 0; partition < partitionCount; partition++) {
            while (!deliveries[partition].reached(marks[partition])) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                Thread.sleep(5);
            }
        }
        return true;
    }

    private void requestDrains(int minimumSize, DrainReason reason) {
        for (PartitionDelivery delivery : deliveries) {
            if (delivery.partition().size() >= minimumSize) {
                delivery.request(reason);
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
        if (lifecycle.beginStop(options.processingTimeoutMs())) {
            for (PartitionTimer timer : timers) {
                timer.stop();
            }
            for (PartitionDelivery delivery : deliveries) {
                delivery.partition().close();
            }
            admission.gate().signalWaiters(); // blocked producers stop waiting and are refused
            for (PartitionDelivery delivery : deliveries) {
                delivery.request(DrainReason.STOP);
            }
        }
        return lifecycle.stopped();
    }

    /** True from the moment {@link #stop()} began. */
    public final boolean isStopping() {
        return lifecycle.isStopping();
    }

    public final boolean isStopped() {
        return lifecycle.isStopped();
    }

    // ---- what the inserts of the subclasses share

    /** The partition of an insert under {@code partitionKey}, or the buffer's routing when null. */
    final int route(Object object, PartitionKey partitionKey) {
        return routing.route(object, partitionKey);
    }

    /** Every item's partition, in order. */
    final int[] routeAll(Object[] objects, PartitionKey partitionKey) {
        return routing.routeAll(objects, partitionKey);
    }

    /**
     * Sees an insert through after its first try (see {@link Admission#admit}): when that found no room, waits for
     * room or refuses as the options say, and tries {@code again}.
     */
    final Placement admit(Placement firstTry, InsertAttempt again, long callItems, boolean mayWait) {
        if (firstTry == Placement.PLACED) {
            return firstTry; // the common case, in a method small enough to be inlined into every insert
        }
        return admission.admit(firstTry, again, callItems, mayWait);
    }

    /** After {@code count} items went into {@code partition}: telemetry, and a drain at once at the threshold. */
    final void afterInsert(Partition partition, int count) {
        telemetry.inserted(partition.index, count);
        int threshold = options.flushThreshold();
        if (threshold > 0 && partition.size() >= threshold) {
            deliveries[partition.index].request(DrainReason.FLUSH_THRESHOLD);
        }
    }

    final CapacityGate gate() {
        return admission.gate();
    }

    /** Whether the buffer's storage may hold {@link DeadLettered} items, which its deliveries unwrap. */
    boolean holdsDeadLetters() {
        return false;
    }

    // ---- inserts inside a transaction (see TransactionStaging)

    /** Where the inserts of the subclasses go when they must wait for the caller's transaction. */
    final TransactionStaging staging() {
        return staging;
    }

    /**
     * After a transaction committed: applies its writes, each partition's together and in order, with the room
     * {@code reserved} before completion.
     */
    abstract void applyCommitted(List<StagedWrite> writes, long reserved);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + ", " + partitionCount + " partitions]";
    }
}
