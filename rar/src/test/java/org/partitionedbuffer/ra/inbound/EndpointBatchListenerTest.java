package org.partitionedbuffer.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.Batch;
import org.partitionedbuffer.api.BatchListener;
import org.partitionedbuffer.api.BufferEntry;
import org.partitionedbuffer.api.BufferType;
import org.partitionedbuffer.core.ListenerUnavailableException;
import org.partitionedbuffer.ra.FakeEndpointFactory;

// How a batch reaches a message-driven bean through the container's endpoint proxy: a fresh endpoint per batch,
// beforeDelivery(onBatch) / onBatch / afterDelivery in that order, afterDelivery and release whatever the bean does,
// release even when beforeDelivery fails, and the bean's own exception (not the container's wrapper) for the engine,
// unless the container refuses new endpoints (an undeploy under way): then the listener is reported unavailable.
class EndpointBatchListenerTest {

    private static final Batch BATCH = new TestBatch(List.of("a", "b"));

    private record TestBatch(List<Object> items) implements Batch {
        @Override
        public String buffer() {
            return "orders";
        }

        @Override
        public int partition() {
            return 0;
        }

        @Override
        public BufferType type() {
            return BufferType.QUEUE;
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public List<BufferEntry> entries() {
            throw new IllegalStateException("queue batch");
        }

        @Override
        public void failItem(int index, Throwable cause) {
            throw new UnsupportedOperationException("not marked in these tests");
        }
    }

    /** A bean that keeps the batches it gets. */
    public static final class KeepingBean implements BatchListener {
        final List<Batch> received = new CopyOnWriteArrayList<>();

        @Override
        public void onBatch(Batch batch) {
            received.add(batch);
        }
    }

    /** A bean that throws what it is given. */
    public static final class ThrowingBean implements BatchListener {
        final Exception failure;

        ThrowingBean(Exception failure) {
            this.failure = failure;
        }

        @Override
        public void onBatch(Batch batch) throws Exception {
            throw failure;
        }
    }

    @Test
    void deliversBetweenBeforeDeliveryAndAfterDeliveryThenReleasesTheEndpoint() throws Exception {
        KeepingBean bean = new KeepingBean();
        FakeEndpointFactory factory = new FakeEndpointFactory(bean);

        new EndpointBatchListener(factory).onBatch(BATCH);

        assertEquals(List.of("createEndpoint", "beforeDelivery(onBatch)", "onBatch", "afterDelivery", "release"),
                factory.calls());
        assertEquals(List.of(BATCH), bean.received);
    }

    @Test
    void beforeDeliveryIsGivenTheBatchListenerOnBatchMethod() throws Exception {
        FakeEndpointFactory factory = new FakeEndpointFactory(new KeepingBean());

        new EndpointBatchListener(factory).onBatch(BATCH);

        assertEquals(List.of(BatchListener.class.getMethod("onBatch", Batch.class)), factory.deliveredMethods());
    }

    @Test
    void eachBatchGetsAFreshEndpoint() throws Exception {
        FakeEndpointFactory factory = new FakeEndpointFactory(new KeepingBean());
        EndpointBatchListener listener = new EndpointBatchListener(factory);

        listener.onBatch(BATCH);
        listener.onBatch(BATCH);

        assertEquals(2, factory.endpointsCreated());
        assertEquals(2, factory.calls().stream().filter("release"::equals).count());
    }

    @Test
    void afterDeliveryAndReleaseRunWhenTheBeanThrows() {
        IOException failure = new IOException("database down");
        FakeEndpointFactory factory = new FakeEndpointFactory(new ThrowingBean(failure));

        IOException thrown = assertThrows(IOException.class, () -> new EndpointBatchListener(factory).onBatch(BATCH));

        assertSame(failure, thrown);
        assertEquals(List.of("createEndpoint", "beforeDelivery(onBatch)", "onBatch", "afterDelivery", "release",
                "createEndpoint", "release"), factory.calls(), "after a failure, a probe: does the container still"
                + " hand out endpoints?");
    }

    @Test
    void anEjbExceptionFromTheContainerIsUnwrappedToTheBeansException() {
        IllegalStateException failure = new IllegalStateException("bad row");
        FakeEndpointFactory factory = new FakeEndpointFactory(new ThrowingBean(failure)).wrappingInEjbException();

        Exception thrown = assertThrows(Exception.class, () -> new EndpointBatchListener(factory).onBatch(BATCH));

        assertSame(failure, thrown);
        assertEquals(List.of("createEndpoint", "beforeDelivery(onBatch)", "onBatch", "afterDelivery", "release",
                "createEndpoint", "release"), factory.calls(), "after a failure, a probe: does the container still"
                + " hand out endpoints?");
    }

