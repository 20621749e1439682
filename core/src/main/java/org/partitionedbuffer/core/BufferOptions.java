package org.partitionedbuffer.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.api.PartitionKey;

/**
 * The validated, immutable options of one buffer. Every value is checked when the options are built, so a buffer never
 * runs with a bad one; a bad value fails with a {@link BufferException} naming the buffer, the option, the value and
 * what is allowed. Runtime changes build a new instance from the old one ({@link #withUpdates}), so a change is
 * all-or-nothing and readers see either the old or the new options, never a mix.
 */
public final class BufferOptions {

    /** The value of {@link #processingBatchSize()} that means {@code table}: one batch with everything drained. */
    public static final int TABLE = 0;

    private final String bufferName;
    /** Every option's typed value, as its {@link BufferOption} reads and writes it; the generic view. */
    private final Map<BufferOption, Object> values;

    // The same values in typed fields, for the engine: the insert path reads them, so no map look-up and no unboxing.
    private final BufferType type;
    private final int partitions;
    private final PartitionKey partitionKey;
    private final ClassNamedRouting namedRouting;
    private final long processingIntervalMs;
    private final long processingTimeoutMs;
    private final int processingBatchSize;
    private final int flushThreshold;
    private final long capacity;
    private final Overflow overflow;
    private final int maxRetries;
    private final long retryBackoffMs;
    private final String deadLetterBuffer;
    private final ExceptionClasses nonRetryable;
    private final boolean transactional;

    private BufferOptions(Builder builder) {
        this.bufferName = builder.bufferName;
        this.values = Collections.unmodifiableMap(new EnumMap<>(builder.values));
        this.type = (BufferType) values.get(BufferOption.BUFFER_TYPE);
        this.partitions = (Integer) values.get(BufferOption.PARTITIONS);
        BufferRouting routing = (BufferRouting) values.get(BufferOption.PARTITION_KEY);
        this.partitionKey = routing.partitionKey();
        this.namedRouting = routing.named();
        this.processingIntervalMs = (Long) values.get(BufferOption.PROCESSING_INTERVAL_MS);
        this.processingTimeoutMs = (Long) values.get(BufferOption.PROCESSING_TIMEOUT_MS);
        this.processingBatchSize = (Integer) values.get(BufferOption.PROCESSING_BATCH_SIZE);
        this.flushThreshold = (Integer) values.get(BufferOption.FLUSH_THRESHOLD);
        this.capacity = (Long) values.get(BufferOption.CAPACITY);
        this.overflow = (Overflow) values.get(BufferOption.OVERFLOW);
        this.maxRetries = (Integer) values.get(BufferOption.MAX_RETRIES);
        this.retryBackoffMs = (Long) values.get(BufferOption.RETRY_BACKOFF_MS);
        this.deadLetterBuffer = (String) values.get(BufferOption.DEAD_LETTER_BUFFER);
        this.nonRetryable = (ExceptionClasses) values.get(BufferOption.NON_RETRYABLE);
        this.transactional = (Boolean) values.get(BufferOption.TRANSACTIONAL);
    }

    /** Options with every default, for the buffer {@code bufferName}, to adjust before {@link Builder#build()}. */
    public static Builder builder(String bufferName) {
        return new Builder(bufferName);
    }

    /** A builder holding these options, to derive others. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * These options with the runtime changes in {@code updates} applied. Every name must be a known option and every
     * value valid; an option that cannot change at runtime is accepted only with its current value.
     *
     * @throws BufferException naming the first problem; nothing changes then
     */
    public BufferOptions withUpdates(Map<String, String> updates) {
        Objects.requireNonNull(updates, "options");
        Builder builder = toBuilder();
        Map<String, String> current = asMap();
        for (Map.Entry<String, String> update : updates.entrySet()) {
            BufferOption option = builder.optionNamed(update.getKey());
            String value = Objects.requireNonNull(update.getValue(), () -> "value of option " + update.getKey());
            String now = current.get(option.key());
            if (!option.runtimeChangeable() && !option.sameText(now, value)) {
                throw new BufferException(String.format(
                        "Buffer '%s': option %s cannot change at runtime (current value %s, requested %s); set it"
                                + " where the buffer is declared (MicroProfile Config or the MDB's activation"
                                + " properties) and redeploy.",
                        bufferName, option.key(), now, value));
            }
            if (option.runtimeChangeable()) { // the others keep their value, and a routing function its instance
                builder.set(option, value);
            }
        }
        return builder.build();
    }

