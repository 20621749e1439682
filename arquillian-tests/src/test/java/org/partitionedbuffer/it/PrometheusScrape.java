package org.partitionedbuffer.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One scrape of {@code /metrics} in the Prometheus text format, parsed into samples. Payara prints a family once per
 * metrics context, so the same sample can appear more than once: tests look samples up, never compare text.
 */
final class PrometheusScrape {

    /** One line: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;
    private final List<Sample> samples;

    private PrometheusScrape(String text) {
        this.text = text;
        this.samples = parse(text);
    }

    static PrometheusScrape of(URL anyUrlOfTheServer) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(anyUrlOfTheServer, "/metrics").openConnection();
        connection.setRequestProperty("Accept", "text/plain");
        try (InputStream body = connection.getInputStream()) {
            return new PrometheusScrape(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static List<Sample> parse(String text) {
        List<Sample> parsed = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            parsed.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return parsed;
    }

    String text() {
        return text;
    }

    /** The samples called {@code name} whose labels include every one of {@code labels} (key, value, key, ...). */
    List<Sample> find(String name, String... labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && hasLabels(sample, labels)).toList();
    }

    /** The distinct values of the samples {@link #find} finds; one value when the figures agree. */
    List<Double> values(String name, String... labels) {
        return find(name, labels).stream().map(Sample::value).distinct().toList();
    }

    /**
     * A buffer's figure: the sum of {@code name} over its partitions. Payara prints the application metrics once per
     * deployed application, so a series may appear more than once: every copy must show the same value.
     */
    double total(String name, String buffer) {
        Map<Map<String, String>, List<Double>> valuesBySeries = find(name, "buffer", buffer).stream()
                .collect(Collectors.groupingBy(Sample::labels, Collectors.mapping(Sample::value, Collectors.toList())));
        double total = 0;
        for (Map.Entry<Map<String, String>, List<Double>> series : valuesBySeries.entrySet()) {
            List<Double> copies = series.getValue().stream().distinct().toList();
            if (copies.size() != 1) {
                throw new AssertionError(name + series.getKey() + " differs between its copies: " + copies);
            }
            total += copies.get(0);
        }
        return total;
    }

    private static boolean hasLabels(Sample sample, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
