package org.partitionedbuffer.core;

/** An option that is on or off: {@code true} or {@code false}, in any case. */
final class BooleanType extends OptionType<Boolean> {

    BooleanType() {
        super(Boolean.class);
    }

    @Override
    Boolean parse(String text, ClassLoader classLoader) {
        return switch (lower(text)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new BufferOption.InvalidValue("it is neither true nor false");
        };
    }

    @Override
    String format(Boolean value) {
        return value.toString();
    }

    @Override
    String allowed() {
        return "true or false";
    }
}
