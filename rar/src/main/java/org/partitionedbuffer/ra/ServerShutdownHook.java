package org.partitionedbuffer.ra;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs an action when a GlassFish-family server (Payara) announces {@code PREPARE_SHUTDOWN}, which it sends before it
 * stops any application. This is the last moment message-driven beans can still receive batches: on Payara 6 the MDB
 * container is already closed when {@code endpointDeactivation} is called. Registered by reflection, so the adapter
 * has no compile-time dependency on server internals and simply does without the hook elsewhere.
 */
final class ServerShutdownHook {

    private static final Logger LOG = Logger.getLogger(ServerShutdownHook.class.getName());

    private final Object events;
    private final Method unregister;
    private final Object listener;

    private ServerShutdownHook(Object events, Method unregister, Object listener) {
        this.events = events;
        this.unregister = unregister;
        this.listener = listener;
    }

    /** Registers {@code onPrepareShutdown}; empty when the server has no such event. */
    static Optional<ServerShutdownHook> register(Runnable onPrepareShutdown) {
        try {
            ClassLoader loader = ServerShutdownHook.class.getClassLoader();
            Class<?> globals = Class.forName("org.glassfish.internal.api.Globals", true, loader);
            Class<?> eventsType = Class.forName("org.glassfish.api.event.Events", true, loader);
            Class<?> listenerType = Class.forName("org.glassfish.api.event.EventListener", true, loader);
            Class<?> eventTypes = Class.forName("org.glassfish.api.event.EventTypes", true, loader);
            Object prepareShutdown = eventTypes.getField("PREPARE_SHUTDOWN").get(null);
            Object events = globals.getMethod("get", Class.class).invoke(null, eventsType);
            if (events == null) {
                return Optional.empty();
            }
            Object listener = Proxy.newProxyInstance(loader, new Class<?>[] {listenerType},
                    new OnEvent(eventTypes, prepareShutdown, onPrepareShutdown));
            eventsType.getMethod("register", listenerType).invoke(events, listener);
            return Optional.of(new ServerShutdownHook(events, eventsType.getMethod("unregister", listenerType),
                    listener));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.log(Level.INFO, "No server shutdown event to hook (not Payara/GlassFish?): pending data is delivered"
                    + " when the resource adapter stops, if the server still allows deliveries then", e);
            return Optional.empty();
        }
    }

    void unregister() {
        try {
            unregister.invoke(events, listener);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Could not unregister the shutdown hook", e);
        }
    }

    /** The listener proxy: acts on PREPARE_SHUTDOWN, answers Object's methods by identity. */
    private record OnEvent(Class<?> eventTypes, Object prepareShutdown, Runnable action)
            implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Exception {
            return switch (method.getName()) {
                case "event" -> {
                    Object event = args[0];
                    Method is = event.getClass().getMethod("is", eventTypes);
                    if (Boolean.TRUE.equals(is.invoke(event, prepareShutdown))) {
                        action.run();
                    }
                    yield null;
                }
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "PartitionedBuffer shutdown hook";
                default -> null;
            };
        }
    }
}
