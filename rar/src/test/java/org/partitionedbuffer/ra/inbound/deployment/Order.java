package org.partitionedbuffer.ra.inbound.deployment;

import java.io.Serializable;

/** An application's item class; the tests load it in separate class loaders, as separate deployments. */
public record Order(String id, int quantity) implements Serializable {
}
