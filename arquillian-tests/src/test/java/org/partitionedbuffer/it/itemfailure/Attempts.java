package org.partitionedbuffer.it.itemfailure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every onBatch call the item-failure beans received, by buffer, in call order. */
public final class Attempts {

    /**
     * One onBatch call.
     *
     * @param items             the batch's items
     * @param attempt           its attempt number
     * @param marks             what the bean marked failed: {@code index:SQLState} of each mark's cause
     * @param transactionStatus the container-managed transaction's status during the call (0: active)
     */
    public record Attempt(List<Object> items, int attempt, List<String> marks, int transactionStatus) {
        /** {@code [a, b]#2 marked [0:23513]}: what the test compares. */
        @Override
        public String toString() {
            return items + "#" + attempt + " marked " + marks;
        }
    }

    private static final Map<String, List<Attempt>> ATTEMPTS = new ConcurrentHashMap<>();

    private Attempts() {
    }

    static void record(String buffer, Attempt attempt) {
        ATTEMPTS.computeIfAbsent(buffer, name -> new CopyOnWriteArrayList<>()).add(attempt);
    }

    public static List<Attempt> of(String buffer) {
        return List.copyOf(ATTEMPTS.getOrDefault(buffer, List.of()));
    }
}
