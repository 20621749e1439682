package org.partitionedbuffer.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
import org.partitionedbuffer.core.PartitionRouting;

/**
 * Baseline (a): a lock-free JCTools multi-producer single-consumer queue per partition, polled every interval by a
 * scheduled drain into batches. No capacity, no lifecycle, no all-or-nothing pushAll: the raw cost of a partitioned
 * queue.
 */
final class JctoolsQueue implements QueueContestant {

    private static final int CHUNK = 1024;

    private final MpscUnboundedXaddArrayQueue<Object>[] queues;
    private final DeliveredCount delivered;
    private final ScheduledExecutorService threads = Contest.drainThreads();

    @SuppressWarnings("unchecked")
    JctoolsQueue(int partitions, DeliveredCount delivered) {
        this.delivered = delivered;
        queues = new MpscUnboundedXaddArrayQueue[partitions];
        for (int p = 0; p < partitions; p++) {
            queues[p] = new MpscUnboundedXaddArrayQueue<>(CHUNK);
        }
        Contest.drainEvery(threads, partitions, this::drain);
    }

    @Override
    public void push(Object item) {
        queues[PartitionRouting.indexFor(item, queues.length)].offer(item);
    }

    @Override
    public void pushAll(List<Object> items) {
        for (int i = 0, n = items.size(); i < n; i++) {
            push(items.get(i));
        }
    }

    /** Takes what the partition held when the tick began, so a fast producer cannot keep one drain going forever. */
    private void drain(int partition) {
        MpscUnboundedXaddArrayQueue<Object> queue = queues[partition];
        int remaining = queue.size();
        while (remaining > 0) {
            Object[] batch = new Object[Math.min(remaining, Contest.BATCH_SIZE)];
            int taken = 0;
            while (taken < batch.length) {
                Object item = queue.relaxedPoll();
                if (item == null) {
                    break; // an offer claimed its slot and has not written it yet: take it next tick
                }
                batch[taken++] = item;
            }
            if (taken == 0) {
                return;
            }
            delivered.accept(Arrays.asList(batch).subList(0, taken));
            remaining -= taken;
        }
    }

    @Override
    public void close() throws Exception {
        Contest.shutDown(threads);
    }
}
