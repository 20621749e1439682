package org.partitionedbuffer.wildfly.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file under the server's data directory where the beans write one line per delivered item,
 * {@code buffer|id}. A file, because the test reads it after the server has stopped.
 */
public final class DeliveryLog {

    public static final String FILE_NAME = "items-delivered.txt";

    private DeliveryLog() {
    }

    public static Path file() {
        return Path.of(System.getProperty("jboss.server.data.dir"), FILE_NAME);
    }

    static synchronized void append(String lines) throws IOException {
        Files.writeString(file(), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
