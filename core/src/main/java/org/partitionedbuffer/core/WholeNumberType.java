package org.partitionedbuffer.core;

import java.util.function.LongFunction;

/**
 * An integer option with a lower bound, kept as an {@code int} or a {@code long}; optionally also a word that stands
 * for one value ({@code table} for the batch size).
 */
final class WholeNumberType<T extends Number> extends OptionType<T> {

    private final long min;
    private final long max;
    private final LongFunction<T> box;
    /** What the number means, for {@link #allowed()}: {@code milliseconds}; null for nothing. */
    private final String note;
    /** A word accepted instead of a number, and the value it stands for; both null for none. */
    private final String word;
    private final T wordValue;

    private WholeNumberType(Class<T> type, long min, long max, LongFunction<T> box, String note, String word,
                             T wordValue) {
        super(type);
        this.min = min;
        this.max = max;
        this.box = box;
        this.note = note;
        this.word = word;
        this.wordValue = wordValue;
    }

    /** An {@code int} of at least {@code min}. */
    static WholeNumberType<Integer> anInt(int min) {
        return new WholeNumberType<>(Integer.class, min, Integer.MAX_VALUE, value -> (int) value, null, null, null);
    }

    /** A {@code long} of at least {@code min}. */
    static WholeNumberType<Long> aLong(long min) {
        return new WholeNumberType<>(Long.class, min, Long.MAX_VALUE, Long::valueOf, null, null, null);
    }

    /** The same numbers, described with what they mean: {@code an integer >= 1 (milliseconds)}. */
    WholeNumberType<T> meaning(String note) {
        return new WholeNumberType<>(type(), min, max, box, note, word, wordValue);
    }

    /** The same numbers, and {@code word} (in any case) standing for {@code value}. */
    WholeNumberType<T> orWord(String word, T value) {
        return new WholeNumberType<>(type(), min, max, box, note, word, value);
    }

    @Override
    T parse(String text, ClassLoader classLoader) {
        if (word != null && lower(text).equals(word)) {
            return wordValue;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new BufferOption.InvalidValue("it is not an integer");
        }
        if (value < min) {
            throw new BufferOption.InvalidValue("it is less than " + min);
        }
        if (value > max) {
            throw new BufferOption.InvalidValue("it is larger than " + max);
        }
        return box.apply(value);
    }

    @Override
    String format(T value) {
        return word != null && wordValue.equals(value) ? word : value.toString();
    }

    @Override
    String allowed() {
        return "an integer >= " + min + (note == null ? "" : " (" + note + ")") + (word == null ? "" : ", or " + word);
    }

    /** The word's value is not in range: it is set by its own builder method ({@code tableMode()}). */
    @Override
    boolean inRange(T value) {
        return value.longValue() >= min;
    }
}
