package org.partitionedbuffer.core;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** An option that names one constant of an enum by its word ({@code queue}, {@code block}), in any case. */
final class ChoiceType<E extends Enum<E>> extends OptionType<E> {

    private final Function<E, String> word;
    /** What a constant is, for the refusal: {@code buffer type} gives "there is no such buffer type". */
    private final String noun;

    ChoiceType(Class<E> type, Function<E, String> word, String noun) {
        super(type);
        this.word = word;
        this.noun = noun;
    }

    @Override
    E parse(String text, ClassLoader classLoader) {
        String wanted = lower(text);
        return constants().stream().filter(constant -> word.apply(constant).equals(wanted)).findFirst()
                .orElseThrow(() -> new BufferOption.InvalidValue("there is no such " + noun));
    }

    @Override
    String format(E value) {
        return word.apply(value);
    }

    /** The words, the last after "or": {@code queue or map}. */
    @Override
    String allowed() {
        List<String> words = constants().stream().map(word).toList();
        String allButLast = String.join(", ", words.subList(0, words.size() - 1));
        return allButLast + " or " + words.get(words.size() - 1);
    }

    private List<E> constants() {
        return Arrays.asList(type().getEnumConstants());
    }
}
