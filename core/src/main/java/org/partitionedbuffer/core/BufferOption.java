package org.partitionedbuffer.core;

import static org.partitionedbuffer.core.BufferOption.Change.FIXED;
import static org.partitionedbuffer.core.BufferOption.Change.RUNTIME;
import static org.partitionedbuffer.core.OptionDefault.byDefault;
import static org.partitionedbuffer.core.OptionDefault.computed;
import static org.partitionedbuffer.core.WholeNumberType.aLong;
import static org.partitionedbuffer.core.WholeNumberType.anInt;

import java.util.Arrays;
import java.util.Optional;
import org.partitionedbuffer.api.BufferType;

/**
 * The options of a buffer, one descriptor each: its contract name, whether it can change at runtime, its
 * {@linkplain OptionType type} (how its text is parsed and written, what it accepts) and its default. Everything
 * generic about options is driven from here: {@link BufferOptions.Builder#set(BufferOption, String) parsing} and
 * validation, the defaults of a new builder, which options {@link BufferOptions#withUpdates updates} may change, and
 * {@link BufferOptions#asMap()}. The declaration order is the contract's order, the order of {@code asMap()}.
 *
 * <p>To add an option:
 * <ol>
 *   <li>a constant here, with its key, {@link Change}, type and default;</li>
 *   <li>the JavaBean pairs that containers find by reflection: {@code getX}/{@code setX} in
 *       {@code BufferActivationSpec}, {@code getDefaultX}/{@code setDefaultX} (with {@code @ConfigProperty}) in
 *       {@code PartitionedBufferResourceAdapter}, and for a {@link Change#RUNTIME} option the read-write attribute in
 *       {@code BufferMBean}/{@code BufferAdmin};</li>
 *   <li>its row in the README's option table, with the default as {@link #defaultInWords()} states it;</li>
 *   <li>if the engine reads it, a typed field and accessor in {@link BufferOptions} (and a typed builder method if
 *       code sets it), so the hot path reads a plain field.</li>
 * </ol>
 * Tests fail, naming the option, while a pair or the README row is missing ({@code OptionPropertiesTest} in the
 * adapter, {@code ReadmeOptionTableTest} here).
 */
public enum BufferOption {
    BUFFER_TYPE("bufferType", FIXED,
            new ChoiceType<>(BufferType.class, BufferType::optionValue, "buffer type"), byDefault(BufferType.QUEUE)),
    PARTITIONS("partitions", FIXED,
            anInt(1), computed(BufferOption::availableProcessors, "available processors")),
    PARTITION_KEY("partitionKey", FIXED,
            new RoutingClassType(), byDefault(BufferRouting.ITEM, "the item / map key")),
    PROCESSING_INTERVAL_MS("processingIntervalMs", RUNTIME,
            aLong(1).meaning("milliseconds"), byDefault(5000L)),
    PROCESSING_TIMEOUT_MS("processingTimeoutMs", RUNTIME,
            aLong(1).meaning("milliseconds"), byDefault(60000L)),
    PROCESSING_BATCH_SIZE("processingBatchSize", RUNTIME,
            anInt(1).orWord("table", BufferOptions.TABLE), byDefault(10)),
    FLUSH_THRESHOLD("flushThreshold", RUNTIME,
            anInt(0).meaning("0 turns it off"), byDefault(0)),
    CAPACITY("capacity", RUNTIME,
            aLong(0).meaning("0 means unbounded"), byDefault(0L)),
    OVERFLOW("overflow", RUNTIME,
            new ChoiceType<>(Overflow.class, Overflow::optionValue, "overflow policy"), byDefault(Overflow.REJECT)),
    MAX_RETRIES("maxRetries", RUNTIME,
            anInt(0), byDefault(3)),
    RETRY_BACKOFF_MS("retryBackoffMs", RUNTIME,
            aLong(0).meaning("milliseconds"), byDefault(1000L)),
    DEAD_LETTER_BUFFER("deadLetterBuffer", RUNTIME,
            new BufferNameType("the name of a queue buffer other than this one"), byDefault(null, "none")),
    NON_RETRYABLE("nonRetryable", RUNTIME,
            new ExceptionClassesType(), byDefault(ExceptionClasses.NONE, "none")),
    TRANSACTIONAL("transactional", RUNTIME,
            new BooleanType(), byDefault(Boolean.TRUE));

    /** When an option can change. */
    enum Change {
        /** Only where the buffer is declared: it shapes the buffer (its type, partitions, routing). */
        FIXED,
        /** Also on a running buffer, through {@code updateOptions} and JMX. */
        RUNTIME
    }

    private final String key;
    private final Change change;
    private final OptionType<?> type;
    private final OptionDefault<?> byDefault;

    <T> BufferOption(String key, Change change, OptionType<T> type, OptionDefault<T> byDefault) {
        this.key = key;
        this.change = change;
        this.type = type;
        this.byDefault = byDefault;
    }

    /** The option's name as users write it: {@code processingIntervalMs}. */
    public String key() {
        return key;
    }

    /** Whether {@code updateOptions} and JMX may change it on a running buffer. */
    public boolean runtimeChangeable() {
        return change == RUNTIME;
    }

    /** What values the option accepts, in words, for error messages and documentation. */
    public String allowed() {
        return type.allowed();
    }

    /** The default as {@link BufferOptions#asMap()} writes it (for {@code partitions}: this machine's processors). */
    public String defaultText() {
        return format(defaultValue());
    }

    /** The default as the documentation states it: {@code 5000}, {@code available processors}, {@code none}. */
    public String defaultInWords() {
        return byDefault.inWords() != null ? byDefault.inWords() : defaultText();
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

    /** The typed value of a new builder. */
    Object defaultValue() {
        return byDefault.value().get();
    }

    /**
     * The typed value {@code text} stands for.
     *
     * @param classLoader loads a class the text names
     * @throws InvalidValue saying why it does not fit
     */
    Object parse(String text, ClassLoader classLoader) {
        return type.parse(text, classLoader);
    }

    /** A typed value as users write it. */
    String format(Object value) {
        return format(type, value);
    }

    /** Whether a typed value, as a builder method gives it, is in range. */
    boolean inRange(Object value) {
        return inRange(type, value);
    }

    /** Whether the text {@code requested} names the value written {@code current}. */
    boolean sameText(String current, String requested) {
        return type.sameText(current, requested);
    }

    private static <T> String format(OptionType<T> type, Object value) {
        return type.format(type.cast(value));
    }

    private static <T> boolean inRange(OptionType<T> type, Object value) {
        return type.inRange(type.cast(value));
    }

    private static int availableProcessors() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** A text value that does not fit an option; the caller adds which buffer it was for. */
    static final class InvalidValue extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidValue(String detail) {
            super(detail);
        }
    }
}
