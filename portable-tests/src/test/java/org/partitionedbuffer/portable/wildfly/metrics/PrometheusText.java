package org.partitionedbuffer.portable.wildfly.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus text exposition (format 0.0.4), parsed: its samples and the type of each family. Enough for a test:
 * no timestamps, no escaped quotes in label values.
 */
public final class PrometheusText {

    /** One line {@code name{label="value",...} value}, as printed and parsed. */
    public record Sample(String line, String name, Map<String, String> labels, double value) {

        public boolean has(String label, String expected) {
            return expected.equals(labels.get(label));
        }
    }

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");
    private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");

    private final String text;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> types = new LinkedHashMap<>();

    public PrometheusText(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (type.matches()) {
                types.put(type.group(1), type.group(2));
            } else if (!line.startsWith("#") && sample.matches()) {
                Map<String, String> labels = new LinkedHashMap<>();
                Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                samples.add(new Sample(line, sample.group(1), labels, Double.parseDouble(sample.group(3))));
            }
        }
    }

    /** The samples called {@code name} with these labels (and any others). */
    public List<Sample> samples(String name, Map<String, String> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name))
                .filter(sample -> labels.entrySet().stream().allMatch(e -> sample.has(e.getKey(), e.getValue())))
                .toList();
    }

    /** The sum of those samples' values (0 when there are none). */
    public double sum(String name, Map<String, String> labels) {
        return samples(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** Every sample whose name starts with {@code prefix}. */
    public List<Sample> startingWith(String prefix) {
        return samples.stream().filter(sample -> sample.name().startsWith(prefix)).toList();
    }

    /** The exposition as served. */
    public String text() {
        return text;
    }

    /** The family's type ({@code counter}, {@code gauge}, {@code summary}, ...) from its TYPE line, or null. */
    public String type(String family) {
        return types.get(family);
    }
}
