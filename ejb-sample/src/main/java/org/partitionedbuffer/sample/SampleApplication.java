package org.partitionedbuffer.sample;

import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST application, and the connection factory it injects: defined here with an annotation, with nothing but
 * standard attributes, so that every server takes it (WildFly refuses a server's own pool properties, such as
 * GlassFish's {@code org.glassfish.connector-connection-pool.*}). The alternative on Payara, a pool and resource
 * created with asadmin, is in src/main/payara/connector-resources.asadmin.
 */
@ApplicationPath("/api")
@ConnectionFactoryDefinition(
        name = SampleApplication.BUFFERS,
        interfaceName = "org.partitionedbuffer.api.BufferConnectionFactory",
        resourceAdapter = "partitioned-buffer",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class SampleApplication extends Application {

    public static final String BUFFERS = "java:app/buffers";
    /** The sample's own database (H2, in memory), defined by {@link Database}: the same on every server. */
    public static final String DATABASE = "java:app/jdbc/sample";
    public static final String EVENTS = "events";
    /** The events buffer's dead-letter buffer: events the database refused, stored apart by FailedEventWriter. */
    public static final String FAILED_EVENTS = "events-failed";
    public static final String PRICES = "prices";
}
