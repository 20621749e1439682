package org.partitionedbuffer.ra.inbound;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.partitionedbuffer.api.BatchListener;

/** Creates the listener that delivers a buffer's batches to a message-driven bean's endpoints. */
public final class EndpointListeners {

    private EndpointListeners() {
    }

    public static BatchListener forEndpoints(MessageEndpointFactory endpointFactory) {
        return new EndpointBatchListener(endpointFactory);
    }
}
