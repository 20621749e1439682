package org.partitionedbuffer.it.redeploy;

import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport;

/** The listener application's connection factory. */
@ConnectionFactoryDefinition(
        name = "java:app/redeploy-buffers",
        interfaceName = "org.partitionedbuffer.api.BufferConnectionFactory",
        resourceAdapter = "partitioned-buffer",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public final class RedeployBuffers {

    private RedeployBuffers() {
    }
}
