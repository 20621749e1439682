package org.partitionedbuffer.ra;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hears the two moments of a GlassFish-family server (Payara, GlassFish) when message-driven beans can still receive
 * batches, and that the Connectors calls come too late for: {@code PREPARE_SHUTDOWN}, sent before the server stops any
 * application, and the first {@code MODULE_STOPPED} of an application being undeployed, disabled or redeployed (its hook
 * is the application's {@code ApplicationInfo}), sent synchronously before its beans stop. By
 * {@code endpointDeactivation} the bean's container already refuses endpoints. Registered by reflection, so the
 * adapter needs no server class and simply does without these events elsewhere.
 */
final class ServerEvents {

    private static final Logger LOG = Logger.getLogger(ServerEvents.class.getName());

    private final Object events;
    private final Method unregister;
    private final Object listener;

    private ServerEvents(Object events, Method unregister, Object listener) {
        this.events = events;
        this.unregister = unregister;
        this.listener = listener;
    }

    /**
     * Registers the actions; empty when the server sends no such events (not a GlassFish-family server).
     *
     * @param onPrepareShutdown    runs at {@code PREPARE_SHUTDOWN}
     * @param onApplicationStopping gets the class loader of an application about to stop
     */
    static Optional<ServerEvents> register(Runnable onPrepareShutdown, Consumer<ClassLoader> onApplicationStopping) {
        ClassLoader loader = ServerEvents.class.getClassLoader();
        Class<?> globals;
        try {
            globals = Class.forName("org.glassfish.internal.api.Globals", true, loader);
        } catch (ClassNotFoundException | LinkageError notGlassFish) {
            LOG.fine("Not a GlassFish-family server: no shutdown or undeploy events to hear");
            return Optional.empty();
        }
        try {
            Class<?> eventsType = Class.forName("org.glassfish.api.event.Events", true, loader);
            Class<?> listenerType = Class.forName("org.glassfish.api.event.EventListener", true, loader);
            Class<?> eventTypes = Class.forName("org.glassfish.api.event.EventTypes", true, loader);
            Object prepareShutdown = eventTypes.getField("PREPARE_SHUTDOWN").get(null);
            Object moduleStopped = moduleStopped(loader);
            Object events = globals.getMethod("get", Class.class).invoke(null, eventsType);
            if (events == null) {
                return Optional.empty();
            }
            Object listener = Proxy.newProxyInstance(loader, new Class<?>[] {listenerType},
                    new OnEvent(eventTypes, prepareShutdown, moduleStopped, onPrepareShutdown, onApplicationStopping));
            eventsType.getMethod("register", listenerType).invoke(events, listener);
            return Optional.of(new ServerEvents(events, eventsType.getMethod("unregister", listenerType), listener));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, "The server's events could not be heard: pending data is delivered when the"
                    + " resource adapter stops, if the server still allows deliveries then", e);
            return Optional.empty();
        }
    }

    /** The MODULE_STOPPED event type, or null where the server has none. */
    private static Object moduleStopped(ClassLoader loader) {
        try {
            return Class.forName("org.glassfish.internal.deployment.Deployment", true, loader)
                    .getField("MODULE_STOPPED").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.fine("No MODULE_STOPPED event: pending data waits in the adapter when an application is undeployed");
            return null;
        }
    }

    void unregister() {
        try {
            unregister.invoke(events, listener);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Could not unregister the server event listener", e);
        }
    }

    /** The listener proxy: acts on the two events, answers Object's methods by identity. */
    private record OnEvent(Class<?> eventTypes, Object prepareShutdown, Object moduleStopped, Runnable shutdownAction,
                           Consumer<ClassLoader> stoppingAction) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Exception {
            return switch (method.getName()) {
                case "event" -> {
                    Object event = args[0];
                    Method is = event.getClass().getMethod("is", eventTypes);
                    if (Boolean.TRUE.equals(is.invoke(event, prepareShutdown))) {
                        shutdownAction.run();
                    } else if (moduleStopped != null && Boolean.TRUE.equals(is.invoke(event, moduleStopped))) {
                        applicationLoaderOf(event).ifPresent(stoppingAction);
                    }
                    yield null;
                }
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "PartitionedBuffer server event listener";
                default -> null;
            };
        }

        /** The application class loader of an event whose hook is an ApplicationInfo (not a module's ModuleInfo). */
        private static Optional<ClassLoader> applicationLoaderOf(Object event) {
            try {
                Object hook = event.getClass().getMethod("hook").invoke(event);
                if (hook == null) {
                    return Optional.empty();
                }
                Method appClassLoader = hook.getClass().getMethod("getAppClassLoader");
                return Optional.ofNullable((ClassLoader) appClassLoader.invoke(hook));
            } catch (NoSuchMethodException moduleInfo) {
                return Optional.empty();
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.FINE, "Could not read the stopping application's class loader", e);
                return Optional.empty();
            }
        }
    }
}
