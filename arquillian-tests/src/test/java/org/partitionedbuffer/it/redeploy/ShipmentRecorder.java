package org.partitionedbuffer.it.redeploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Appends lines to the file named by the MicroProfile Config property {@code it.redeploy.record}, which the test
 * reads. {@link #DEPLOYMENT} is new with each deployment (a new class loader).
 */
final class ShipmentRecorder {

    static final String DEPLOYMENT = UUID.randomUUID().toString();
    private static final Path FILE = Path.of(ConfigProvider.getConfig().getValue("it.redeploy.record", String.class));

    private ShipmentRecorder() {
    }

    static synchronized void append(List<String> lines) {
        try {
            Files.write(FILE, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
