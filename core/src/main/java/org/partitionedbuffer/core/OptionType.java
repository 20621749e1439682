package org.partitionedbuffer.core;

import java.util.Locale;

/**
 * The values one buffer option takes: how its text (from MicroProfile Config, an activation property, a JMX
 * attribute) is read and how {@link BufferOptions#asMap()} writes it back, what is allowed in words, and whether a
 * value set through a typed builder method is in range. Each {@link BufferOption} holds one; the option's key, its
 * runtime changeability and its default live there.
 *
 * @param <T> the type the value is kept as; {@link BufferOptions} copies it into a typed field for the engine
 */
abstract class OptionType<T> {

    private final Class<T> type;

    OptionType(Class<T> type) {
        this.type = type;
    }

    /**
     * The value {@code text} stands for.
     *
     * @param classLoader loads classes the text names (only {@code partitionKey} names one)
     * @throws BufferOption.InvalidValue saying why the text does not fit; the caller names the buffer and option
     */
    abstract T parse(String text, ClassLoader classLoader);

    /** The value as users write it; parsing it gives the value back. */
    abstract String format(T value);

    /** What the option accepts, in words, for error messages and documentation. */
    abstract String allowed();

    /** Whether a value given typed, by a builder method, is in range; only numbers have a range. */
    boolean inRange(T value) {
        return true;
    }

    /**
     * Whether {@code requested} names the value written {@code current}, to accept an option that cannot change at
     * runtime in an update that repeats its value. Words match in any case, as they are parsed.
     */
    boolean sameText(String current, String requested) {
        return current.equalsIgnoreCase(requested.trim());
    }

    final Class<T> type() {
        return type;
    }

    /** {@code value} as this option's type: a wrong type is a mistake in the engine, not in what users wrote. */
    final T cast(Object value) {
        return type.cast(value);
    }

    /** Text as words are compared: trimmed, in lower case. */
    static String lower(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }
}
