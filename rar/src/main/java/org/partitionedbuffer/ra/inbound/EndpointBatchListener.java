package org.partitionedbuffer.ra.inbound;

import jakarta.ejb.EJBException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * Delivers a batch to a message-driven bean: an endpoint from the container for each batch, {@code beforeDelivery} /
 * {@code onBatch} / {@code afterDelivery} always paired, and the endpoint released in every case. It runs on the
 * engine's delivery thread (WorkManager Work), so creating the endpoint never blocks the deploying thread.
 */
public final class EndpointBatchListener implements BatchListener {

    static final Method ON_BATCH;

    static {
        try {
            ON_BATCH = BatchListener.class.getMethod("onBatch", Batch.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MessageEndpointFactory endpointFactory;
    private final String description;

    public EndpointBatchListener(MessageEndpointFactory endpointFactory) {
        this.endpointFactory = endpointFactory;
        this.description = "message-driven bean " + endpointFactory.getEndpointClass().getName();
    }

    /** The class loader of the message-driven bean's application. */
    public ClassLoader applicationClassLoader() {
        return endpointFactory.getEndpointClass().getClassLoader();
    }

    @Override
    public void onBatch(Batch batch) throws Exception {
        MessageEndpoint endpoint = endpointFactory.createEndpoint(null);
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
