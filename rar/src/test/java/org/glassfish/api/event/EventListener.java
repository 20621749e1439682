package org.glassfish.api.event;

/** Test stand-in for the GlassFish/Payara event listener and its event, as ServerShutdownHook uses them. */
public interface EventListener {

    void event(Event<?> event);

    class Event<T> {
        private final EventTypes<T> type;

        public Event(EventTypes<T> type) {
            this.type = type;
        }

        public boolean is(EventTypes<?> candidate) {
            return candidate == type;
        }
    }
}
