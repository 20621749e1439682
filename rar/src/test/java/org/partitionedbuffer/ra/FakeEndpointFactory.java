package org.partitionedbuffer.ra;

import jakarta.ejb.EJBException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;

/**
 * The container's MessageEndpointFactory for tests. Its endpoints are {@link Proxy} instances implementing
 * MessageEndpoint and BatchListener, as a real container's are; they pass onBatch to the bean and log every call
 * ({@code createEndpoint}, {@code beforeDelivery(onBatch)}, {@code onBatch}, {@code afterDelivery}, {@code release}).
 * Like an EJB container, they can wrap what the bean throws in an EJBException.
 */
public final class FakeEndpointFactory implements MessageEndpointFactory {

    private final BatchListener bean;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Method> deliveredMethods = new CopyOnWriteArrayList<>();
    private final AtomicInteger endpoints = new AtomicInteger();
    private volatile boolean wrapInEjbException;
    private volatile Exception beforeDeliveryFailure;
    private volatile Exception afterDeliveryFailure;
    private volatile boolean stopped;

    public FakeEndpointFactory(BatchListener bean) {
        this.bean = bean;
    }

    /** Wrap what the bean throws in an EJBException, as an EJB container does with a system exception. */
    public FakeEndpointFactory wrappingInEjbException() {
        wrapInEjbException = true;
        return this;
    }

    /** Make beforeDelivery throw {@code failure}. */
    public FakeEndpointFactory failingBeforeDelivery(Exception failure) {
        beforeDeliveryFailure = failure;
        return this;
    }

    /** Make afterDelivery throw {@code failure} (a transaction that cannot commit, say). */
    public FakeEndpointFactory failingAfterDelivery(Exception failure) {
        afterDeliveryFailure = failure;
        return this;
    }

    /**
     * Stop the bean's container, as Payara does when an undeploy begins and before it deactivates the endpoint: from
     * now on createEndpoint throws UnavailableException.
     */
    public void stopContainer() {
        stopped = true;
    }

    /** Every call on the factory's endpoints, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The methods given to beforeDelivery. */
    public List<Method> deliveredMethods() {
        return List.copyOf(deliveredMethods);
    }

    public int endpointsCreated() {
        return endpoints.get();
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) throws UnavailableException {
        calls.add("createEndpoint");
        if (stopped) {
            throw new UnavailableException("EndpointFactory is currently not available");
        }
        endpoints.incrementAndGet();
        return (MessageEndpoint) Proxy.newProxyInstance(FakeEndpointFactory.class.getClassLoader(),
                new Class<?>[] {MessageEndpoint.class, BatchListener.class}, new Endpoint());
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) throws UnavailableException {
        return createEndpoint(xaResource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return false;
    }

    @Override
    public String getActivationName() {
        return "fake-activation-" + bean.getClass().getSimpleName();
    }

    @Override
    public Class<?> getEndpointClass() {
        return bean.getClass();
    }

    private final class Endpoint implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "beforeDelivery" -> {
                    Method target = (Method) args[0];
                    calls.add("beforeDelivery(" + target.getName() + ")");
                    deliveredMethods.add(target);
                    Exception failure = beforeDeliveryFailure;
                    if (failure != null) {
                        throw failure;
                    }
                    return null;
                }
                case "onBatch" -> {
                    calls.add("onBatch");
                    try {
                        bean.onBatch((Batch) args[0]);
                    } catch (Exception e) {
                        throw wrapInEjbException ? new EJBException(e) : e;
                    }
                    return null;
                }
                case "afterDelivery" -> {
                    calls.add("afterDelivery");
                    Exception failure = afterDeliveryFailure;
                    if (failure != null) {
                        throw failure;
                    }
                    return null;
                }
                case "release" -> {
                    calls.add("release");
                    return null;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "endpoint of " + bean.getClass().getName();
                }
                default -> throw new UnsupportedOperationException(method.toString());
            }
        }
    }
}
