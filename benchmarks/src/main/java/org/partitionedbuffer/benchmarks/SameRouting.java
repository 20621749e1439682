package org.partitionedbuffer.benchmarks;

/**
 * The engine's routing (core's package-private {@code PartitionRouting.indexFor}), copied so the baselines spread
 * items over their partitions exactly as the engine does. Keep the two in step.
 */
final class SameRouting {

    private SameRouting() {
    }

    static int indexFor(Object routingKey, int partitions) {
        int hash = routingKey == null ? 0 : routingKey.hashCode();
        hash = (hash ^ (hash >>> 16)) * 0x45d9f3b;
        hash ^= hash >>> 16;
        return (hash & Integer.MAX_VALUE) % partitions;
    }
}
