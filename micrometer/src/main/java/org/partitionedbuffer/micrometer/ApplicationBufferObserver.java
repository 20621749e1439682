package org.partitionedbuffer.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.api.BufferView;

/**
 * Gives one application the meters of the buffers it uses or listens to. A buffer becomes the application's
 * ("claimed") when one of its threads inserts into it or is refused by it (the thread's context class loader is the
 * application's), or when the application's message-driven bean is its listener: the rules of the
 * {@code partitioned-buffer-metrics} jar. From then on the buffer's meters show its figures, whoever caused them.
 *
 * <p>Unlike MicroProfile Metrics, Micrometer reads a counter from a function at each scrape, so the counters are the
 * buffer's own counts, read when scraped, and nothing here counts them; events only claim buffers, tally partition
 * starts and stops, and feed the timer and the distribution summary (which describe the batches since the claim).
 */
final class ApplicationBufferObserver implements BufferEventListener {

    private final MeterRegistry registry;
    private final ClassLoader applicationLoader;
    private final Tags applicationTags;
    private final ConcurrentMap<String, BufferMeters> claimed = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, PartitionLifecycle> lifecycles = new ConcurrentHashMap<>();
    private boolean closed; // guarded by this

    ApplicationBufferObserver(MeterRegistry registry, ClassLoader applicationLoader, String application) {
        this.registry = registry;
        this.applicationLoader = applicationLoader;
        this.applicationTags = Tags.of(BufferMetric.APPLICATION_TAG, application);
    }

    /** Claims the buffers whose listener is already the application's (its beans activated before this started). */
    void claimListenedBuffers() {
        for (BufferView view : BufferMonitoring.buffers()) {
            if (isListenedByApplication(view)) {
                claim(view);
            }
        }
    }

    private boolean isListenedByApplication(BufferView view) {
        return view.listenerClassLoader().filter(loader -> loader == applicationLoader).isPresent();
    }

    private boolean onApplicationThread() {
        return Thread.currentThread().getContextClassLoader() == applicationLoader;
    }

    private PartitionLifecycle lifecycle(String buffer) {
        return lifecycles.computeIfAbsent(buffer, name -> new PartitionLifecycle());
    }

    /** Registers the buffer's meters once; after {@link #removeMeters} registers nothing. Claims are rare: locked. */
    private synchronized void claim(BufferView view) {
        if (!closed) {
            claimed.computeIfAbsent(view.name(), buffer -> new BufferMeters(registry, applicationTags, buffer,
                    view.partitions(), lifecycle(buffer)));
        }
    }

    private void claimOnApplicationThread(String buffer) {
        if (!claimed.containsKey(buffer) && onApplicationThread()) {
            BufferMonitoring.buffer(buffer).ifPresent(this::claim);
        }
    }

    /** Removes every meter this application registered (a server-wide registry would keep them, and its classes). */
    synchronized void removeMeters() {
        closed = true;
        claimed.values().forEach(BufferMeters::remove);
        claimed.clear();
    }

    @Override
    public void listenerAttached(String buffer) {
        BufferMonitoring.buffer(buffer).filter(this::isListenedByApplication).ifPresent(this::claim);
    }

    @Override
    public void inserted(String buffer, int partition, int count) {
        claimOnApplicationThread(buffer);
    }

    @Override
    public void rejected(String buffer, int count) {
        claimOnApplicationThread(buffer);
    }

    @Override
    public void partitionStarted(String buffer, int partition, long systemTimeMillis) {
        lifecycle(buffer).started(partition);
        ensurePartitionMeters(buffer, partition);
    }

    @Override
    public void partitionStopped(String buffer, int partition, long durationNanos, String reason) {
        lifecycle(buffer).stopped(partition);
        ensurePartitionMeters(buffer, partition);
    }

    /** A claimed buffer restarted with more partitions shows the new ones too. */
    private void ensurePartitionMeters(String buffer, int partition) {
        BufferMeters meters = claimed.get(buffer);
        if (meters != null) {
            meters.partition(partition);
        }
    }

    @Override
    public void processingStopped(String buffer, int partition, int size, int attempt, long durationNanos) {
        BufferMeters meters = claimed.get(buffer);
        if (meters != null) {
            PartitionMeters partitionMeters = meters.partition(partition);
            partitionMeters.processingDuration.record(durationNanos, TimeUnit.NANOSECONDS);
            partitionMeters.batchSize.record(size);
        }
    }

    @Override
    public void processingException(String buffer, int partition, int size, int attempt, long durationNanos,
                                    Throwable error) {
        BufferMeters meters = claimed.get(buffer);
        if (meters != null) {
            meters.partition(partition).processingDuration.record(durationNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public String toString() {
        return "Micrometer meters of the application " + applicationTags + " with " + applicationLoader;
    }
}
