package org.partitionedbuffer.core;

/**
 * Maps a routing key to a partition index. The index depends on the key's {@code hashCode()} and the number of
 * partitions only (not on registration order or restarts, unlike the reference), so a key keeps its partition for the
 * buffer's whole life. Public so that the benchmarks' baselines spread their items exactly as the engine does.
 */
public final class PartitionRouting {

    private PartitionRouting() {
    }

    /** {@code hashCode()} mixed so that sequential keys spread evenly, then reduced to {@code [0, partitions)}. */
    public static int indexFor(Object routingKey, int partitions) {
        int hash = routingKey == null ? 0 : routingKey.hashCode();
        hash = (hash ^ (hash >>> 16)) * 0x45d9f3b;
        hash ^= hash >>> 16;
        return (hash & Integer.MAX_VALUE) % partitions;
    }

    /** The distinct indexes of {@code indexes}, ascending: the lock order of a batch call. */
    static int[] distinctAscending(int[] indexes, int partitions) {
        boolean[] seen = new boolean[partitions];
        int distinct = 0;
        for (int index : indexes) {
            if (!seen[index]) {
                seen[index] = true;
                distinct++;
            }
        }
        int[] result = new int[distinct];
        int next = 0;
        for (int index = 0; index < partitions && next < distinct; index++) {
            if (seen[index]) {
                result[next++] = index;
            }
        }
        return result;
    }
}
