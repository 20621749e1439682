package org.partitionedbuffer.core;

/** An option that names exception classes: comma-separated class names, empty for none. */
final class ExceptionClassesType extends OptionType<ExceptionClasses> {

    ExceptionClassesType() {
        super(ExceptionClasses.class);
    }

    @Override
    ExceptionClasses parse(String text, ClassLoader classLoader) {
        return ExceptionClasses.parse(text);
    }

    @Override
    String format(ExceptionClasses value) {
        return value.text();
    }

    @Override
    String allowed() {
        return "comma-separated exception class names (empty for none)";
    }

    @Override
    boolean sameText(String current, String requested) {
        return current.equals(ExceptionClasses.parse(requested).text());
    }
}
