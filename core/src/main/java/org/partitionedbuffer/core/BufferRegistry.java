package org.partitionedbuffer.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferType;

/**
 * The buffers of one resource adapter (or one application), by name. It creates and starts them on one scheduler,
 * finds dead-letter buffers for them, and gives typed look-ups whose errors say what to do.
 */
public final class BufferRegistry {

    private final BufferScheduler scheduler;
    private final TransactionSource transactions;
    private final String howToCreate;
    private final ConcurrentMap<String, PartitionedBuffer> buffers = new ConcurrentHashMap<>();
    private final List<BufferEventListener> eventListeners = new CopyOnWriteArrayList<>(); // changed under lock
    /** Orders creations against observer registrations, so each buffer gets each registry observer once. */
    private final Object lock = new Object();

    /**
     * @param howToCreate how a user creates a buffer, for the error about an unknown one (e.g. "deploy a
     *                    message-driven bean with bufferName=NAME"); {@code NAME} is replaced by the buffer name
     */
    public BufferRegistry(BufferScheduler scheduler, String howToCreate) {
        this(scheduler, howToCreate, TransactionSource.NONE);
    }

    /**
     * As {@link #BufferRegistry(BufferScheduler, String)}, with buffers whose inserts follow the callers' transactions.
     */
    public BufferRegistry(BufferScheduler scheduler, String howToCreate, TransactionSource transactions) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.howToCreate = Objects.requireNonNull(howToCreate, "howToCreate");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * Creates and starts a buffer.
     *
     * @throws BufferException when a buffer with that name exists
     */
    public PartitionedBuffer create(BufferOptions options) {
        PartitionedBuffer buffer = PartitionedBuffer.create(options, scheduler, this::find, transactions);
        synchronized (lock) {
            if (buffers.putIfAbsent(options.bufferName(), buffer) != null) {
                throw new BufferException("Buffer '" + options.bufferName() + "' already exists; choose another"
                        + " name.");
            }
            eventListeners.forEach(buffer::addEventListener);
        }
        buffer.start(); // outside the lock: it arms timers and tells the observers
        return buffer;
    }

    public Optional<PartitionedBuffer> find(String name) {
        return Optional.ofNullable(buffers.get(Objects.requireNonNull(name, "buffer")));
    }

    /**
     * The buffer called {@code name}.
     *
     * @throws BufferException when there is none
     */
    public PartitionedBuffer get(String name) {
        PartitionedBuffer buffer = buffers.get(Objects.requireNonNull(name, "buffer"));
        if (buffer == null) {
            throw new BufferException("No buffer named '" + name + "': " + howToCreate.replace("NAME", name)
                    + ". Existing buffers: " + (buffers.isEmpty() ? "none" : String.join(", ", buffers.keySet()))
                    + ".");
        }
        return buffer;
    }

    /**
     * The queue buffer {@code name}, for {@code operation}.
     *
     * @throws BufferException when there is none, or it is a map buffer
     */
    public QueueBuffer queue(String name, String operation) {
        PartitionedBuffer buffer = get(name);
        if (buffer instanceof QueueBuffer queue) {
            return queue;
        }
        throw wrongType(buffer, operation, "put, putAll, putNewer, putAllNewer, get or delete");
    }

    /**
     * The map buffer {@code name}, for {@code operation}.
     *
     * @throws BufferException when there is none, or it is a queue buffer
     */
    public MapBuffer map(String name, String operation) {
        PartitionedBuffer buffer = get(name);
        if (buffer instanceof MapBuffer map) {
            return map;
        }
        throw wrongType(buffer, operation, "push or pushAll");
    }

    private static BufferException wrongType(PartitionedBuffer buffer, String operation, String fitting) {
        BufferType other = buffer.type() == BufferType.QUEUE ? BufferType.MAP : BufferType.QUEUE;
        return new BufferException("Buffer '" + buffer.name() + "' is a " + buffer.type().optionValue()
                + " buffer, and " + operation + " is a " + other.optionValue() + " operation: use " + fitting
                + " on it, or " + operation + " into a " + other.optionValue() + " buffer.");
    }

    public Collection<PartitionedBuffer> buffers() {
        return List.copyOf(buffers.values());
    }

    /**
     * Observes the events of every buffer, present and future; a present buffer first tells it which partitions have
     * started and stopped (see {@link PartitionedBuffer#addEventListenerWithLifecycle}). Buffers are created and
     * registered and observers added under this registry's lock, so none is seen twice or missed; the observer is
     * called after the lock is let go.
     */
    public void addEventListener(BufferEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        List<PartitionedBuffer> present;
        synchronized (lock) {
            eventListeners.add(listener);
            present = List.copyOf(buffers.values());
        }
        present.forEach(buffer -> buffer.addEventListenerWithLifecycle(listener));
    }

    public void removeEventListener(BufferEventListener listener) {
        List<PartitionedBuffer> present;
        synchronized (lock) {
            eventListeners.remove(listener);
            present = List.copyOf(buffers.values());
        }
        present.forEach(buffer -> buffer.removeEventListener(listener));
    }

    /** Stops the buffer {@code name} (see {@link PartitionedBuffer#stop()}) and forgets it once it has stopped. */
    public CompletableFuture<Void> remove(String name) {
        PartitionedBuffer buffer = get(name);
        return buffer.stop().whenComplete((done, error) -> buffers.remove(name, buffer));
    }

    /** Forgets the buffer {@code name} at once, whatever it holds or does: for an owner that discards it whole. */
    public boolean forget(String name) {
        return buffers.remove(Objects.requireNonNull(name, "buffer")) != null;
    }

    /**
     * Stops every buffer; completes when all have delivered or given up their data. A dead-letter buffer stops only
     * after every buffer that feeds it, so batches given up during their stop still reach it, along chains of
     * dead-letter buffers too (a cycle is broken where it closes).
     */
    public CompletableFuture<Void> stopAll() {
        Map<String, List<PartitionedBuffer>> feeders = new HashMap<>();
        for (PartitionedBuffer buffer : buffers.values()) {
            String target = buffer.options().deadLetterBuffer();
            if (target != null) {
                feeders.computeIfAbsent(target, name -> new ArrayList<>()).add(buffer);
            }
        }
        Map<String, CompletableFuture<Void>> stops = new HashMap<>();
        for (PartitionedBuffer buffer : buffers.values()) {
            stopAfterFeeders(buffer, feeders, stops, new HashSet<>());
        }
        return CompletableFuture.allOf(stops.values().toArray(CompletableFuture[]::new));
    }

    private static CompletableFuture<Void> stopAfterFeeders(PartitionedBuffer buffer,
                                                            Map<String, List<PartitionedBuffer>> feeders,
                                                            Map<String, CompletableFuture<Void>> stops,
                                                            Set<String> path) {
        CompletableFuture<Void> known = stops.get(buffer.name());
        if (known != null) {
            return known;
        }
        path.add(buffer.name());
        List<CompletableFuture<Void>> upstream = new ArrayList<>();
        for (PartitionedBuffer feeder : feeders.getOrDefault(buffer.name(), List.of())) {
            if (!path.contains(feeder.name())) {
                upstream.add(stopAfterFeeders(feeder, feeders, stops, path));
            }
        }
        path.remove(buffer.name());
        CompletableFuture<Void> stop = CompletableFuture.allOf(upstream.toArray(CompletableFuture[]::new))
                .handle((done, error) -> null)
                .thenCompose(ignored -> buffer.stop());
        stops.put(buffer.name(), stop);
        return stop;
    }
}
