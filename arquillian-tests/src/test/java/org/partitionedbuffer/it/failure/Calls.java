package org.partitionedbuffer.it.failure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every onBatch call the failure-test beans received, by buffer, in call order, with its outcome. */
public final class Calls {

    /** One onBatch call: the batch's items, its attempt number, and whether the bean threw. */
    public record Call(List<Object> items, int attempt, boolean threw) {
        public String first() {
            return String.valueOf(items.get(0));
        }
    }

    private static final Map<String, List<Call>> CALLS = new ConcurrentHashMap<>();

    private Calls() {
    }

    static void record(String buffer, Call call) {
        CALLS.computeIfAbsent(buffer, name -> new CopyOnWriteArrayList<>()).add(call);
    }

    public static List<Call> of(String buffer) {
        return List.copyOf(CALLS.getOrDefault(buffer, List.of()));
    }
}
