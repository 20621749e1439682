package org.partitionedbuffer.server.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file under the domain directory where the bean writes one line per delivered item. A file, not memory or a
 * database, because it must survive the redeploys and adapter restarts the test provokes, and the test reads it
 * straight from disk. Line: {@code id|itemLoader|beanLoader|ownClass}; items that are not orders: {@code other:...}.
 */
public final class DeliveryLog {

    /** The test computes the same path from the domain directory it created. */
    public static final String FILE_NAME = "orders-delivered.txt";

    /**
     * JVM-wide lock: the old and the new deployment of the application (two class loaders, two copies of this class)
     * may write at the same time, and an interned string literal is the same object for both.
     */
    private static final Object JVM_WIDE_LOCK = "org.partitionedbuffer.server.app.DeliveryLog".intern();

    private DeliveryLog() {
    }

    public static Path file() {
        return Path.of(System.getProperty("com.sun.aas.instanceRoot"), FILE_NAME);
    }

    static void append(String lines) throws IOException {
        synchronized (JVM_WIDE_LOCK) {
            Files.writeString(file(), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** The identity of a class loader, as the bean and the servlet report it. */
    public static String identity(ClassLoader loader) {
        return Integer.toHexString(System.identityHashCode(loader));
    }
}
