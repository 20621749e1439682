package org.partitionedbuffer.portable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Reads the application's delivery log ({@code buffer|what} lines) and checks it against what was pushed. */
public final class DeliveredItems {

    private final Path log;

    public DeliveredItems(Path log) {
        this.log = log;
    }

    /** What the given buffer's bean recorded, in order (only complete lines). */
    public List<String> of(String buffer) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        String prefix = buffer + "|";
        return complete.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .toList();
    }

    /** What the given buffer's bean recorded whose text starts with {@code start}. */
    public List<String> of(String buffer, String start) throws IOException {
        return of(buffer).stream().filter(line -> line.startsWith(start)).toList();
    }

    /** The ids {@code prefix-from} .. {@code prefix-(to-1)}. */
    public static List<String> ids(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + "-" + i).toList();
    }

    /** Empty when each expected id was delivered exactly once and nothing else; else what went wrong, counted. */
    public static String exactlyOnceProblems(List<String> delivered, List<String> expected) {
        Map<String, Long> counts = delivered.stream()
                .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
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
        Set<String> wanted = new HashSet<>(expected);
        List<String> unexpected = counts.keySet().stream().filter(id -> !wanted.contains(id)).limit(5).toList();
        if (missing.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty()) {
            return "";
        }
        return expected.size() + " expected, " + delivered.size() + " delivered, " + missing.size()
                + " never delivered " + missing.stream().limit(5).toList() + ", " + duplicated.size()
                + " delivered more than once " + duplicated.stream().limit(5).toList() + ", unexpected "
                + unexpected;
    }
}
