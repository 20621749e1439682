package org.partitionedbuffer.it.redeploy;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.function.BiConsumer;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;

/**
 * The listener application's own producer, for the test to call: while the application runs, the JVM's system
 * properties (the one place both applications see) hold it as a JDK {@code BiConsumer} that pushes Shipments numbered
 * {@code from} to {@code to} on route "route-(number % 7)", with the application's own classes; and a weak reference
 * to the application's class loader, so the test can tell when it is collected.
 */
@Singleton
@Startup
public class ShipmentProducer {

    public static final String PRODUCER = "it.redeploy.producer";
    public static final String LOADER = "it.redeploy.loader";

    @Resource(lookup = "java:app/redeploy-buffers")
    private BufferConnectionFactory buffers;

    @PostConstruct
    void publish() {
        ShipmentRecorder.append(List.of("deployed " + ShipmentRecorder.DEPLOYMENT));
        System.getProperties().put(LOADER, new WeakReference<>(ShipmentProducer.class.getClassLoader()));
        System.getProperties().put(PRODUCER, (BiConsumer<Integer, Integer>) this::push);
    }

    @PreDestroy
    void withdraw() {
        System.getProperties().remove(PRODUCER);
    }

    private void push(Integer from, Integer to) {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(ShipmentProducer.class.getClassLoader());
        try (BufferConnection connection = buffers.getConnection()) {
            for (int number = from; number <= to; number++) {
                connection.push("it-redeploy", new Shipment("route-" + number % 7, number));
            }
        } finally {
            thread.setContextClassLoader(caller);
        }
    }
}
