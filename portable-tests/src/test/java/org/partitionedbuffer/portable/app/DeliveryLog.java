package org.partitionedbuffer.portable.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file where the beans write one line per delivered item, {@code buffer|what}. A file, because the test also reads
 * it after the server has stopped; its path is the server JVM's system property {@value #PROPERTY}.
 */
public final class DeliveryLog {

    public static final String PROPERTY = "partitionedbuffer.it.deliveryLog";

    private DeliveryLog() {
    }

    static synchronized void append(CharSequence lines) throws IOException {
        String file = System.getProperty(PROPERTY);
        if (file == null) {
            throw new IllegalStateException("The server runs without system property " + PROPERTY);
        }
        Files.writeString(Path.of(file), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** One line per item: the reading's id, or what else arrived (an item of a class this deployment cannot use). */
    static void record(String buffer, Iterable<Object> items) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Object item : items) {
            lines.append(buffer).append('|').append(describe(item)).append('\n');
        }
        append(lines);
    }

    static String describe(Object item) {
        return item instanceof Reading reading ? reading.id() : "not-a-reading:" + item.getClass().getName()
                + "@" + System.identityHashCode(item.getClass().getClassLoader());
    }
}
