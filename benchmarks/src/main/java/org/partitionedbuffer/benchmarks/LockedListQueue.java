package org.partitionedbuffer.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.partitionedbuffer.core.PartitionRouting;

/**
 * Baseline (b): an {@link ArrayList} per partition under that partition's monitor, swapped for an empty one on each
 * drain, the swapped list then delivered in batches outside the lock. The engine's design with nothing else around it.
 */
final class LockedListQueue implements QueueContestant {

    private final Object[] locks;
    /** lists[p] is guarded by locks[p]; a swapped-out list is only read by the drain that took it. */
    private final ArrayList<Object>[] lists;
    /** The size of each partition's last drain, to presize the next list; touched only by that partition's drain. */
    private final int[] lastDrained;
    private final DeliveredCount delivered;
    private final ScheduledExecutorService threads = Contest.drainThreads();

    @SuppressWarnings("unchecked")
    LockedListQueue(int partitions, DeliveredCount delivered) {
        this.delivered = delivered;
        locks = new Object[partitions];
        lists = new ArrayList[partitions];
        lastDrained = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            locks[p] = new Object();
            lists[p] = new ArrayList<>();
        }
        Contest.drainEvery(threads, partitions, this::drain);
    }

    @Override
    public void push(Object item) {
        int p = PartitionRouting.indexFor(item, lists.length);
        synchronized (locks[p]) {
            lists[p].add(item);
        }
    }

    @Override
    public void pushAll(List<Object> items) {
        for (int i = 0, n = items.size(); i < n; i++) {
            push(items.get(i));
        }
    }

    private void drain(int partition) {
        ArrayList<Object> fresh = new ArrayList<>(Math.max(16, lastDrained[partition]));
        ArrayList<Object> taken;
        synchronized (locks[partition]) {
            taken = lists[partition];
            if (taken.isEmpty()) {
                return;
            }
            lists[partition] = fresh;
        }
        int size = taken.size();
        lastDrained[partition] = size;
        for (int from = 0; from < size; from += Contest.BATCH_SIZE) {
            delivered.accept(taken.subList(from, Math.min(size, from + Contest.BATCH_SIZE)));
        }
    }

    @Override
    public void close() throws Exception {
        Contest.shutDown(threads);
    }
}
