package org.partitionedbuffer.ra.inbound.deployment;

/** An application's item class that cannot be copied into another class loader. */
public record Unserializable(String id) {
}
