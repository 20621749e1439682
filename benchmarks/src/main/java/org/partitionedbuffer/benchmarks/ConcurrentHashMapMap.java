package org.partitionedbuffer.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.partitionedbuffer.core.PartitionRouting;

/**
 * Map baseline (a): a {@link ConcurrentHashMap} per partition, drained by iterating it and removing each entry only if
 * it still holds the value read (a write racing the drain stays for the next one). Last write wins, nothing else.
 */
final class ConcurrentHashMapMap implements MapContestant {

    private final ConcurrentHashMap<Object, Object>[] maps;
    private final DeliveredCount delivered;
    private final ScheduledExecutorService threads = Contest.drainThreads();

    @SuppressWarnings("unchecked")
    ConcurrentHashMapMap(int partitions, DeliveredCount delivered) {
        this.delivered = delivered;
        maps = new ConcurrentHashMap[partitions];
        for (int p = 0; p < partitions; p++) {
            maps[p] = new ConcurrentHashMap<>();
        }
        Contest.drainEvery(threads, partitions, this::drain);
    }

    @Override
    public void put(Object key, Object value) {
        maps[PartitionRouting.indexFor(key, maps.length)].put(key, value);
    }

    private void drain(int partition) {
        ConcurrentHashMap<Object, Object> map = maps[partition];
        List<Object> batch = new ArrayList<>(Contest.BATCH_SIZE);
        for (Map.Entry<Object, Object> entry : map.entrySet()) {
            if (map.remove(entry.getKey(), entry.getValue())) {
                batch.add(entry.getValue());
                if (batch.size() == Contest.BATCH_SIZE) {
                    delivered.accept(batch);
                    batch = new ArrayList<>(Contest.BATCH_SIZE);
                }
            }
        }
        if (!batch.isEmpty()) {
            delivered.accept(batch);
        }
    }

    @Override
    public void close() throws Exception {
        Contest.shutDown(threads);
    }
}
