package org.partitionedbuffer.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.partitionedbuffer.api.BufferMonitoring;

/**
 * Starts with the application and registers, in the {@link MeterRegistry} the server injects (on WildFly, the
 * server's own, which its micrometer subsystem exports with the server's metrics), the meters of every buffer the
 * application uses or listens to, tagged with the application's name; stops with it, removing exactly those meters and
 * leaving the adapter and the registry holding nothing of the application. Adding the jar is all it takes.
 */
@ApplicationScoped
public class PartitionedBufferMeters {

    private static final Logger LOG = Logger.getLogger(PartitionedBufferMeters.class.getName());

    @Inject
    MeterRegistry registry;

    /** The application's name (a WAR's is its file name without {@code .war}), its meters' {@code application} tag. */
    @Resource(lookup = "java:app/AppName")
    String application;

    // Written once at application start, read at its stop: both on container threads, ordered by the container.
    private BufferMonitoring.Registration registration;
    private ApplicationBufferObserver observer;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // The class loader of this jar is the application's: the one its threads run with and its beans come from.
        observer = new ApplicationBufferObserver(registry, PartitionedBufferMeters.class.getClassLoader(),
                application);
        registration = BufferMonitoring.addEventListener(observer);
        observer.claimListenedBuffers();
        LOG.fine(() -> "Partitioned buffer meters started: " + observer);
    }

    @PreDestroy
    void stop() {
        if (registration == null) {
            return;
        }
        registration.close();
        try {
            observer.removeMeters();
        } catch (RuntimeException e) { // the server may already have closed its registry
            LOG.log(Level.FINE, "Partitioned buffer meters already removed", e);
        }
    }
}
