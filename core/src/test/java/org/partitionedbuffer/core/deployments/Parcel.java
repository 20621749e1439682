package org.partitionedbuffer.core.deployments;

import java.io.Serializable;

/** An application's item class; tests load it in separate class loaders, as two deployments of one application. */
public record Parcel(String destination, int number) implements Serializable {
}
