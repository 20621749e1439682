package org.partitionedbuffer.ra;

import java.util.List;
import java.util.Optional;
import org.partitionedbuffer.api.BufferEventListener;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.BufferView;
import org.partitionedbuffer.api.PartitionCounts;
import org.partitionedbuffer.core.BufferRegistry;
import org.partitionedbuffer.core.PartitionStatistics;
import org.partitionedbuffer.core.PartitionedBuffer;
import org.partitionedbuffer.ra.inbound.EndpointBatchListener;

/**
 * Shows the adapter's buffers to application code through {@link BufferMonitoring} (the metrics jar reads them
 * there), so no MicroProfile Metrics type ever enters the RAR.
 */
final class RegistryMonitoringSource implements BufferMonitoring.Source {

    private final BufferRegistry registry;

    RegistryMonitoringSource(BufferRegistry registry) {
        this.registry = registry;
    }

    @Override
    public BufferMonitoring.Registration addEventListener(BufferEventListener listener) {
        registry.addEventListener(listener);
        return () -> registry.removeEventListener(listener);
    }

    @Override
    public List<BufferView> buffers() {
        return registry.buffers().stream().<BufferView>map(View::new).toList();
    }

    @Override
    public Optional<BufferView> buffer(String name) {
        return registry.find(name).map(View::new);
    }

    private record View(PartitionedBuffer buffer) implements BufferView {

        @Override
        public String name() {
            return buffer.name();
        }

        @Override
        public BufferType type() {
            return buffer.type();
        }

        @Override
        public int partitions() {
            return buffer.partitions();
        }

        @Override
        public long size() {
            return buffer.size();
        }

        @Override
        public long size(int partition) {
            return buffer.partitionSize(partition);
        }

        @Override
        public PartitionCounts counts(int partition) {
            PartitionStatistics statistics = buffer.statistics().partitions().get(partition);
            return new PartitionCounts(statistics.inserted(), statistics.processed(), statistics.exceptions(),
                    statistics.retries(), statistics.failedBatches(), statistics.deadLettered(),
                    statistics.failedItems() - statistics.deadLettered(), statistics.markedFailed());
        }

        @Override
        public long rejected() {
            return buffer.statistics().rejected();
        }

        @Override
        public Optional<ClassLoader> listenerClassLoader() {
            return buffer.listener() instanceof EndpointBatchListener endpoint
                    ? Optional.of(endpoint.applicationClassLoader())
                    : Optional.empty();
        }
    }
}
