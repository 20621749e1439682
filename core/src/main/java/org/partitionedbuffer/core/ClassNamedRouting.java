package org.partitionedbuffer.core;

import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import java.util.function.Function;

/**
 * The routing function a buffer's {@code partitionKey} option names, instantiated from the class loader of what is
 * inserted rather than once for the buffer's life. In a server every application has its own class loader, and a
 * redeployed application a new one: a function kept from the deployment that declared the buffer would cast the new
 * deployment's items to the old deployment's classes (a {@code ClassCastException} between two classes of the same
 * name) and would keep the undeployed application's class loader alive.
 *
 * <p>For an object it routes, the function comes from, in order: the class loader of the object's class (the thread's
 * context class loader for JDK types), the thread's context class loader, and the class loader the option was last
 * given with (the listening application's). Each instance is kept only weakly, so no application's function or class
 * loader outlives its use; after a garbage collection the next insert instantiates the function again (one class
 * look-up and constructor call, about a microsecond).
 */
public final class ClassNamedRouting implements Function<Object, Object> {

    private static final WeakReference<Resolved> NONE = new WeakReference<>(null);

    private final String className;
    /** The listening application's class loader, last given at creation or attach; weak, as it may be undeployed. */
    private volatile WeakReference<ClassLoader> fallback;
    /** The function last used and the class loader it was resolved for; replaced whole, readers use one snapshot. */
    private volatile WeakReference<Resolved> last = NONE;

    private record Resolved(ClassLoader key, Function<Object, ?> function) {
    }

    /**
     * @param className the {@code partitionKey} value
     * @param loader    the class loader to check the class with now and to fall back on later
     * @throws BufferOption.InvalidValue when {@code loader} cannot load and instantiate the class as a function
     */
    ClassNamedRouting(String className, ClassLoader loader) {
        this.className = Objects.requireNonNull(className, "className");
        this.fallback = new WeakReference<>(loader);
        Function<Object, ?> checked = instantiate(className, loader);
        this.last = new WeakReference<>(new Resolved(loader, checked));
    }

    /** The class name the option gave. */
    public String className() {
        return className;
    }

    /**
     * Makes {@code loader} the one to fall back on (a new listening application: a redeployment); the previous one is
     * no longer used.
     */
    public void fallBackOn(ClassLoader loader) {
        fallback = new WeakReference<>(loader);
        last = NONE;
    }

    @Override
    public Object apply(Object object) {
        ClassLoader key = keyOf(object);
        Resolved resolved = last.get();
        if (resolved == null || resolved.key != key) {
            resolved = new Resolved(key, resolve(key));
            last = new WeakReference<>(resolved);
        }
        return resolved.function.apply(object);
    }

    private static ClassLoader keyOf(Object object) {
        ClassLoader own = object.getClass().getClassLoader();
        return own != null ? own : Thread.currentThread().getContextClassLoader();
    }

    private Function<Object, ?> resolve(ClassLoader key) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader listening = fallback.get();
        BufferOption.InvalidValue first = null;
        for (ClassLoader candidate : new ClassLoader[] {key, context, listening}) {
            if (candidate == null) {
                continue;
            }
            try {
                return instantiate(className, candidate);
            } catch (BufferOption.InvalidValue e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw new IllegalStateException("the partitionKey class " + className + " cannot be used by the inserting"
                + " application (" + (first != null ? first.getMessage() : "no class loader to load it") + "); package"
                + " it in the application that inserts, or in the one that listens");
    }

    /**
     * An instance of {@code className}, loaded by {@code loader}.
     *
     * @throws BufferOption.InvalidValue saying what is wrong with the class
     */
    @SuppressWarnings("unchecked")
    static Function<Object, ?> instantiate(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BufferOption.InvalidValue("no class " + className
                    + " is visible to the application's class loader; check the name and package it in the"
                    + " application");
        }
        if (!Function.class.isAssignableFrom(type)) {
            throw new BufferOption.InvalidValue(className + " does not implement java.util.function.Function");
        }
        try {
            return (Function<Object, ?>) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new BufferOption.InvalidValue(className + " has no public no-arg constructor");
        } catch (InstantiationException e) {
            throw new BufferOption.InvalidValue(className + " is abstract or an interface");
        } catch (InvocationTargetException e) {
            throw new BufferOption.InvalidValue("the constructor of " + className + " threw " + e.getCause());
        }
    }

    @Override
    public String toString() {
        return className;
    }
}
