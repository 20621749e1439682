package org.partitionedbuffer.ra.inbound;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.Collection;
import java.util.Map;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.core.ItemNotCarriedException;

/**
 * Hands items to an application as instances of classes it sees. An item pushed by another application, or by an
 * earlier deployment of this one, is an instance of a class from another class loader: casting it to the
 * application's class of the same name fails. Such an item is copied through serialization into the application's
 * class loader, on the delivery thread and only when needed; items of JDK classes, and of classes the application
 * itself resolves to the same class (its own, a shared library's), are handed over as they are.
 */
final class ApplicationItems {

    /** How deep JDK containers (lists, maps, arrays, map entries) are searched for items of foreign classes. */
    private static final int CONTAINER_DEPTH = 3;

    private static final Map<String, Class<?>> PRIMITIVES = Map.of("boolean", boolean.class, "byte", byte.class,
            "char", char.class, "short", short.class, "int", int.class, "long", long.class, "float", float.class,
            "double", double.class, "void", void.class);

    private final ClassLoader application;
    private final String beanName;
    /** Whether the application resolves a class to itself; kept in each class, so no class loader is pinned here. */
    private final ClassValue<Boolean> usable = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return resolvesToItself(type);
        }
    };

    ApplicationItems(ClassLoader application, String beanName) {
        this.application = application;
        this.beanName = beanName;
    }

    /** {@code item} as the application can use it: itself, or a copy made through its class loader. */
    Object carry(Object item) throws ItemNotCarriedException {
        if (usableAsIs(item, 0)) {
            return item;
        }
        if (item instanceof BufferEntry entry) { // the API's own type: copy what it holds
            return new BufferEntry(carry(entry.key()), entry.value() == null ? null : carry(entry.value()),
                    entry.version(), entry.updates());
        }
        return copy(item);
    }

    private boolean usableAsIs(Object item, int depth) {
        Class<?> type = item.getClass();
        if (!usable.get(type)) {
            return false;
        }
        boolean container = type.getClassLoader() == null || item instanceof BufferEntry;
        if (!container || depth == CONTAINER_DEPTH) {
            return true; // an application or library class resolves its fields' classes through its own loader
        }
        if (item instanceof BufferEntry entry) {
            return usableAsIs(entry.key(), depth + 1) && (entry.value() == null || usableAsIs(entry.value(), depth + 1));
        }
        if (item instanceof Collection<?> elements) {
            return allUsable(elements, depth);
        }
        if (item instanceof Map<?, ?> entries) {
            return allUsable(entries.keySet(), depth) && allUsable(entries.values(), depth);
        }
        if (item instanceof Object[] array) {
            return allUsable(java.util.Arrays.asList(array), depth);
        }
        return true;
    }

    private boolean allUsable(Collection<?> elements, int depth) {
        for (Object element : elements) {
            if (element != null && !usableAsIs(element, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private boolean resolvesToItself(Class<?> type) {
        ClassLoader owner = type.getClassLoader();
        if (owner == null || owner == application) {
            return true;
        }
        try {
            return Class.forName(type.getName(), false, application) == type;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private Object copy(Object item) throws ItemNotCarriedException {
        String type = item.getClass().getName();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(item);
        } catch (NotSerializableException e) {
            throw refused(type, "it (or " + e.getMessage() + " in it) is not Serializable, so it cannot be copied"
                    + " into the bean's application; make it Serializable, or push JDK types or classes of a library"
                    + " both applications share", e);
        } catch (IOException | RuntimeException e) {
            throw refused(type, "it could not be serialized (" + e + ")", e);
        }
        try (ObjectInputStream in = new ThroughApplication(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw refused(type, "the bean's application has no class " + e.getMessage() + "; package the item's"
                    + " classes in the listening application too, or push JDK types", e);
        } catch (InvalidClassException e) {
            throw refused(type, "the bean's application has an incompatible version of it (" + e.getMessage()
                    + "); keep a stable serialVersionUID across deployments", e);
        } catch (IOException | RuntimeException e) {
            throw refused(type, "its copy could not be read in the bean's application (" + e + ")", e);
        }
    }

    private ItemNotCarriedException refused(String type, String why, Throwable cause) {
        return new ItemNotCarriedException("an item of class " + type + " comes from another class loader than "
                + beanName + "'s (another application, or an undeployed deployment) and " + why, cause);
    }

    /** Reads classes through the application's class loader. */
    private final class ThroughApplication extends ObjectInputStream {
        ThroughApplication(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, application);
            } catch (ClassNotFoundException e) {
                Class<?> primitive = PRIMITIVES.get(description.getName()); // int.class and the like, as values
                if (primitive == null) {
                    throw e;
                }
                return primitive;
            }
        }
    }
}
