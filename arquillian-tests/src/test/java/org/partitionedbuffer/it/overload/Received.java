package org.partitionedbuffer.it.overload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** What the overload-test beans delivered successfully, by buffer, batch after batch; read by the test. */
public final class Received {

    /** Closed until the test opens it: BlockedBean waits on it (and is interrupted at each processing timeout). */
    public static final CountDownLatch GATE = new CountDownLatch(1);
    /** onBatch calls that entered BlockedBean, successful or not. */
    public static final List<Integer> BLOCKED_ATTEMPTS = new CopyOnWriteArrayList<>();

    private static final Map<String, List<List<Object>>> BATCHES = new ConcurrentHashMap<>();

    private Received() {
    }

    static void record(String buffer, List<Object> items) {
        BATCHES.computeIfAbsent(buffer, name -> new CopyOnWriteArrayList<>()).add(items);
    }

    public static List<Object> items(String buffer) {
        List<Object> items = new ArrayList<>();
        BATCHES.getOrDefault(buffer, List.of()).forEach(items::addAll);
        return items;
    }

    public static int count(String buffer) {
        return BATCHES.getOrDefault(buffer, List.of()).stream().mapToInt(List::size).sum();
    }
}
