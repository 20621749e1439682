package org.partitionedbuffer.core;

/** The {@code partitionKey} option: the name of a routing function's class, empty for the item / map key. */
final class RoutingClassType extends OptionType<BufferRouting> {

    RoutingClassType() {
        super(BufferRouting.class);
    }

    @Override
    BufferRouting parse(String text, ClassLoader classLoader) {
        String className = text.trim();
        return className.isEmpty() ? BufferRouting.ITEM : BufferRouting.byClass(className, classLoader);
    }

    @Override
    String format(BufferRouting value) {
        return value.optionText();
    }

    @Override
    String allowed() {
        return "the name of a public class that implements java.util.function.Function<Object, ?> and has a public"
                + " no-arg constructor (empty for the default: the item, or the map key)";
    }

    /** Class names are case-sensitive. */
    @Override
    boolean sameText(String current, String requested) {
        return current.equals(requested.trim());
    }
}
