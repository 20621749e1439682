package org.partitionedbuffer.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.partitionedbuffer.core.PartitionRouting;

/**
 * Map baseline (b): a {@link HashMap} per partition under that partition's monitor, swapped for an empty one on each
 * drain; the swapped map's values are then delivered in batches outside the lock.
 */
final class LockedHashMapMap implements MapContestant {

    private final Object[] locks;
    /** maps[p] is guarded by locks[p]; a swapped-out map is only read by the drain that took it. */
    private final HashMap<Object, Object>[] maps;
    private final DeliveredCount delivered;
    private final ScheduledExecutorService threads = Contest.drainThreads();

    @SuppressWarnings("unchecked")
    LockedHashMapMap(int partitions, DeliveredCount delivered) {
        this.delivered = delivered;
        locks = new Object[partitions];
        maps = new HashMap[partitions];
        for (int p = 0; p < partitions; p++) {
            locks[p] = new Object();
            maps[p] = new HashMap<>();
        }
        Contest.drainEvery(threads, partitions, this::drain);
    }

    @Override
    public void put(Object key, Object value) {
        int p = PartitionRouting.indexFor(key, maps.length);
        synchronized (locks[p]) {
            maps[p].put(key, value);
        }
    }

    private void drain(int partition) {
        HashMap<Object, Object> taken;
        synchronized (locks[partition]) {
            taken = maps[partition];
            if (taken.isEmpty()) {
                return;
            }
            // Sized as the engine sizes its next map: for a similar drain.
            maps[partition] = new HashMap<>((int) (Math.min(taken.size(), 1 << 16) / 0.75f) + 1);
        }
        List<Object> values = Arrays.asList(taken.values().toArray());
        for (int from = 0; from < values.size(); from += Contest.BATCH_SIZE) {
            delivered.accept(values.subList(from, Math.min(values.size(), from + Contest.BATCH_SIZE)));
        }
    }

    @Override
    public void close() throws Exception {
        Contest.shutDown(threads);
    }
}
