package org.partitionedbuffer.it.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.partitionedbuffer.api.Batch;

/** What the test beans received, by buffer: the tests read it from the same application. */
public final class Deliveries {

    private static final Map<String, List<Batch>> BATCHES = new ConcurrentHashMap<>();

    private Deliveries() {
    }

    static void record(Batch batch) {
        BATCHES.computeIfAbsent(batch.buffer(), name -> new CopyOnWriteArrayList<>()).add(batch);
    }

    public static List<Batch> batches(String buffer) {
        return List.copyOf(BATCHES.getOrDefault(buffer, List.of()));
    }

    public static List<Object> items(String buffer) {
        List<Object> items = new ArrayList<>();
        batches(buffer).forEach(batch -> items.addAll(batch.items()));
        return items;
    }

    public static List<Integer> batchSizes(String buffer) {
        return batches(buffer).stream().map(Batch::size).toList();
    }
}