    @Test
    void aCheckedBeanExceptionWrappedInEjbExceptionIsUnwrappedToo() {
        IOException failure = new IOException("disk full");
        FakeEndpointFactory factory = new FakeEndpointFactory(new ThrowingBean(failure)).wrappingInEjbException();

        Exception thrown = assertThrows(Exception.class, () -> new EndpointBatchListener(factory).onBatch(BATCH));

        assertSame(failure, thrown);
    }

    @Test
    void anEjbExceptionWithoutCauseReachesTheEngineAsItIs() {
        EJBException failure = new EJBException("container trouble");
        FakeEndpointFactory factory = new FakeEndpointFactory(new ThrowingBean(failure));

        Exception thrown = assertThrows(Exception.class, () -> new EndpointBatchListener(factory).onBatch(BATCH));

        assertSame(failure, thrown);
        assertTrue(factory.calls().contains("release"));
    }

    @Test
    void whenTheBeanAndAfterDeliveryBothThrowTheBeansExceptionIsReportedWithTheOtherSuppressed() {
        IOException beanFailure = new IOException("database down");
        ResourceException commitFailure = new ResourceException("rollback");
        FakeEndpointFactory factory = new FakeEndpointFactory(new ThrowingBean(beanFailure))
                .failingAfterDelivery(commitFailure);

        IOException thrown = assertThrows(IOException.class, () -> new EndpointBatchListener(factory).onBatch(BATCH));

        assertSame(beanFailure, thrown);
        assertEquals(List.of(commitFailure), List.of(thrown.getSuppressed()));
        assertTrue(factory.calls().contains("release"));
    }

    @Test
    void anAfterDeliveryFailureAloneIsReported() {
        ResourceException commitFailure = new ResourceException("rollback");
        FakeEndpointFactory factory = new FakeEndpointFactory(new KeepingBean()).failingAfterDelivery(commitFailure);

        ResourceException thrown = assertThrows(ResourceException.class,
                () -> new EndpointBatchListener(factory).onBatch(BATCH));

        assertSame(commitFailure, thrown);
        assertTrue(factory.calls().contains("release"));
    }

    @Test
    void releaseRunsWhenBeforeDeliveryThrows() {
        ResourceException failure = new ResourceException("no transaction");
        KeepingBean bean = new KeepingBean();
        FakeEndpointFactory factory = new FakeEndpointFactory(bean).failingBeforeDelivery(failure);

        ResourceException thrown = assertThrows(ResourceException.class,
                () -> new EndpointBatchListener(factory).onBatch(BATCH));

        assertSame(failure, thrown);
        assertEquals(List.of("createEndpoint", "beforeDelivery(onBatch)", "release", "createEndpoint", "release"),
                factory.calls());
        assertTrue(bean.received.isEmpty());
    }

    @Test
    void aFailureOfTheCallInFlightWhenTheContainerStopsIsReportedAsTheListenerBeingUnavailable() {
        // Payara, at an undeploy: the call in flight ends in "Transaction aborted", new endpoints are refused, and
        // endpointDeactivation comes a moment later on another thread.
        EJBException aborted = new EJBException("Transaction aborted");
        FakeEndpointFactory[] factory = new FakeEndpointFactory[1];
        factory[0] = new FakeEndpointFactory(batch -> factory[0].stopContainer()).failingAfterDelivery(aborted);

        ListenerUnavailableException thrown = assertThrows(ListenerUnavailableException.class,
                () -> new EndpointBatchListener(factory[0]).onBatch(BATCH));

        assertSame(aborted, thrown.getCause());
        assertTrue(thrown.getMessage().contains("its application is stopping"), thrown.getMessage());
        assertEquals(List.of("createEndpoint", "beforeDelivery(onBatch)", "onBatch", "afterDelivery", "release",
                "createEndpoint"), factory[0].calls());
    }

    @Test
    void noEndpointFromAStoppedContainerIsReportedAsTheListenerBeingUnavailable() {
        KeepingBean bean = new KeepingBean();
        FakeEndpointFactory factory = new FakeEndpointFactory(bean);
        factory.stopContainer();

        ListenerUnavailableException thrown = assertThrows(ListenerUnavailableException.class,
                () -> new EndpointBatchListener(factory).onBatch(BATCH));

        assertTrue(thrown.getCause() instanceof UnavailableException);
        assertTrue(thrown.getMessage().contains(KeepingBean.class.getName()), thrown.getMessage());
        assertEquals(List.of("createEndpoint"), factory.calls());
        assertTrue(bean.received.isEmpty());
    }

    @Test
    void describesItselfByTheBeanClass() {
        EndpointBatchListener listener = new EndpointBatchListener(new FakeEndpointFactory(new KeepingBean()));

        assertEquals("message-driven bean " + KeepingBean.class.getName(), listener.toString());
    }
}
