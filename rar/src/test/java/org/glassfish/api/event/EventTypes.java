package org.glassfish.api.event;

/** Test stand-in for the GlassFish/Payara event types: compared by identity, as on the server. */
public final class EventTypes<T> {

    public static final EventTypes<?> SERVER_READY = new EventTypes<>("server_ready");
    public static final EventTypes<?> PREPARE_SHUTDOWN = new EventTypes<>("prepare_shutdown");

    private final String name;

    private EventTypes(String name) {
        this.name = name;
    }

    public String type() {
        return name;
    }
}
