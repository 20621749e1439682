package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/*
 * The README's option table (the one headed "| option | values | default | at runtime | meaning |") lists every option
 * once, in the descriptors' order, with the default and the runtime changeability the descriptors give: a new option
 * without its row, or a default changed in one place only, fails here naming the option.
 */
class ReadmeOptionTableTest {

    private static final List<String> HEADER = List.of("option", "values", "default", "at runtime", "meaning");

    /** A row of the table, its cells without Markdown code marks. */
    private record Row(String option, String defaultValue, String atRuntime) {
    }

    private static final Map<String, Row> ROWS = readTable();

    private static Map<String, Row> readTable() {
        List<String> lines = readme();
        int header = -1;
        for (int i = 0; i < lines.size() && header < 0; i++) {
            if (lines.get(i).startsWith("|") && cells(lines.get(i)).equals(HEADER)) {
                header = i;
            }
        }
        if (header < 0) {
            fail("README.md has no option table headed | " + String.join(" | ", HEADER) + " |");
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cells(lines.get(i));
            assertEquals(HEADER.size(), cells.size(), "README.md option table, line " + (i + 1) + ": " + cells);
            Row row = new Row(cells.get(0), cells.get(2), cells.get(3));
            assertTrue(rows.put(row.option(), row) == null, "README.md lists option " + row.option() + " twice");
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.trim().replaceAll("^\\|", "").replaceAll("\\|$", "");
        return Arrays.stream(inner.split("(?<!\\\\)\\|", -1)).map(cell -> cell.replace("`", "").trim()).toList();
    }

    /** The README of the project: the module's tests run in the module's directory, below it. */
    private static List<String> readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path readme = dir.resolve("README.md");
            if (Files.isRegularFile(readme) && Files.isDirectory(dir.resolve("core"))) {
                try {
                    return Files.readAllLines(readme);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return fail("no README.md beside the core module above " + Path.of("").toAbsolutePath());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BufferOption.class)
    void everyOptionHasARowWithTheDescriptorsDefaultAndChangeability(BufferOption option) {
        Row row = ROWS.get(option.key());

        assertNotNull(row, "README.md option table has no row for option " + option.key() + " (default "
                + option.defaultInWords() + ", at runtime " + (option.runtimeChangeable() ? "yes" : "no") + ")");
        assertEquals(option.defaultInWords(), row.defaultValue(),
                "README.md option table, row " + option.key() + ": the default");
        assertEquals(option.runtimeChangeable() ? "yes" : "no", row.atRuntime(),
                "README.md option table, row " + option.key() + ": at runtime");
    }

    @Test
    void everyRowIsAnOptionInTheDescriptorsOrder() {
        List<String> unknown = new ArrayList<>();
        for (String name : ROWS.keySet()) {
            if (BufferOption.forKey(name).isEmpty()) {
                unknown.add(name);
            }
        }
        assertTrue(unknown.isEmpty(), "README.md option table has rows for options that do not exist: " + unknown);

        List<String> descriptorOrder = Arrays.stream(BufferOption.values()).map(BufferOption::key)
                .filter(ROWS::containsKey).toList();
        assertEquals(descriptorOrder, List.copyOf(ROWS.keySet()), "README.md option table: the rows' order");
    }
}
