package org.partitionedbuffer.it.ledger;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which numbered items (see {@link #id}) arrived, in memory that does not grow with their number: per producer, the
 * delivered sequence numbers as disjoint ranges, merged as they fill up. Producers number their accepted items
 * 0, 1, 2, ... (see {@link NumberedProducer}), so a complete delivery ends as one range per producer and only the
 * holes still in flight take room. Counts what arrived more than once, and anything that is not a numbered item.
 */
public final class DeliveryLedger {

    public static final int MAX_PRODUCERS = 16;
    private static final int SEQUENCE_BITS = 40;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    // Guarded by this. Per producer: start -> end (exclusive) of received sequence numbers; disjoint, never adjacent.
    private final TreeMap<Long, Long>[] received;
    private long recorded;
    private long duplicates;
    private long foreign;

    @SuppressWarnings("unchecked")
    public DeliveryLedger() {
        received = new TreeMap[MAX_PRODUCERS];
        for (int p = 0; p < MAX_PRODUCERS; p++) {
            received[p] = new TreeMap<>();
        }
    }

    /** The item producer {@code producer} pushes as its {@code sequence}-th accepted item. */
    public static Long id(int producer, long sequence) {
        return ((long) producer << SEQUENCE_BITS) | sequence;
    }

    public static int producerOf(long id) {
        return (int) (id >>> SEQUENCE_BITS);
    }

    public static long sequenceOf(long id) {
        return id & SEQUENCE_MASK;
    }

    /** Records the items of one delivered batch (in any order; runs of consecutive numbers are recorded at once). */
    public synchronized void record(List<?> items) {
        int i = 0;
        int size = items.size();
        recorded += size;
        while (i < size) {
            if (!(items.get(i++) instanceof Long id) || (id >>> SEQUENCE_BITS) >= MAX_PRODUCERS || id < 0) {
                foreign++;
                continue;
            }
            long start = id & SEQUENCE_MASK;
            long end = start + 1;
            while (i < size && items.get(i) instanceof Long next && next == id + (end - start)) {
                end++;
                i++;
            }
            add(received[(int) (id >>> SEQUENCE_BITS)], start, end);
        }
    }

    private void add(TreeMap<Long, Long> ranges, long start, long end) {
        long mergedStart = start;
        long mergedEnd = end;
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            duplicates += Math.max(0, Math.min(before.getValue(), end) - start);
            mergedStart = before.getKey();
            mergedEnd = Math.max(mergedEnd, before.getValue());
            ranges.remove(before.getKey());
        }
        Map.Entry<Long, Long> after;
        while ((after = ranges.ceilingEntry(start)) != null && after.getKey() <= end) {
            duplicates += Math.min(after.getValue(), end) - after.getKey();
            mergedEnd = Math.max(mergedEnd, after.getValue());
            ranges.remove(after.getKey());
        }
        ranges.put(mergedStart, mergedEnd);
    }

    /** Items recorded, duplicates and foreign items included. */
    public synchronized long recorded() {
        return recorded;
    }

    /** Recorded items whose number had already been recorded. */
    public synchronized long duplicates() {
        return duplicates;
    }

    /** Recorded items that are not numbered items. */
    public synchronized long foreign() {
        return foreign;
    }

    /** How many of producer {@code producer}'s numbers 0 .. accepted-1 never arrived. */
    public synchronized long missing(int producer, long accepted) {
        return accepted - receivedBelow(producer, accepted);
    }

    /** How many numbers of {@code producer} at or above {@code accepted} arrived: items it never had accepted. */
    public synchronized long beyond(int producer, long accepted) {
        long all = 0;
        for (Map.Entry<Long, Long> range : received[producer].entrySet()) {
            all += range.getValue() - range.getKey();
        }
        return all - receivedBelow(producer, accepted);
    }

    private long receivedBelow(int producer, long limit) {
        long count = 0;
        for (Map.Entry<Long, Long> range : received[producer].headMap(limit, false).entrySet()) {
            count += Math.min(range.getValue(), limit) - range.getKey();
        }
        return count;
    }

    /** Producer {@code producer}'s received ranges, the first few, for failure messages. */
    public synchronized String ranges(int producer) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (Map.Entry<Long, Long> range : received[producer].entrySet()) {
            if (shown++ == 10) {
                return text.append(" ... (").append(received[producer].size()).append(" ranges)").toString();
            }
            text.append(text.length() == 0 ? "" : " ").append('[').append(range.getKey()).append(", ")
                    .append(range.getValue()).append(')');
        }
        return text.length() == 0 ? "none" : text.toString();
    }
}
