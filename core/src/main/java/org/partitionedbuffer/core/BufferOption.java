package org.partitionedbuffer.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The options of a buffer, by their contract names, with what each accepts and whether it can change at runtime.
 * Parsing turns a text value (from MicroProfile Config, an activation property, a JMX attribute) into a typed value,
 * or fails with {@link InvalidValue} describing what is allowed.
 */
public enum BufferOption {
    BUFFER_TYPE("bufferType", false, "queue or map"),
    PARTITIONS("partitions", false, "an integer >= 1"),
    PARTITION_KEY("partitionKey", false,
            "the name of a public class that implements java.util.function.Function<Object, ?> and has a public"
                    + " no-arg constructor (empty for the default: the item, or the map key)"),
    PROCESSING_INTERVAL_MS("processingIntervalMs", true, "an integer >= 1 (milliseconds)"),
    PROCESSING_TIMEOUT_MS("processingTimeoutMs", true, "an integer >= 1 (milliseconds)"),
    PROCESSING_BATCH_SIZE("processingBatchSize", true, "an integer >= 1, or table"),
    FLUSH_THRESHOLD("flushThreshold", true, "an integer >= 0 (0 turns it off)"),
    CAPACITY("capacity", true, "an integer >= 0 (0 means unbounded)"),
    OVERFLOW("overflow", true, "reject or block"),
    MAX_RETRIES("maxRetries", true, "an integer >= 0"),
    RETRY_BACKOFF_MS("retryBackoffMs", true, "an integer >= 0 (milliseconds)"),
    DEAD_LETTER_BUFFER("deadLetterBuffer", true,
            "the name of a queue buffer other than this one (empty for none)");

    private final String key;
    private final boolean runtimeChangeable;
    private final String allowed;

    BufferOption(String key, boolean runtimeChangeable, String allowed) {
        this.key = key;
        this.runtimeChangeable = runtimeChangeable;
        this.allowed = allowed;
    }

    /** The option's name as users write it: {@code processingIntervalMs}. */
    public String key() {
        return key;
    }

    /** Whether {@code updateOptions} and JMX may change it on a running buffer. */
    public boolean runtimeChangeable() {
        return runtimeChangeable;
    }

    /** What values the option accepts, in words, for error messages and documentation. */
    public String allowed() {
        return allowed;
    }

    /** The option called {@code key}, matched exactly. */
    public static Optional<BufferOption> forKey(String key) {
        return Arrays.stream(values()).filter(option -> option.key.equals(key)).findFirst();
    }

    /** The option whose name differs from {@code key} only in case, to suggest a fix for a typo. */
    static Optional<BufferOption> forKeyIgnoringCase(String key) {
        return Arrays.stream(values()).filter(option -> option.key.equalsIgnoreCase(key)).findFirst();
    }

    /** Every option name, for messages. */
    static String allKeys() {
        return String.join(", ", Arrays.stream(values()).map(BufferOption::key).toList());
    }

    /** A text value that does not fit an option; the caller adds which buffer it was for. */
    static final class InvalidValue extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidValue(String detail) {
            super(detail);
        }
    }

    static int parseInt(String raw, int min) {
        long value = parseLong(raw, min);
        if (value > Integer.MAX_VALUE) {
            throw new InvalidValue("it is larger than " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    static long parseLong(String raw, long min) {
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidValue("it is not an integer");
        }
        if (value < min) {
            throw new InvalidValue("it is less than " + min);
        }
        return value;
    }

    static String lower(String raw) {
        return raw.trim().toLowerCase(Locale.ROOT);
    }
}
