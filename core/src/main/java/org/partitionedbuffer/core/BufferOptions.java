package org.partitionedbuffer.core;

import static org.partitionedbuffer.core.BufferOption.lower;
import static org.partitionedbuffer.core.BufferOption.parseInt;
import static org.partitionedbuffer.core.BufferOption.parseLong;

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
    private final BufferType type;
    private final int partitions;
    private final String partitionKeyClass;
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

    private BufferOptions(Builder builder) {
        this.bufferName = builder.bufferName;
        this.type = builder.type;
        this.partitions = builder.partitions;
        this.partitionKeyClass = builder.partitionKeyClass;
        this.partitionKey = builder.partitionKey;
        this.namedRouting = builder.namedRouting;
        this.processingIntervalMs = builder.processingIntervalMs;
        this.processingTimeoutMs = builder.processingTimeoutMs;
        this.processingBatchSize = builder.processingBatchSize;
        this.flushThreshold = builder.flushThreshold;
        this.capacity = builder.capacity;
        this.overflow = builder.overflow;
        this.maxRetries = builder.maxRetries;
        this.retryBackoffMs = builder.retryBackoffMs;
        this.deadLetterBuffer = builder.deadLetterBuffer;
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
            if (!option.runtimeChangeable() && !sameValue(option, current.get(option.key()), value)) {
                throw new BufferException(String.format(
                        "Buffer '%s': option %s cannot change at runtime (current value %s, requested %s); set it"
                                + " where the buffer is declared (MicroProfile Config or the MDB's activation"
                                + " properties) and redeploy.",
                        bufferName, option.key(), current.get(option.key()), value));
            }
            if (option.runtimeChangeable()) { // the others keep their value, and a routing function its instance
                builder.set(option, value);
            }
        }
        return builder.build();
    }

    private static boolean sameValue(BufferOption option, String current, String requested) {
        return option == BufferOption.PARTITION_KEY ? current.equals(requested.trim()) : current.equalsIgnoreCase(
                requested.trim());
    }

    /** Every option as text, keyed by its name, in the contract's order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(BufferOption.BUFFER_TYPE.key(), type.optionValue());
        map.put(BufferOption.PARTITIONS.key(), Integer.toString(partitions));
        map.put(BufferOption.PARTITION_KEY.key(), partitionKeyClass != null ? partitionKeyClass
                : partitionKey.isItem() ? "" : partitionKey.toString());
        map.put(BufferOption.PROCESSING_INTERVAL_MS.key(), Long.toString(processingIntervalMs));
        map.put(BufferOption.PROCESSING_TIMEOUT_MS.key(), Long.toString(processingTimeoutMs));
        map.put(BufferOption.PROCESSING_BATCH_SIZE.key(),
                processingBatchSize == TABLE ? "table" : Integer.toString(processingBatchSize));
        map.put(BufferOption.FLUSH_THRESHOLD.key(), Integer.toString(flushThreshold));
        map.put(BufferOption.CAPACITY.key(), Long.toString(capacity));
        map.put(BufferOption.OVERFLOW.key(), overflow.optionValue());
        map.put(BufferOption.MAX_RETRIES.key(), Integer.toString(maxRetries));
        map.put(BufferOption.RETRY_BACKOFF_MS.key(), Long.toString(retryBackoffMs));
        map.put(BufferOption.DEAD_LETTER_BUFFER.key(), deadLetterBuffer == null ? "" : deadLetterBuffer);
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

    @Override
    public String toString() {
        return "BufferOptions" + asMap();
    }

    /** Collects option values, validating each as it is set, and the combination in {@link #build()}. */
    public static final class Builder {
        private final String bufferName;
        private ClassLoader classLoader;
        private BufferType type = BufferType.QUEUE;
        private int partitions = Runtime.getRuntime().availableProcessors();
        private String partitionKeyClass;
        private PartitionKey partitionKey = PartitionKey.item();
        private ClassNamedRouting namedRouting;
        private long processingIntervalMs = 5000;
        private long processingTimeoutMs = 60000;
        private int processingBatchSize = 10;
        private int flushThreshold;
        private long capacity;
        private Overflow overflow = Overflow.REJECT;
        private int maxRetries = 3;
        private long retryBackoffMs = 1000;
        private String deadLetterBuffer;

        private Builder(String bufferName) {
            this.bufferName = Objects.requireNonNull(bufferName, "buffer");
            if (bufferName.isBlank()) {
                throw new BufferException("A buffer name must not be blank: give the buffer a name such as 'events'.");
            }
        }

        private Builder(BufferOptions options) {
            this(options.bufferName);
            type = options.type;
            partitions = options.partitions;
            partitionKeyClass = options.partitionKeyClass;
            partitionKey = options.partitionKey;
            namedRouting = options.namedRouting;
            processingIntervalMs = options.processingIntervalMs;
            processingTimeoutMs = options.processingTimeoutMs;
            processingBatchSize = options.processingBatchSize;
            flushThreshold = options.flushThreshold;
            capacity = options.capacity;
            overflow = options.overflow;
            maxRetries = options.maxRetries;
            retryBackoffMs = options.retryBackoffMs;
            deadLetterBuffer = options.deadLetterBuffer;
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
                apply(option, value);
            } catch (BufferOption.InvalidValue e) {
                throw invalid(option, value, e.getMessage());
            }
            return this;
        }

        private void apply(BufferOption option, String value) {
            switch (option) {
                case BUFFER_TYPE -> type = parseType(value);
                case PARTITIONS -> partitions = parseInt(value, 1);
                case PARTITION_KEY -> setPartitionKeyClass(value.trim());
                case PROCESSING_INTERVAL_MS -> processingIntervalMs = parseLong(value, 1);
                case PROCESSING_TIMEOUT_MS -> processingTimeoutMs = parseLong(value, 1);
                case PROCESSING_BATCH_SIZE -> processingBatchSize =
                        lower(value).equals("table") ? TABLE : parseInt(value, 1);
                case FLUSH_THRESHOLD -> flushThreshold = parseInt(value, 0);
                case CAPACITY -> capacity = parseLong(value, 0);
                case OVERFLOW -> overflow = parseOverflow(value);
                case MAX_RETRIES -> maxRetries = parseInt(value, 0);
                case RETRY_BACKOFF_MS -> retryBackoffMs = parseLong(value, 0);
                case DEAD_LETTER_BUFFER -> deadLetterBuffer = value.isBlank() ? null : value.trim();
            }
        }

        public Builder type(BufferType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        public Builder partitions(int partitions) {
            return checked(BufferOption.PARTITIONS, partitions, partitions >= 1, () -> this.partitions = partitions);
        }

        /** A buffer-level routing rule given as code rather than as a class name. */
        public Builder partitionKey(PartitionKey partitionKey) {
            this.partitionKey = Objects.requireNonNull(partitionKey, "partitionKey");
            this.partitionKeyClass = null;
            this.namedRouting = null;
            return this;
        }

        public Builder processingIntervalMs(long millis) {
            return checked(BufferOption.PROCESSING_INTERVAL_MS, millis, millis >= 1,
                    () -> processingIntervalMs = millis);
        }

        public Builder processingTimeoutMs(long millis) {
            return checked(BufferOption.PROCESSING_TIMEOUT_MS, millis, millis >= 1,
                    () -> processingTimeoutMs = millis);
        }

        public Builder processingBatchSize(int size) {
            return checked(BufferOption.PROCESSING_BATCH_SIZE, size, size >= 1, () -> processingBatchSize = size);
        }

        /** One batch per drain holding everything drained ({@code processingBatchSize=table}). */
        public Builder tableMode() {
            processingBatchSize = TABLE;
            return this;
        }

        public Builder flushThreshold(int items) {
            return checked(BufferOption.FLUSH_THRESHOLD, items, items >= 0, () -> flushThreshold = items);
        }

        public Builder capacity(long items) {
            return checked(BufferOption.CAPACITY, items, items >= 0, () -> capacity = items);
        }

        public Builder overflow(Overflow overflow) {
            this.overflow = Objects.requireNonNull(overflow, "overflow");
            return this;
        }

        public Builder maxRetries(int retries) {
            return checked(BufferOption.MAX_RETRIES, retries, retries >= 0, () -> maxRetries = retries);
        }

        public Builder retryBackoffMs(long millis) {
            return checked(BufferOption.RETRY_BACKOFF_MS, millis, millis >= 0, () -> retryBackoffMs = millis);
        }

        /** The queue buffer that receives what failed every retry; null for none. */
        public Builder deadLetterBuffer(String buffer) {
            this.deadLetterBuffer = buffer == null || buffer.isBlank() ? null : buffer.trim();
            return this;
        }

        /** Checks the combination of values and returns the options. */
        public BufferOptions build() {
            if (bufferName.equals(deadLetterBuffer)) {
                throw invalid(BufferOption.DEAD_LETTER_BUFFER, deadLetterBuffer,
                        "a buffer cannot be its own dead-letter buffer");
            }
            return new BufferOptions(this);
        }

        private Builder checked(BufferOption option, long value, boolean valid, Runnable assign) {
            if (!valid) {
                throw invalid(option, Long.toString(value), "it is out of range");
            }
            assign.run();
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

        private static BufferType parseType(String value) {
            return switch (lower(value)) {
                case "queue" -> BufferType.QUEUE;
                case "map" -> BufferType.MAP;
                default -> throw new BufferOption.InvalidValue("there is no such buffer type");
            };
        }

        private static Overflow parseOverflow(String value) {
            return switch (lower(value)) {
                case "reject" -> Overflow.REJECT;
                case "block" -> Overflow.BLOCK;
                default -> throw new BufferOption.InvalidValue("there is no such overflow policy");
            };
        }

        private void setPartitionKeyClass(String className) {
            if (className.isEmpty()) {
                partitionKeyClass = null;
                partitionKey = PartitionKey.item();
                namedRouting = null;
                return;
            }
            ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
            namedRouting = new ClassNamedRouting(className, loader);
            partitionKey = PartitionKey.by(namedRouting);
            partitionKeyClass = className;
        }
    }
}
