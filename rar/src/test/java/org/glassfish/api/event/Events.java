package org.glassfish.api.event;

/** Test stand-in for the GlassFish/Payara event bus contract: register, unregister, send. */
public interface Events {

    void register(EventListener listener);

    boolean unregister(EventListener listener);

    void send(EventListener.Event<?> event);
}
