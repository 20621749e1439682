package org.partitionedbuffer.portable.app;

import java.io.Serializable;

/**
 * An item of the application's own class, as users push them (not a String): after a redeploy the adapter must hand
 * the new deployment instances of its own class, and a bean checks that it does.
 */
public record Reading(String id, int value) implements Serializable {
}
