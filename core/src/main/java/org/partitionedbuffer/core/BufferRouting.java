package org.partitionedbuffer.core;

import java.util.Objects;
import org.partitionedbuffer.api.PartitionKey;

/**
 * The value of the {@code partitionKey} option: the buffer-level routing rule, and the class name it was given by when
 * it was given as text. The rule of a class name is the {@link ClassNamedRouting} it was checked with, kept as it is
 * for the buffer's life (a runtime update does not set the option again).
 *
 * @param className    the option's text; null when the rule was given as code or is the default
 * @param partitionKey the rule
 * @param named        the function {@code className} names; null without a class name
 */
record BufferRouting(String className, PartitionKey partitionKey, ClassNamedRouting named) {

    /** The default: route by the item, or the map key. */
    static final BufferRouting ITEM = new BufferRouting(null, PartitionKey.item(), null);

    BufferRouting {
        Objects.requireNonNull(partitionKey, "partitionKey");
    }

    /** A rule given as code, which has no text to show but its own description. */
    static BufferRouting of(PartitionKey partitionKey) {
        return new BufferRouting(null, Objects.requireNonNull(partitionKey, "partitionKey"), null);
    }

    /**
     * The function {@code className} names, checked by loading and instantiating it with {@code classLoader}.
     *
     * @throws BufferOption.InvalidValue when that fails
     */
    static BufferRouting byClass(String className, ClassLoader classLoader) {
        ClassNamedRouting named = new ClassNamedRouting(className, classLoader);
        return new BufferRouting(className, PartitionKey.by(named), named);
    }

    /** The option's text: the class name, empty for the default, else the rule's description. */
    String optionText() {
        return className != null ? className : partitionKey.isItem() ? "" : partitionKey.toString();
    }
}
