package org.partitionedbuffer.ra;

import jakarta.resource.spi.BootstrapContext;

/**
 * The kind of server the adapter runs on, read from the package of its {@code BootstrapContext} implementation: no
 * server class is loaded or looked for. It decides the one thing the Connectors contract leaves to each server: what
 * an endpoint deactivation means.
 */
enum ServerFamily {
    /** Payara and GlassFish ({@code com.sun.enterprise}, {@code org.glassfish}, {@code fish.payara}). */
    GLASSFISH,
    /** WildFly and JBoss EAP, through IronJacamar ({@code org.jboss}, {@code org.wildfly}). */
    WILDFLY,
    /** Open Liberty and WebSphere Liberty ({@code com.ibm.ws}, {@code io.openliberty}). */
    LIBERTY,
    /** Any other server, and the tests' own contexts. */
    OTHER;

    static ServerFamily of(BootstrapContext context) {
        return ofContextClass(context.getClass().getName());
    }

    static ServerFamily ofContextClass(String type) {
        if (type.startsWith("com.sun.enterprise.") || type.startsWith("org.glassfish.")
                || type.startsWith("fish.payara.")) {
            return GLASSFISH;
        }
        if (type.startsWith("org.jboss.") || type.startsWith("org.wildfly.")) {
            return WILDFLY;
        }
        if (type.startsWith("com.ibm.ws.") || type.startsWith("io.openliberty.")) {
            return LIBERTY;
        }
        return OTHER;
    }

    /**
     * Whether an endpoint deactivation is the last moment its bean can receive. WildFly deactivates the beans when it
     * suspends (a graceful shutdown suspends first) while they still take invocations; Open Liberty deactivates them
     * as their application stops. Payara and GlassFish also deactivate them to restart a reconfigured adapter under
     * running applications, and announce a shutdown or an application's stop earlier; elsewhere the adapter does not
     * know, and keeps the data.
     */
    boolean deactivationIsLastMoment() {
        return this == WILDFLY || this == LIBERTY;
    }
}