    /** Every option as text, keyed by its name, in the contract's order (the descriptors' declaration order). */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        values.forEach((option, value) -> map.put(option.key(), option.format(value)));
        return map;
    }

    public String bufferName() {
        return bufferName;
    }

    public BufferType type() {
        return type;
    }

    public int partitions() {
        return partitions;
    }

    /** The buffer-level routing rule: {@link PartitionKey#item()} unless {@code partitionKey} names a function. */
    public PartitionKey partitionKey() {
        return partitionKey;
    }

    /** The routing function the {@code partitionKey} option names by its class, if it names one. */
    public Optional<ClassNamedRouting> classNamedRouting() {
        return Optional.ofNullable(namedRouting);
    }

    public long processingIntervalMs() {
        return processingIntervalMs;
    }

    public long processingTimeoutMs() {
        return processingTimeoutMs;
    }

    /** Items per batch, or {@link #TABLE}. */
    public int processingBatchSize() {
        return processingBatchSize;
    }

    public boolean tableMode() {
        return processingBatchSize == TABLE;
    }

    /** Pending items of one partition that trigger its processing at once; 0 when off. */
    public int flushThreshold() {
        return flushThreshold;
    }

    /** Most pending items in the buffer; 0 when unbounded. */
    public long capacity() {
        return capacity;
    }

    public Overflow overflow() {
        return overflow;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public long retryBackoffMs() {
        return retryBackoffMs;
    }

    /** The queue buffer that receives batches that failed every retry, or null. */
    public String deadLetterBuffer() {
        return deadLetterBuffer;
    }

    /** The exception classes whose failures skip the remaining retries. */
    ExceptionClasses nonRetryable() {
        return nonRetryable;
    }

    /** Whether inserts made inside a JTA transaction take effect when it commits (see {@link TransactionSource}). */
    public boolean transactional() {
        return transactional;
    }

    @Override
    public String toString() {
        return "BufferOptions" + asMap();
    }

    /** Collects option values, validating each as it is set, and the combination in {@link #build()}. */
    public static final class Builder {
        private final String bufferName;
        private ClassLoader classLoader;
        private final Map<BufferOption, Object> values = new EnumMap<>(BufferOption.class);

        private Builder(String bufferName) {
            this.bufferName = Objects.requireNonNull(bufferName, "buffer");
            if (bufferName.isBlank()) {
                throw new BufferException("A buffer name must not be blank: give the buffer a name such as 'events'.");
            }
            for (BufferOption option : BufferOption.values()) {
                values.put(option, option.defaultValue());
            }
        }

        private Builder(BufferOptions options) {
            this(options.bufferName);
            values.putAll(options.values);
        }

        /** The class loader that loads a {@code partitionKey} class: the listener application's. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** Sets every option in {@code values} from its text; unknown names and bad values fail. */
        public Builder setAll(Map<String, String> values) {
            values.forEach(this::set);
            return this;
        }

        /** Sets the option called {@code name} from its text value. */
        public Builder set(String name, String value) {
            return set(optionNamed(name), value);
        }

        /** Sets {@code option} from its text value. */
        public Builder set(BufferOption option, String value) {
            Objects.requireNonNull(value, () -> "value of option " + option.key());
            try {
                values.put(option, option.parse(value, classLoaderForClasses()));
            } catch (BufferOption.InvalidValue e) {
                throw invalid(option, value, e.getMessage());
            }
            return this;
        }

        /** The builder's class loader, else the thread's: the application that builds the options. */
        private ClassLoader classLoaderForClasses() {
            return classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
        }

        // Typed setters, for code that builds options; each checks the range the option's text would be held to.

        public Builder type(BufferType type) {
            return typed(BufferOption.BUFFER_TYPE, Objects.requireNonNull(type, "type"));
        }

        public Builder partitions(int partitions) {
            return typed(BufferOption.PARTITIONS, partitions);
        }

        /** A buffer-level routing rule given as code rather than as a class name. */
        public Builder partitionKey(PartitionKey partitionKey) {
            return typed(BufferOption.PARTITION_KEY, BufferRouting.of(partitionKey));
        }

        public Builder processingIntervalMs(long millis) {
            return typed(BufferOption.PROCESSING_INTERVAL_MS, millis);
        }

        public Builder processingTimeoutMs(long millis) {
            return typed(BufferOption.PROCESSING_TIMEOUT_MS, millis);
        }

        public Builder processingBatchSize(int size) {
            return typed(BufferOption.PROCESSING_BATCH_SIZE, size);
        }

        /** One batch per drain holding everything drained ({@code processingBatchSize=table}). */
        public Builder tableMode() {
            values.put(BufferOption.PROCESSING_BATCH_SIZE, TABLE);
            return this;
        }

        public Builder flushThreshold(int items) {
            return typed(BufferOption.FLUSH_THRESHOLD, items);
        }

        public Builder capacity(long items) {
            return typed(BufferOption.CAPACITY, items);
        }

        public Builder overflow(Overflow overflow) {
            return typed(BufferOption.OVERFLOW, Objects.requireNonNull(overflow, "overflow"));
        }

        public Builder maxRetries(int retries) {
            return typed(BufferOption.MAX_RETRIES, retries);
        }

        public Builder retryBackoffMs(long millis) {
            return typed(BufferOption.RETRY_BACKOFF_MS, millis);
        }

        /** The queue buffer that receives what failed every retry; null for none. */
        public Builder deadLetterBuffer(String buffer) {
            return set(BufferOption.DEAD_LETTER_BUFFER, buffer == null ? "" : buffer);
        }

        /** Exception classes (by name) whose failures skip the remaining retries. */
        public Builder nonRetryable(String... classNames) {
            return set(BufferOption.NON_RETRYABLE, String.join(",", classNames));
        }

        public Builder transactional(boolean transactional) {
            return set(BufferOption.TRANSACTIONAL, Boolean.toString(transactional));
        }

        /** Checks the combination of values and returns the options. */
        public BufferOptions build() {
            Object deadLetterBuffer = values.get(BufferOption.DEAD_LETTER_BUFFER);
            if (bufferName.equals(deadLetterBuffer)) {
                throw invalid(BufferOption.DEAD_LETTER_BUFFER, bufferName,
                        "a buffer cannot be its own dead-letter buffer");
            }
            return new BufferOptions(this);
        }

        private Builder typed(BufferOption option, Object value) {
            if (!option.inRange(value)) {
                throw invalid(option, String.valueOf(value), "it is out of range");
            }
            values.put(option, value);
            return this;
        }

        BufferOption optionNamed(String name) {
            Objects.requireNonNull(name, "option name");
            return BufferOption.forKey(name).orElseThrow(() -> new BufferException(String.format(
                    "Buffer '%s': unknown option '%s'%s. Known options: %s.", bufferName, name,
                    BufferOption.forKeyIgnoringCase(name).map(o -> " (did you mean " + o.key() + "?)").orElse(""),
                    BufferOption.allKeys())));
        }

        private BufferException invalid(BufferOption option, String value, String why) {
            return new BufferException(String.format("Buffer '%s': option %s=%s is invalid (%s); allowed: %s.",
                    bufferName, option.key(), value, why, option.allowed()));
        }
    }
}
