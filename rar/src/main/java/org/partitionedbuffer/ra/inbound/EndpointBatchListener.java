package org.partitionedbuffer.ra.inbound;

import jakarta.ejb.EJBException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.core.ItemCarrier;
import org.partitionedbuffer.core.ItemNotCarriedException;
import org.partitionedbuffer.core.ListenerUnavailableException;

/**
 * Delivers a batch to a message-driven bean: an endpoint from the container for each batch, {@code beforeDelivery} /
 * {@code onBatch} / {@code afterDelivery} always paired, and the endpoint released in every case. It runs on the
 * engine's delivery thread (WorkManager Work), so creating the endpoint never blocks the deploying thread.
 *
 * <p>Items reach the bean as instances of classes its application sees ({@link ApplicationItems}).
 *
 * <p>When the container stops the bean for an undeploy, it fails the call in flight and refuses new endpoints a
 * moment before it deactivates the endpoint; those failures are reported as {@link ListenerUnavailableException}, so
 * the engine keeps the batch for the next listener instead of counting them against it.
 */
public final class EndpointBatchListener implements BatchListener, ItemCarrier {

    static final Method ON_BATCH;

    static {
        try {
            ON_BATCH = BatchListener.class.getMethod("onBatch", Batch.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * WildFly's refusal of an invocation: its component is shutting down (WFLYEJB0421, an undeploy) or the server is
     * suspended (WFLYEJB0467). Its createEndpoint never refuses, so this is the only sign. Matched by name: no WildFly
     * class is needed to load the adapter.
     */
    private static final String WILDFLY_REFUSAL = "org.jboss.as.ejb3.component.EJBComponentUnavailableException";

    private final MessageEndpointFactory endpointFactory;
    private final String description;
    /** Set once the container refused an invocation or an endpoint: no use waiting for this listener any more. */
    private volatile boolean refused;
    private final ApplicationItems applicationItems;

    public EndpointBatchListener(MessageEndpointFactory endpointFactory) {
        this.endpointFactory = endpointFactory;
        this.description = "message-driven bean " + endpointFactory.getEndpointClass().getName();
        this.applicationItems = new ApplicationItems(applicationClassLoader(), description);
    }

    /** The class loader of the message-driven bean's application. */
    public ClassLoader applicationClassLoader() {
        return endpointFactory.getEndpointClass().getClassLoader();
    }

    /** Items of classes from another class loader become copies made through the bean's application. */
    @Override
    public Object carry(Object item) throws ItemNotCarriedException {
        return applicationItems.carry(item);
    }

    @Override
    public void onBatch(Batch batch) throws Exception {
        MessageEndpoint endpoint = createEndpoint();
        try {
            deliver(endpoint, batch);
        } catch (Exception failure) {
            if (refusedByContainer(failure)) {
                refused = true;
                throw new ListenerUnavailableException(description + " refused the batch: its container no longer"
                        + " takes invocations (its application is stopping, or the server suspends): " + failure,
                        failure);
            }
            if (containerAvailable()) {
                throw failure;
            }
            throw new ListenerUnavailableException(description + " failed the batch while its container refuses new"
                    + " endpoints (its application is stopping): " + failure, failure);
        }
    }

    private static boolean refusedByContainer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().equals(WILDFLY_REFUSAL)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the container refused this listener an invocation ({@link #WILDFLY_REFUSAL}) or an endpoint (Open
     * Liberty's {@code UnavailableException} once it deactivates or pauses the bean): it is not worth waiting for.
     */
    public boolean refusedInvocations() {
        return refused;
    }

    private MessageEndpoint createEndpoint() throws ListenerUnavailableException {
        try {
            return endpointFactory.createEndpoint(null);
        } catch (UnavailableException e) {
            refused = true;
            throw new ListenerUnavailableException(description + " is not available: " + e.getMessage(), e);
        }
    }

    private static void deliver(MessageEndpoint endpoint, Batch batch) throws Exception {
        try {
            endpoint.beforeDelivery(ON_BATCH);
            Exception beanFailure = null;
            try {
                ((BatchListener) endpoint).onBatch(batch);
            } catch (Exception e) {
                beanFailure = e;
                throw e;
            } finally {
                afterDelivery(endpoint, beanFailure);
            }
        } catch (EJBException e) {
            // The container wraps what the bean threw; report the bean's own exception.
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            endpoint.release();
        }
    }

    /** Whether this listener belongs to the application of {@code applicationLoader} (or one of its modules). */
    public boolean belongsTo(ClassLoader applicationLoader) {
        for (ClassLoader loader = applicationClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader == applicationLoader) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the bean's container still hands out endpoints. Payara refuses new ones ({@code UnavailableException})
     * from the moment it stops the bean's container for an undeploy, which is also what fails the call in flight;
     * endpointDeactivation follows on another thread, so the failure can reach the engine first. A container that
     * answers otherwise counts as available. Also asked at endpointDeactivation: a bean still available then is being
     * detached only because the adapter restarts (a reconfiguration), not because its application stops.
     */
    public boolean containerAvailable() {
        try {
            endpointFactory.createEndpoint(null).release();
            return true;
        } catch (UnavailableException e) {
            return false;
        } catch (ResourceException | RuntimeException e) {
            return true;
        }
    }

    /** Always paired with beforeDelivery; when the bean already failed, its exception is the one reported. */
    private static void afterDelivery(MessageEndpoint endpoint, Exception beanFailure) throws Exception {
        try {
            endpoint.afterDelivery();
        } catch (Exception e) {
            if (beanFailure == null) {
                throw e;
            }
            beanFailure.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
