/**
 * The types applications compile against to use a partitioned buffer.
 *
 * <p>Producers insert through a {@link org.partitionedbuffer.api.BufferConnection} obtained from a
 * {@link org.partitionedbuffer.api.BufferConnectionFactory} (injected with {@code @Resource}); message-driven
 * beans that implement {@link org.partitionedbuffer.api.BatchListener} receive what each partition drained, in
 * {@link org.partitionedbuffer.api.Batch}es. Every failure is a {@link org.partitionedbuffer.api.BufferException}.
 */
package org.partitionedbuffer.api;
