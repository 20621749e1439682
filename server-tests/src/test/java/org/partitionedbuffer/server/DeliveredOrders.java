package org.partitionedbuffer.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the test application's bean recorded in its delivery log (one line per delivered item, see
 * {@code app.DeliveryLog}), read back from the domain directory, and the checks the scenarios make on it.
 */
final class DeliveredOrders {

    /** One delivered order: its id, the identities of its class's loader and of the bean's, and the bean's verdict. */
    record Delivery(String id, String itemLoader, String beanLoader, boolean ownClass) {
        static Delivery parse(String line) {
            String[] fields = line.split("\\|");
            if (fields.length != 4) {
                return new Delivery(line, "?", "?", false); // a probe or garbage: counted as an unexpected id
            }
            return new Delivery(fields[0], fields[1], fields[2], Boolean.parseBoolean(fields[3]));
        }
    }

    private final List<Delivery> deliveries;

    private DeliveredOrders(List<Delivery> deliveries) {
        this.deliveries = deliveries;
    }

    static DeliveredOrders read(Path file) {
        try {
            if (!Files.exists(file)) {
                return new DeliveredOrders(List.of());
            }
            // A line still being appended has no newline yet: only complete lines count.
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String complete = text.substring(0, text.lastIndexOf('\n') + 1);
            return new DeliveredOrders(complete.lines().filter(line -> !line.isBlank()).map(Delivery::parse)
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** o-from .. o-(to-1), the ids the test application gives the orders it pushes. */
    static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "o-" + i).toList();
    }

    int count() {
        return deliveries.size();
    }

    List<Delivery> of(Collection<String> ids) {
        var wanted = new java.util.HashSet<>(ids);
        return deliveries.stream().filter(delivery -> wanted.contains(delivery.id())).toList();
    }

    /**
     * Empty when each of {@code expected} was delivered exactly once; otherwise how many are missing and duplicated,
     * with examples.
     */
    String exactlyOnceProblems(List<String> expected) {
        Map<String, Long> counts = deliveries.stream()
                .collect(Collectors.groupingBy(Delivery::id, LinkedHashMap::new, Collectors.counting()));
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        for (String id : expected) {
            long times = counts.getOrDefault(id, 0L);
            if (times == 0) {
                missing.add(id);
            } else if (times > 1) {
                duplicated.add(id + " x" + times);
            }
        }
        if (missing.isEmpty() && duplicated.isEmpty()) {
            return "";
        }
        return expected.size() + " expected, " + missing.size() + " never delivered " + examples(missing) + ", "
                + duplicated.size() + " delivered more than once " + examples(duplicated);
    }

    /** How many of these deliveries went to each bean class loader, e.g. {@code {1a2b3c=5000}}. */
    static Map<String, Long> byBeanLoader(List<Delivery> deliveries) {
        return countBy(deliveries, Delivery::beanLoader);
    }

    /** How many of these deliveries were instances of the receiving bean's own Order class (true) or not (false). */
    static Map<Boolean, Long> byOwnClass(List<Delivery> deliveries) {
        return countBy(deliveries, Delivery::ownClass);
    }

    private static <K> Map<K, Long> countBy(List<Delivery> deliveries, Function<Delivery, K> key) {
        return deliveries.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static String examples(List<String> ids) {
        return ids.isEmpty() ? "" : "(e.g. " + String.join(", ", ids.subList(0, Math.min(5, ids.size()))) + ")";
    }
}
