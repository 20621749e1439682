package org.partitionedbuffer.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/*
 * The meters are those of the README's metric table (the contract the partitioned-buffer-metrics jar documents for
 * MicroProfile Metrics): a metric added to or renamed in the table, or here, alone fails this test.
 */
class ReadmeMetricTableTest {

    private static final String HEADER = "| metric (Prometheus name) | type | tags | meaning |";
    // `partitioned_buffer.partition.starts` / `.stops`: the second name replaces the last part of the first
    private static final Pattern NAME = Pattern.compile("`(partitioned_buffer\\.[a-z_.]+|\\.[a-z_]+)`");

    @Test
    void theMetersAreTheReadmesMetrics() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        int header = lines.indexOf(HEADER);
        assertFalse(header < 0, "README.md has no table headed " + HEADER);
        Set<String> documented = new TreeSet<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String firstCell = lines.get(i).split("\\|")[1];
            Matcher names = NAME.matcher(firstCell.replaceAll("\\(.*", ""));
            String previous = null;
            while (names.find()) {
                String name = names.group(1).startsWith(".")
                        ? previous.substring(0, previous.lastIndexOf('.')) + names.group(1) : names.group(1);
                documented.add(name);
                previous = name;
            }
        }
        assertEquals(documented, Arrays.stream(BufferMetric.values()).map(BufferMetric::metricName)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
