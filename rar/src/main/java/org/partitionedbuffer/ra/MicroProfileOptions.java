package org.partitionedbuffer.ra;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads buffer options from MicroProfile Config: {@code partitionedbuffer.<buffer>.<option>}, through the class loader
 * of the application that listens to the buffer, so its {@code microprofile-config.properties}, system properties and
 * environment variables all apply. On a server without MicroProfile Config, nothing is found.
 */
final class MicroProfileOptions {

    private static final Logger LOG = Logger.getLogger(MicroProfileOptions.class.getName());
    private static final Pattern DECLARATION = Pattern.compile("partitionedbuffer\\.(.+)\\.bufferType");

    private MicroProfileOptions() {
    }

    /** The configuration seen by {@code classLoader}, as a look-up of single keys. */
    static Function<String, Optional<String>> seenBy(ClassLoader classLoader) {
        Optional<Config> config = config(classLoader);
        return key -> config.flatMap(found -> found.getOptionalValue(key, String.class))
                .filter(value -> !value.isBlank());
    }

    /** The buffers the configuration declares with {@code partitionedbuffer.<buffer>.bufferType}. */
    static Set<String> declaredBuffers(ClassLoader classLoader) {
        Set<String> buffers = new TreeSet<>();
        config(classLoader).ifPresent(config -> {
            for (String name : config.getPropertyNames()) {
                Matcher matcher = DECLARATION.matcher(name);
                if (matcher.matches()) {
                    buffers.add(matcher.group(1));
                }
            }
        });
        return buffers;
    }

    private static Optional<Config> config(ClassLoader classLoader) {
        try {
            return Optional.of(ConfigProvider.getConfig(classLoader));
        } catch (LinkageError | RuntimeException e) { // no MicroProfile Config on this server
            LOG.log(Level.FINE, "MicroProfile Config is not available; buffer options come from elsewhere", e);
            return Optional.empty();
        }
    }
}
