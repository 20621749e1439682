package org.glassfish.api.event;

/** Test stand-in for the GlassFish/Payara event listener and its event, as ServerShutdownHook uses them. */
public interface EventListener {

    void event(Event<?> event);

    class Event<T> {
        private final EventTypes<T> type;
        private final T hook;

        public Event(EventTypes<T> type) {
            this(type, null);
        }

        public Event(EventTypes<T> type, T hook) {
            this.type = type;
            this.hook = hook;
        }

        public T hook() {
            return hook;
        }

        public boolean is(EventTypes<?> candidate) {
            return candidate == type;
        }
    }
}
