package org.partitionedbuffer.core;

/** An option naming another buffer, or none when empty; kept trimmed, none as null. */
final class BufferNameType extends OptionType<String> {

    /** Which buffer may be named: {@code the name of a queue buffer other than this one}. */
    private final String which;

    BufferNameType(String which) {
        super(String.class);
        this.which = which;
    }

    @Override
    String parse(String text, ClassLoader classLoader) {
        return text.isBlank() ? null : text.trim();
    }

    @Override
    String format(String value) {
        return value == null ? "" : value;
    }

    @Override
    String allowed() {
        return which + " (empty for none)";
    }

    /** Buffer names are case-sensitive. */
    @Override
    boolean sameText(String current, String requested) {
        return current.equals(requested.trim());
    }
}
