package org.partitionedbuffer.it.redeploy;

import java.io.Serializable;

/**
 * An application class as item. Both the listener application and the test application package it, so each
 * deployment has a class of its own by this name, as real applications do.
 */
public record Shipment(String route, int number) implements Serializable {

    private static final long serialVersionUID = 1L;
}
