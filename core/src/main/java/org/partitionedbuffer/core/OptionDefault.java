package org.partitionedbuffer.core;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The value an option has when nothing sets it, and how the documentation states it.
 *
 * @param value   gives the default; asked for each new builder, so a default that depends on the machine can
 * @param inWords the default as the README's option table states it; null when it is the option's text
 */
record OptionDefault<T>(Supplier<T> value, String inWords) {

    OptionDefault {
        Objects.requireNonNull(value, "value");
    }

    /** A fixed default, documented as it is written. */
    static <T> OptionDefault<T> byDefault(T value) {
        return new OptionDefault<>(() -> value, null);
    }

    /** A fixed default whose text says little ({@code ""}), documented in words: {@code none}. */
    static <T> OptionDefault<T> byDefault(T value, String inWords) {
        return new OptionDefault<>(() -> value, Objects.requireNonNull(inWords, "inWords"));
    }

    /** A default worked out for each new buffer, documented in words: {@code available processors}. */
    static <T> OptionDefault<T> computed(Supplier<T> value, String inWords) {
        return new OptionDefault<>(value, Objects.requireNonNull(inWords, "inWords"));
    }
}
