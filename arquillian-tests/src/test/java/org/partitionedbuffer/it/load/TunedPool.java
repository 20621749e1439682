package org.partitionedbuffer.it.load;

import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport;

/**
 * A second connection factory over the same adapter, its Payara pool tuned for a handle per call: no
 * {@code matchManagedConnections} on each allocation (every buffer connection fits every request), and each thread
 * keeps the connection it last used, so an allocation skips the pool's shared structure.
 */
@ConnectionFactoryDefinition(
        name = TunedPool.JNDI,
        interfaceName = "org.partitionedbuffer.api.BufferConnectionFactory",
        resourceAdapter = "partitioned-buffer",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction,
        properties = {
                "org.glassfish.connector-connection-pool.match-connections=false",
                "org.glassfish.connector-connection-pool.associate-with-thread=true"})
public final class TunedPool {

    public static final String JNDI = "java:app/buffers-tuned";

    private TunedPool() {
    }
}
