package org.glassfish.internal.api;

import org.glassfish.api.event.Events;

/**
 * Test stand-in for the GlassFish/Payara class of the same name, with only what ServerShutdownHook looks up by
 * reflection. It holds no Events unless a test installs one, so outside ServerShutdownHookTest the adapter behaves as on
 * a server without shutdown events.
 */
public final class Globals {

    private static volatile Events events;

    private Globals() {
    }

    public static <T> T get(Class<T> type) {
        return type == Events.class ? type.cast(events) : null;
    }

    /** Test control: the server's event bus, or null for none. */
    public static void installEvents(Events installed) {
        events = installed;
    }
}
