package org.partitionedbuffer.metrics;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.partitionedbuffer.api.BufferMonitoring;

/**
 * Starts with the application and registers, in its MicroProfile Metrics registry, the metrics of every buffer it
 * uses or listens to; stops with it, leaving the adapter holding nothing of the application (so its classes can be
 * collected, and a redeployment starts from zero instead of counting twice). Adding the jar is all it takes.
 */
@ApplicationScoped
public class PartitionedBufferMetrics {

    private static final Logger LOG = Logger.getLogger(PartitionedBufferMetrics.class.getName());

    @Inject
    MetricRegistry registry;

    // Written once at application start, read at its stop: both on container threads, ordered by the container.
    private BufferMonitoring.Registration registration;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // The class loader of this jar is the application's: the one its threads run with and its beans come from.
        ApplicationBufferObserver observer = new ApplicationBufferObserver(registry,
                PartitionedBufferMetrics.class.getClassLoader());
        registration = BufferMonitoring.addEventListener(observer);
        observer.claimListenedBuffers();
        LOG.fine(() -> "Partitioned buffer metrics started: " + observer);
    }

    @PreDestroy
    void stop() {
        if (registration == null) {
            return;
        }
        registration.close();
        try {
            registry.removeMatching((id, metric) -> id.getName().startsWith("partitioned_buffer."));
        } catch (RuntimeException e) { // the server may already have dropped the application's registry
            LOG.log(Level.FINE, "Partitioned buffer metrics already removed", e);
        }
    }
}
