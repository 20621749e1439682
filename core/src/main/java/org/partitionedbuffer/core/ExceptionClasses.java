package org.partitionedbuffer.core;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Exception classes named by their names (the {@code nonRetryable} option): a failure matches when it, or any cause in
 * its chain (so container wrappers such as {@code EJBException} or {@code InvocationTargetException} are looked
 * through), is an instance of one of them or of a subclass. Matched by name along each class's superclasses, so no
 * class is loaded, and an application's exception class matches whichever class loader defined it.
 */
final class ExceptionClasses {

    /** No class: nothing matches. */
    static final ExceptionClasses NONE = new ExceptionClasses(Set.of());

    private final Set<String> names;

    private ExceptionClasses(Set<String> names) {
        this.names = names;
    }

    /** The classes of a comma-separated list of names; blanks around names are ignored. */
    static ExceptionClasses parse(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            String trimmed = name.trim();
            if (!trimmed.isEmpty()) {
                if (!isClassName(trimmed)) {
                    throw new BufferOption.InvalidValue("'" + trimmed + "' is not a class name");
                }
                names.add(trimmed);
            }
        }
        return names.isEmpty() ? NONE : new ExceptionClasses(Collections.unmodifiableSet(names));
    }

    private static boolean isClassName(String name) {
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))
                    || !part.chars().skip(1).allMatch(Character::isJavaIdentifierPart)) {
                return false;
            }
        }
        return true;
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** Whether {@code failure} or a cause in its chain is one of the classes, or of a subclass. */
    boolean matches(Throwable failure) {
        if (names.isEmpty()) {
            return false;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            for (Class<?> type = current.getClass(); type != null; type = type.getSuperclass()) {
                if (names.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The option's text: the names, comma-separated. */
    String text() {
        return String.join(",", names);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExceptionClasses that && names.equals(that.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return names.isEmpty() ? "none" : text();
    }
}
