package org.partitionedbuffer.core;

import java.util.List;
import java.util.function.ToLongFunction;
import org.partitionedbuffer.api.BufferType;

/** The counters of a buffer at one moment: per partition, with totals, and the items refused for capacity. */
public record BufferStatistics(String buffer, BufferType type, List<PartitionStatistics> partitions,
                               long rejected) {

    public BufferStatistics {
        partitions = List.copyOf(partitions);
    }

    public long size() {
        return total(PartitionStatistics::size);
    }

    public long inserted() {
        return total(PartitionStatistics::inserted);
    }

    public long processed() {
        return total(PartitionStatistics::processed);
    }

    public long exceptions() {
        return total(PartitionStatistics::exceptions);
    }

    public long retries() {
        return total(PartitionStatistics::retries);
    }

    public long failedBatches() {
        return total(PartitionStatistics::failedBatches);
    }

    public long failedItems() {
        return total(PartitionStatistics::failedItems);
    }

    public long deadLettered() {
        return total(PartitionStatistics::deadLettered);
    }

    public long markedFailed() {
        return total(PartitionStatistics::markedFailed);
    }

    private long total(ToLongFunction<PartitionStatistics> counter) {
        return partitions.stream().mapToLong(counter).sum();
    }
}
