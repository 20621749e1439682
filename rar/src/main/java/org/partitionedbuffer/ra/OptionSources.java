package org.partitionedbuffer.ra;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.core.BufferOption;
import org.partitionedbuffer.core.BufferOptions;

/**
 * Resolves a buffer's options from where users set them, strongest first: MicroProfile Config
 * ({@code partitionedbuffer.<buffer>.<option>}), the MDB's activation properties, the resource adapter's
 * {@code default<Option>} config properties, then the engine's defaults. An invalid value fails with a message that
 * also says where the value came from, so the user knows what to fix.
 */
final class OptionSources {

    /** The MicroProfile Config key of an option of a buffer. */
    static String configKey(String buffer, BufferOption option) {
        return "partitionedbuffer." + buffer + "." + option.key();
    }

    /** The resource adapter config property that gives an option's default: {@code defaultProcessingIntervalMs}. */
    static String adapterPropertyName(BufferOption option) {
        return "default" + Character.toUpperCase(option.key().charAt(0)) + option.key().substring(1);
    }

    private OptionSources() {
    }

    /**
     * @param microProfileConfig  looks up a MicroProfile Config key (empty when unset)
     * @param activationProperties options given as MDB activation properties (absent: not set)
     * @param adapterDefaults     the resource adapter's defaults, by option name (absent or blank: not set)
     * @param classLoader         loads a {@code partitionKey} class: the listener application's
     */
    static BufferOptions resolve(String buffer, Function<String, Optional<String>> microProfileConfig,
                                 Map<String, String> activationProperties, Map<String, String> adapterDefaults,
                                 ClassLoader classLoader) {
        BufferOptions.Builder builder = BufferOptions.builder(buffer).classLoader(classLoader);
        for (BufferOption option : BufferOption.values()) {
            String key = configKey(buffer, option);
            Optional<String> fromConfig = microProfileConfig.apply(key);
            if (fromConfig.isPresent()) {
                set(builder, option, fromConfig.get(), "MicroProfile Config property " + key);
            } else if (activationProperties.get(option.key()) != null) {
                set(builder, option, activationProperties.get(option.key()),
                        "activation config property " + option.key());
            } else if (hasText(adapterDefaults.get(option.key()))) {
                set(builder, option, adapterDefaults.get(option.key()),
                        "resource adapter config property " + adapterPropertyName(option));
            }
        }
        return builder.build();
    }

    private static void set(BufferOptions.Builder builder, BufferOption option, String value, String source) {
        try {
            builder.set(option, value);
        } catch (BufferException e) {
            throw new BufferException(e.getMessage() + " The value comes from the " + source + ".", e);
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
