package org.partitionedbuffer.micrometer;

import java.util.Optional;
import java.util.function.ToLongFunction;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.api.BufferView;
import org.partitionedbuffer.api.PartitionCounts;

/**
 * One partition's figures as the adapter has them now, read at each scrape from its current buffer of that name (0
 * while the adapter has no such buffer or partition). The counters read the buffer's own counts, so every
 * application showing a buffer shows the same figures, exactly.
 */
final class PartitionReading {

    private final String buffer;
    private final int partition;

    PartitionReading(String buffer, int partition) {
        this.buffer = buffer;
        this.partition = partition;
    }

    double pendingItems() {
        return view().map(view -> view.size(partition)).orElse(0L);
    }

    double count(ToLongFunction<PartitionCounts> count) {
        return view().map(view -> count.applyAsLong(view.counts(partition))).orElse(0L);
    }

    private Optional<BufferView> view() {
        return BufferMonitoring.buffer(buffer).filter(view -> partition < view.partitions());
    }
}
