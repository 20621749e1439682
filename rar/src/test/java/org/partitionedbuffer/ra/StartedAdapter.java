package org.partitionedbuffer.ra;

import jakarta.resource.ResourceException;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.ra.outbound.BufferManagedConnectionFactory;

/**
 * A resource adapter started as a server would start it, on fakes: a thread-pool WorkManager and real timers. Close it
 * (in {@code @AfterEach}) to stop the adapter and the pool.
 */
public final class StartedAdapter implements AutoCloseable {

    public final PoolWorkManager workManager = new PoolWorkManager();
    public final FakeBootstrapContext bootstrapContext = new FakeBootstrapContext(workManager);
    public final PartitionedBufferResourceAdapter adapter;

    public StartedAdapter() throws ResourceException {
        this(new PartitionedBufferResourceAdapter());
    }

    /** Starts {@code adapter}, configured by the caller. */
    public StartedAdapter(PartitionedBufferResourceAdapter adapter) throws ResourceException {
        this.adapter = adapter;
        adapter.start(bootstrapContext);
    }

    /** A managed connection factory associated with the adapter, as the server makes it for a connection pool. */
    public BufferManagedConnectionFactory managedConnectionFactory() throws ResourceException {
        BufferManagedConnectionFactory factory = new BufferManagedConnectionFactory();
        factory.setResourceAdapter(adapter);
        return factory;
    }

    /** What an application injects, without a pool. */
    public BufferConnectionFactory connectionFactory() throws ResourceException {
        return (BufferConnectionFactory) managedConnectionFactory().createConnectionFactory();
    }

    /** What a server's shutdown does: the prepare-shutdown event (everything delivered), then the stop. */
    public void shutDown() throws InterruptedException {
        AdapterRuntime.shared().deliverBeforeShutdown();
        close();
    }

    /** Stops this adapter instance only, as a server does when it restarts the adapter (a reconfiguration). */
    public void stopInstance() throws InterruptedException {
        try {
            adapter.stop();
        } finally {
            bootstrapContext.timers().forEach(java.util.Timer::cancel);
            workManager.close();
        }
    }

    /**
     * Stops the adapter and forgets its buffers, as undeploying the RAR would (its class loader goes), so the next test
     * starts from nothing; with other instances still running, stops this one only.
     */
    @Override
    public void close() throws InterruptedException {
        stopInstance();
        try {
            AdapterRuntime.shared().forgetAll();
        } catch (IllegalStateException othersRun) {
            // another instance of the test still runs the buffers; its close() forgets them
        }
    }
}
