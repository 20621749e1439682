package org.partitionedbuffer.server.app;

import java.io.Serializable;

/**
 * The application's own item type. Each deployment of the test application loads its own copy of this class, which
 * is what makes a redeploy observable: an item is "of this deployment" only if its class is this deployment's Order.
 */
public record Order(String id, String customer) implements Serializable {
    private static final long serialVersionUID = 1L;
}
