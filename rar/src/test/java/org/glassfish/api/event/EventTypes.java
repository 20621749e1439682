package org.glassfish.api.event;

/** Test stand-in for the GlassFish/Payara event types: compared by identity, as on the server. */
public final class EventTypes<T> {

    public static final EventTypes<?> SERVER_READY = new EventTypes<>("server_ready");
    public static final EventTypes<?> PREPARE_SHUTDOWN = new EventTypes<>("prepare_shutdown");

    private final String name;

    /** As the server's EventTypes.create: other classes (Deployment) declare their own event types. */
    public static <T> EventTypes<T> create(String name) {
        return new EventTypes<>(name);
    }

    private EventTypes(String name) {
        this.name = name;
    }

    public String type() {
        return name;
    }
}
