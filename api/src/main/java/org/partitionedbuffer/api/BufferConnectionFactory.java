package org.partitionedbuffer.api;

import java.io.Serializable;

/**
 * The outbound connection factory an application looks up in JNDI, for example with
 * {@code @Resource(lookup = "java:app/buffers")}. Each connection is a cheap handle: get one, insert, close it.
 *
 * <pre>{@code
 * try (BufferConnection buffers = factory.getConnection()) {
 *     buffers.push("events", event);
 * }
 * }</pre>
 */
public interface BufferConnectionFactory extends Serializable, jakarta.resource.Referenceable {

    /**
     * A connection handle to every buffer of the resource adapter.
     *
     * @throws BufferException when the resource adapter cannot hand out a connection
     */
    BufferConnection getConnection();
}
