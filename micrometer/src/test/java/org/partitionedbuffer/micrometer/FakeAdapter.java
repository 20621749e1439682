package org.partitionedbuffer.micrometer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.BufferView;
import org.partitionedbuffer.api.PartitionCounts;

/**
 * A resource adapter as {@link BufferMonitoring} sees one, installed for one test: buffers whose counts the test sets,
 * and events the test fires, on the calling thread, to every listener added (a late listener is first told which
 * partitions started, as the adapter does).
 */
final class FakeAdapter implements BufferMonitoring.Source, AutoCloseable {

    private final Map<String, FakeBuffer> buffers = new ConcurrentHashMap<>();
    private final List<BufferEventListener> listeners = new CopyOnWriteArrayList<>();
    private final BufferMonitoring.Registration installation;

    FakeAdapter() {
        installation = BufferMonitoring.install(this);
    }

    /** A buffer whose partitions have started. */
    FakeBuffer buffer(String name, int partitions) {
        FakeBuffer buffer = new FakeBuffer(name, partitions);
        buffers.put(name, buffer);
        for (int partition = 0; partition < partitions; partition++) {
            int started = partition;
            fire(listener -> listener.partitionStarted(name, started, System.currentTimeMillis()));
        }
        return buffer;
    }

    void fire(Consumer<BufferEventListener> event) {
        listeners.forEach(event);
    }

    /** Runs {@code action} on this thread with {@code loader} as its context class loader (an application's thread). */
    static void onThreadOf(ClassLoader loader, Runnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public BufferMonitoring.Registration addEventListener(BufferEventListener listener) {
        buffers.values().forEach(buffer -> {
            for (int partition = 0; partition < buffer.partitions(); partition++) {
                listener.partitionStarted(buffer.name(), partition, System.currentTimeMillis());
            }
        });
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public List<BufferView> buffers() {
        return new ArrayList<>(buffers.values());
    }

    @Override
    public Optional<BufferView> buffer(String name) {
        return Optional.ofNullable(buffers.get(name));
    }

    int listenerCount() {
        return listeners.size();
    }

    @Override
    public void close() {
        installation.close();
    }

    /** A buffer whose figures the test sets. */
    static final class FakeBuffer implements BufferView {
        private final String name;
        private final int partitions;
        private final long[] sizes;
        private final PartitionCounts[] counts;
        private volatile long rejected;
        private volatile ClassLoader listener;

        FakeBuffer(String name, int partitions) {
            this.name = name;
            this.partitions = partitions;
            this.sizes = new long[partitions];
            this.counts = new PartitionCounts[partitions];
            java.util.Arrays.fill(counts, new PartitionCounts(0, 0, 0, 0, 0, 0, 0, 0));
        }

        void size(int partition, long size) {
            sizes[partition] = size;
        }

        void counts(int partition, PartitionCounts partitionCounts) {
            counts[partition] = partitionCounts;
        }

        void rejected(long count) {
            rejected = count;
        }

        void listener(ClassLoader loader) {
            listener = loader;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public BufferType type() {
            return BufferType.QUEUE;
        }

        @Override
        public int partitions() {
            return partitions;
        }

        @Override
        public long size() {
            return java.util.Arrays.stream(sizes).sum();
        }

        @Override
        public long size(int partition) {
            return sizes[partition];
        }

        @Override
        public PartitionCounts counts(int partition) {
            return counts[partition];
        }

        @Override
        public long rejected() {
            return rejected;
        }

        @Override
        public Optional<ClassLoader> listenerClassLoader() {
            return Optional.ofNullable(listener);
        }
    }
}
