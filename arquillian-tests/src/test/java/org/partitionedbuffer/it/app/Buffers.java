package org.partitionedbuffer.it.app;

import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport;

/** Defines the application's connection factory: what {@code @Resource(lookup = Buffers.JNDI)} injects. */
@ConnectionFactoryDefinition(
        name = Buffers.JNDI,
        interfaceName = "org.partitionedbuffer.api.BufferConnectionFactory",
        resourceAdapter = "partitioned-buffer",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public final class Buffers {

    public static final String JNDI = "java:app/buffers";

    private Buffers() {
    }
}
