package org.partitionedbuffer.metrics;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.api.BufferView;

/**
 * Turns the adapter's buffer events into one application's metrics, for the buffers that application uses or listens
 * to. A buffer becomes the application's ("claimed") when one of its threads inserts into it or is refused by it
 * (the thread's context class loader is the application's), or when the application's message-driven bean is its
 * listener. From then on every event of that buffer is counted, whoever caused it: the figures are the buffer's, and
 * the counters start from the buffer's own counts, so applications sharing a buffer show the same figures.
 *
 * <p>Partition starts and stops are tallied for every buffer, claimed or not, so a buffer claimed late still shows
 * them all; the tally and the claim share a lock per buffer, so each start or stop is counted exactly once.
 */
final class ApplicationBufferObserver implements BufferEventListener {

    private final MetricRegistry registry;
    private final ClassLoader applicationLoader;
    private final ConcurrentMap<String, BufferMeters> claimed = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Lifecycle> lifecycles = new ConcurrentHashMap<>();

    /** How often each partition of one buffer started and stopped; changed and read under its own lock. */
    private static final class Lifecycle {
        private long[] starts = new long[0];
        private long[] stops = new long[0];

        static long[] increment(long[] counts, int partition) {
            long[] grown = partition < counts.length ? counts : java.util.Arrays.copyOf(counts, partition + 1);
            grown[partition]++;
            return grown;
        }
    }

    ApplicationBufferObserver(MetricRegistry registry, ClassLoader applicationLoader) {
        this.registry = registry;
        this.applicationLoader = applicationLoader;
    }

    /** Claims the buffers whose listener is already the application's (its beans activated before this started). */
    void claimListenedBuffers() {
        for (BufferView view : BufferMonitoring.buffers()) {
            if (isListenedByApplication(view)) {
                claim(view.name());
            }
        }
    }

    private boolean isListenedByApplication(BufferView view) {
        return view.listenerClassLoader().filter(loader -> loader == applicationLoader).isPresent();
    }

    private boolean onApplicationThread() {
        return Thread.currentThread().getContextClassLoader() == applicationLoader;
    }

    /**
     * Registers the buffer's metrics, starting the counters from the buffer's own counts so that every application
     * showing a buffer shows the same figures (the timer and the histogram start empty). The engine counts an event
     * before it publishes it, so the counts read here include the event that caused the claim (its caller must not
     * count it again); another thread's event in flight at that instant may be counted twice, never missed.
     *
     * @return the new meters, or null when the buffer was already claimed
     */
    private BufferMeters claim(String buffer) {
        Lifecycle lifecycle = lifecycles.computeIfAbsent(buffer, name -> new Lifecycle());
        synchronized (lifecycle) {
            BufferMeters meters = claimed.get(buffer);
            if (meters == null) {
                Optional<BufferView> view = BufferMonitoring.buffer(buffer);
                meters = new BufferMeters(registry, buffer, view.map(BufferView::partitions).orElse(0));
                view.ifPresent(meters::startFrom);
                for (int partition = 0; partition < lifecycle.starts.length; partition++) {
                    meters.partition(partition).starts.inc(lifecycle.starts[partition]);
                }
                for (int partition = 0; partition < lifecycle.stops.length; partition++) {
                    meters.partition(partition).stops.inc(lifecycle.stops[partition]);
                }
                claimed.put(buffer, meters);
                return meters;
            }
            return null;
        }
    }

    @Override
    public void listenerAttached(String buffer) {
        BufferMonitoring.buffer(buffer).filter(this::isListenedByApplication).ifPresent(view -> claim(buffer));
    }

    @Override
    public void inserted(String buffer, int partition, int count) {
        BufferMeters meters = claimed.get(buffer);
        if (meters == null) {
            if (!onApplicationThread() || claim(buffer) != null) {
                return; // not the application's buffer; or claimed now, from counts that include this insert
            }
            meters = claimed.get(buffer);
        }
        meters.partition(partition).inserted.inc(count);
    }

    @Override
    public void rejected(String buffer, int count) {
        BufferMeters meters = claimed.get(buffer);
        if (meters == null) {
            if (!onApplicationThread() || claim(buffer) != null) {
                return; // as for inserted
            }
            meters = claimed.get(buffer);
        }
        meters.rejected.inc(count);
    }

    @Override
    public void partitionStarted(String buffer, int partition, long systemTimeMillis) {
        Lifecycle lifecycle = lifecycles.computeIfAbsent(buffer, name -> new Lifecycle());
        synchronized (lifecycle) {
            lifecycle.starts = Lifecycle.increment(lifecycle.starts, partition);
            BufferMeters meters = claimed.get(buffer);
            if (meters != null) {
                meters.partition(partition).starts.inc();
            }
        }
    }

    @Override
    public void partitionStopped(String buffer, int partition, long durationNanos, String reason) {
        Lifecycle lifecycle = lifecycles.computeIfAbsent(buffer, name -> new Lifecycle());
        synchronized (lifecycle) {
            lifecycle.stops = Lifecycle.increment(lifecycle.stops, partition);
            BufferMeters meters = claimed.get(buffer);
            if (meters != null) {
                meters.partition(partition).stops.inc();
            }
        }
    }

    @Override
    public void processingStopped(String buffer, int partition, int size, int attempt, long durationNanos) {
        BufferMeters meters = claimed.get(buffer);
        if (meters != null) {
            PartitionMeters partitionMeters = meters.partition(partition);
            partitionMeters.processingDuration.update(Duration.ofNanos(durationNanos));
            partitionMeters.batchSize.update(size);
            partitionMeters.processed.inc(size);
        }
    }

    @Override
    public void processingException(String buffer, int partition, int size, int attempt, long durationNanos,
                                    Throwable error) {
        BufferMeters meters = claimed.get(buffer);
        if (meters != null) {
            PartitionMeters partitionMeters = meters.partition(partition);
            partitionMeters.processingDuration.update(Duration.ofNanos(durationNanos));
            partitionMeters.exceptions.inc();
        }
    }

    @Override
    public void processingFailed(String buffer, int partition, int size, long systemTimeMillis, Throwable reason,
                                 boolean deadLettered) {
        BufferMeters meters = claimed.get(buffer);
        if (meters != null) {
            PartitionMeters partitionMeters = meters.partition(partition);
            partitionMeters.failures.inc();
            (deadLettered ? partitionMeters.deadLettered : partitionMeters.dropped).inc(size);
        }
    }

    @Override
    public void itemsFailed(String buffer, int partition, int count, int attempt, Throwable firstCause) {
        BufferMeters meters = claimed.get(buffer);
        if (meters != null) {
            meters.partition(partition).itemsMarkedFailed.inc(count);
        }
    }

    @Override
    public void retryScheduled(String buffer, int partition, int size, int nextAttempt, long backoffMillis) {
        BufferMeters meters = claimed.get(buffer);
        if (meters != null) {
            meters.partition(partition).retries.inc();
        }
    }

    @Override
    public String toString() {
        return "MicroProfile Metrics of the application with " + applicationLoader;
    }
}
