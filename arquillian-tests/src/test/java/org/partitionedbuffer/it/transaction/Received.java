package org.partitionedbuffer.it.transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.partitionedbuffer.api.Batch;

/**
 * What the transaction tests' listeners received, by buffer, in delivery order; and, for the buffers whose listener
 * looks each item's row up in a datasource, whether it found the row. The test reads it from the same application.
 */
public final class Received {

    /** One item a listener looked up in its datasource, and whether the row was there when the item arrived. */
    public record Lookup(Object item, boolean found) {
    }

    private static final Map<String, List<Object>> ITEMS = new ConcurrentHashMap<>();
    private static final Map<String, List<Lookup>> LOOKUPS = new ConcurrentHashMap<>();

    private Received() {
    }

    static void record(Batch batch) {
        ITEMS.computeIfAbsent(batch.buffer(), name -> new CopyOnWriteArrayList<>()).addAll(List.copyOf(batch.items()));
    }

    static void lookedUp(String buffer, Object item, boolean found) {
        LOOKUPS.computeIfAbsent(buffer, name -> new CopyOnWriteArrayList<>()).add(new Lookup(item, found));
    }

    /** Every item delivered to {@code buffer}'s listener so far, in delivery order. */
    public static List<Object> items(String buffer) {
        return new ArrayList<>(ITEMS.getOrDefault(buffer, List.of()));
    }

    /** Every look-up {@code buffer}'s listener made so far, in delivery order. */
    public static List<Lookup> lookups(String buffer) {
        return new ArrayList<>(LOOKUPS.getOrDefault(buffer, List.of()));
    }
}
