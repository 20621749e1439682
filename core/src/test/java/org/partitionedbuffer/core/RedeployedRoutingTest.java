package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferException;
import org.partitionedbuffer.core.deployments.ByDestination;

/*
 * A partitionKey class is instantiated from the class loader of what is inserted: a redeployed application's items are
 * routed by its own copy of the function (not the one the buffer was created with, which would fail casting them), and
 * the class loader of a deployment that went away is let go once its items are delivered.
 */
class RedeployedRoutingTest {

    private static final long INTERVAL = 100;

    private final ManualScheduler scheduler = new ManualScheduler();

    private QueueBuffer bufferRoutedByDestination(ClassLoader listeningDeployment) {
        BufferOptions options = BufferOptions.builder("parcels").partitions(4).processingIntervalMs(INTERVAL)
                .processingBatchSize(1000).classLoader(listeningDeployment)
                .set("partitionKey", ByDestination.class.getName()).build();
        QueueBuffer buffer = (QueueBuffer) PartitionedBuffer.create(options, scheduler);
        buffer.start();
        return buffer;
    }

    @Test
    void aRedeployedApplicationsItemsAreRoutedByItsOwnCopyOfTheFunction() {
        ClassLoader first = Deployments.deploy();
        ClassLoader second = Deployments.deploy();
        QueueBuffer buffer = bufferRoutedByDestination(first);

        buffer.push(Deployments.parcel(first, "lisbon", 1));
        buffer.push(Deployments.parcel(second, "lisbon", 2)); // the first deployment's function would throw here
        buffer.push(Deployments.parcel(second, "oslo", 3));

        assertEquals(3, buffer.size());
        assertEquals(2, buffer.partitionSize(buffer.partitionOf("lisbon", org.partitionedbuffer.api.PartitionKey.of(
                "lisbon"))), "both lisbon parcels, whichever deployment made them, in the partition of \"lisbon\"");
    }

    @Test
    void aDeploymentsClassLoaderIsLetGoOnceItsItemsAreDeliveredAndAnotherListens() {
        ClassLoader second = Deployments.deploy();
        RecordingListener listener = new RecordingListener();
        QueueBuffer buffer = bufferRoutedByDestination(Deployments.deploy());
        WeakReference<ClassLoader> first = pushTenFromANewDeployment(buffer);
        buffer.attach(listener);
        scheduler.advance(INTERVAL);
        assertEquals(10, listener.items().size());
        buffer.routeWithClassesOf(second);              // the new deployment's bean activates
        buffer.push(Deployments.parcel(second, "d1", 11));
        listener.forget();                              // the test, not the buffer, held the delivered items

        assertCollected(first);
        assertEquals(1, buffer.size());
    }

    /** In a method of its own, so no local variable of the test's frame keeps the deployment reachable. */
    private static WeakReference<ClassLoader> pushTenFromANewDeployment(QueueBuffer buffer) {
        ClassLoader deployment = Deployments.deploy();
        buffer.routeWithClassesOf(deployment);
        for (int i = 0; i < 10; i++) {
            buffer.push(Deployments.parcel(deployment, "d" + i, i));
        }
        return new WeakReference<>(deployment);
    }

    @Test
    void aClassNoInsertingOrListeningClassLoaderSeesIsRefusedNamingTheClassAndTheFix() throws Exception {
        QueueBuffer buffer = bufferRoutedByDestination(Deployments.deploy());
        buffer.routeWithClassesOf(new URLClassLoader(new URL[0], null));
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[0], null));
        try {
            BufferException refused = assertThrows(BufferException.class, () -> buffer.push("a string"));
            String message = refused.getMessage() + " / " + refused.getCause().getMessage();
            assertTrue(message.contains(ByDestination.class.getName()), message);
            assertTrue(message.contains("package it in the application that inserts"), message);
        } finally {
            Thread.currentThread().setContextClassLoader(context);
        }
        assertEquals(0, buffer.size());
    }

    /** Full collections until the reference clears; a class loader held anywhere never clears. */
    static void assertCollected(WeakReference<?> reference) {
        List<byte[]> pressure = new ArrayList<>();
        for (int i = 0; i < 50 && reference.get() != null; i++) {
            System.gc();
            pressure.add(new byte[1024 * 1024]);
            if (pressure.size() > 20) {
                pressure.clear();
            }
        }
        assertNull(reference.get(), "the class loader is still reachable");
    }
}
