package org.partitionedbuffer.ra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ResourceAdapter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferConnection;
import org.partitionedbuffer.api.BufferConnectionFactory;
import org.partitionedbuffer.core.BufferOptions;
import org.partitionedbuffer.ra.inbound.BufferActivationSpec;

// The adapter as a server drives it, on fakes of the container: an activation attaches a bean that gets what handles
// push in batches of processingBatchSize on WorkManager threads; one listener per buffer; deactivation keeps pending
// data for the next activation; each buffer has its MBean while the adapter runs; stop() delivers what is pending.
class AdapterEndToEndTest {

    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    private StartedAdapter started;

    @AfterEach
    void stopAdapter() throws Exception {
        if (started != null) {
            started.close();
        }
    }

    private PartitionedBufferResourceAdapter start() throws ResourceException {
        return start(new PartitionedBufferResourceAdapter());
    }

    private PartitionedBufferResourceAdapter start(PartitionedBufferResourceAdapter adapter)
            throws ResourceException {
        started = new StartedAdapter(adapter);
        return adapter;
    }

    /** One partition, so the order of batches is the order of pushes. */
    private static BufferActivationSpec spec(String buffer, String intervalMs, String batchSize) {
        BufferActivationSpec spec = new BufferActivationSpec();
        spec.setBufferName(buffer);
        spec.setPartitions("1");
        spec.setProcessingIntervalMs(intervalMs);
        spec.setProcessingBatchSize(batchSize);
        return spec;
    }

    private BufferConnection connection() throws ResourceException {
        BufferConnectionFactory factory = started.connectionFactory();
        return factory.getConnection();
    }

    private static ObjectName mbeanName(String buffer) throws Exception {
        return new ObjectName("org.partitionedbuffer:type=Buffer,name=" + buffer);
    }

    private static List<Object> numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().map(Object.class::cast).toList();
    }

    @Test
    void pushedItemsReachTheBeanInBatchesOfTheBatchSize() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        RecordingBean bean = new RecordingBean();
        adapter.endpointActivation(new FakeEndpointFactory(bean), spec("e2e-batches", "50", "2"));

        try (BufferConnection connection = connection()) {
            connection.pushAll("e2e-batches", numbers(1, 6));
        }

        await().until(() -> bean.items().size() == 6);
        assertEquals(List.of(numbers(1, 2), numbers(3, 4), numbers(5, 6)), bean.batches());
    }

    @Test
    void deliveriesRunOnTheContainersWorkManager() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        RecordingBean bean = new RecordingBean();
        adapter.endpointActivation(new FakeEndpointFactory(bean), spec("e2e-threads", "50", "2"));

        try (BufferConnection connection = connection()) {
            for (int i = 1; i <= 5; i++) {
                connection.push("e2e-threads", i);
            }
        }

        await().until(() -> bean.items().size() == 5);
        assertEquals(numbers(1, 5), bean.items());
        assertTrue(bean.threads().stream().allMatch(name -> name.startsWith(PoolWorkManager.THREAD_PREFIX)),
                () -> "threads: " + bean.threads());
        assertTrue(started.workManager.submitted() > 0);
    }

    @Test
    void eachBatchGoesThroughAPairedEndpointDelivery() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        FakeEndpointFactory factory = new FakeEndpointFactory(new RecordingBean());
        adapter.endpointActivation(factory, spec("e2e-endpoints", "50", "2"));

        try (BufferConnection connection = connection()) {
            connection.pushAll("e2e-endpoints", numbers(1, 4));
        }

        await().until(() -> factory.calls().stream().filter("release"::equals).count() == 2);
        List<String> oneDelivery = List.of("createEndpoint", "beforeDelivery(onBatch)", "onBatch", "afterDelivery",
                "release");
        assertEquals(oneDelivery, factory.calls().subList(0, 5));
        assertEquals(oneDelivery, factory.calls().subList(5, 10));
    }

    @Test
    void aSecondActivationForTheSameBufferFailsNamingTheBuffer() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        RecordingBean first = new RecordingBean();
        RecordingBean second = new RecordingBean();
        adapter.endpointActivation(new FakeEndpointFactory(first), spec("e2e-twice", "50", "2"));

        ResourceException e = assertThrows(ResourceException.class, () -> adapter.endpointActivation(
                new FakeEndpointFactory(second), spec("e2e-twice", "50", "2")));

        assertTrue(e.getMessage().contains("'e2e-twice'"), e.getMessage());
        try (BufferConnection connection = connection()) {
            connection.pushAll("e2e-twice", numbers(1, 2));
        }
        await().until(() -> first.items().size() == 2);
        assertTrue(second.items().isEmpty());
    }

    @Test
    void aRefusedSecondActivationLeavesTheBuffersOptionsAsTheFirstSetThem() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        adapter.endpointActivation(new FakeEndpointFactory(new RecordingBean()), spec("e2e-refused", "60000", "2"));

        assertThrows(ResourceException.class, () -> adapter.endpointActivation(
                new FakeEndpointFactory(new RecordingBean()), spec("e2e-refused", "50", "7")));

        BufferOptions options = adapter.registry().get("e2e-refused").options();
        assertEquals(2, options.processingBatchSize());
        assertEquals(60_000, options.processingIntervalMs());
    }

    @Test
    void deactivationKeepsPendingDataForTheNextActivation() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        RecordingBean first = new RecordingBean();
        BufferActivationSpec firstSpec = spec("e2e-kept", "60000", "2"); // nothing is delivered on its interval
        adapter.endpointActivation(new FakeEndpointFactory(first), firstSpec);
        try (BufferConnection connection = connection()) {
            connection.pushAll("e2e-kept", numbers(1, 3));

            adapter.endpointDeactivation(null, firstSpec);
            connection.push("e2e-kept", 4); // accepted with no listener, kept too

            assertEquals(4, connection.size("e2e-kept"));
        }

        RecordingBean second = new RecordingBean();
        adapter.endpointActivation(new FakeEndpointFactory(second), spec("e2e-kept", "50", "2"));

        await().until(() -> second.items().size() == 4);
        assertEquals(numbers(1, 4), second.items());
        assertTrue(first.items().isEmpty());
    }

    @Test
    void anUndeployFailingTheBatchInFlightBeforeTheDeactivationLosesNothingEvenWithoutRetries() throws Exception {
        // Payara fails the call in flight and refuses new endpoints when an undeploy begins; endpointDeactivation
        // follows on another thread, here only once the failure has reached the engine. With maxRetries=0 that
        // failure, counted against the batch, dropped it.
        PartitionedBufferResourceAdapter adapter = start();
        BufferActivationSpec firstSpec = spec("e2e-undeploy-race", "60000", "10");
        firstSpec.setMaxRetries("0");
        CountDownLatch failed = new CountDownLatch(1);
        FakeEndpointFactory[] undeploying = new FakeEndpointFactory[1];
        undeploying[0] = new FakeEndpointFactory(batch -> {
            undeploying[0].stopContainer();
            failed.countDown();
            throw new EJBException("Message-driven bean invocation closed by container");
        });
        adapter.endpointActivation(undeploying[0], firstSpec);
        try (BufferConnection connection = connection()) {
            connection.pushAll("e2e-undeploy-race", numbers(1, 5));
        }
        MBEANS.invoke(mbeanName("e2e-undeploy-race"), "flush", null, null);
        assertTrue(failed.await(10, TimeUnit.SECONDS));
        // Deactivate only once the engine has decided about the failure: dropped the batch, or tried it again.
        await().until(() -> (Long) MBEANS.getAttribute(mbeanName("e2e-undeploy-race"), "Failures") > 0
                || undeploying[0].calls().stream().filter("createEndpoint"::equals).count() >= 3);
        adapter.endpointDeactivation(undeploying[0], firstSpec);
        assertEquals(0L, MBEANS.getAttribute(mbeanName("e2e-undeploy-race"), "Failures"), "the batch was given up");

        RecordingBean redeployed = new RecordingBean();
        BufferActivationSpec secondSpec = spec("e2e-undeploy-race", "60000", "10");
        secondSpec.setMaxRetries("0");
        adapter.endpointActivation(new FakeEndpointFactory(redeployed), secondSpec);

        await().until(() -> redeployed.items().size() == 5);
        assertEquals(numbers(1, 5), redeployed.items());
    }

    @Test
    void aReactivationMayChangeRuntimeOptions() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        BufferActivationSpec firstSpec = spec("e2e-changed", "60000", "2");
        adapter.endpointActivation(new FakeEndpointFactory(new RecordingBean()), firstSpec);
        adapter.endpointDeactivation(null, firstSpec);
        try (BufferConnection connection = connection()) {
            connection.pushAll("e2e-changed", numbers(1, 6));
        }

        RecordingBean bean = new RecordingBean();
        adapter.endpointActivation(new FakeEndpointFactory(bean), spec("e2e-changed", "50", "3"));

        await().until(() -> bean.items().size() == 6);
        assertEquals(List.of(numbers(1, 3), numbers(4, 6)), bean.batches());
    }

    @Test
    void aReactivationWithAnotherPartitionCountWhileItemsWaitIsRefusedNamingTheOption() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        BufferActivationSpec firstSpec = spec("e2e-fixed", "60000", "2");
        adapter.endpointActivation(new FakeEndpointFactory(new RecordingBean()), firstSpec);
        adapter.endpointDeactivation(null, firstSpec);
        try (BufferConnection connection = connection()) {
            connection.push("e2e-fixed", 1);
        }
        BufferActivationSpec secondSpec = spec("e2e-fixed", "50", "2");
        secondSpec.setPartitions("3");

        ResourceException e = assertThrows(ResourceException.class, () -> adapter.endpointActivation(
                new FakeEndpointFactory(new RecordingBean()), secondSpec));

        assertTrue(e.getMessage().contains("partitions=1 and holds 1 pending item(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("partitions=3"), e.getMessage());
        adapter.endpointActivation(new FakeEndpointFactory(new RecordingBean()), spec("e2e-fixed", "50", "2"));
    }

    @Test
    void aReactivationWithAnotherPartitionCountOfABufferHoldingNothingRecreatesIt() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        BufferActivationSpec firstSpec = spec("e2e-recreated", "60000", "2");
        adapter.endpointActivation(new FakeEndpointFactory(new RecordingBean()), firstSpec);
        adapter.endpointDeactivation(null, firstSpec);
        BufferActivationSpec secondSpec = spec("e2e-recreated", "50", "2");
        secondSpec.setPartitions("3");
        RecordingBean bean = new RecordingBean();

        adapter.endpointActivation(new FakeEndpointFactory(bean), secondSpec);

        try (BufferConnection connection = connection()) {
            connection.pushAll("e2e-recreated", numbers(1, 2));
        }
        await().until(() -> bean.items().size() == 2);
        assertEquals(3, adapter.registry().get("e2e-recreated").partitions());
    }

    @Test
    void deactivatingASpecThatWasNeverActivatedIsHarmless() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        RecordingBean bean = new RecordingBean();
        adapter.endpointActivation(new FakeEndpointFactory(bean), spec("e2e-other", "50", "2"));

        adapter.endpointDeactivation(null, spec("e2e-other", "50", "2")); // an equal spec, but not the activated one

        try (BufferConnection connection = connection()) {
            connection.pushAll("e2e-other", numbers(1, 2));
        }
        await().until(() -> bean.items().size() == 2);
    }

    @Test
    void eachBufferHasItsMBeanWhileTheAdapterRuns() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        adapter.endpointActivation(new FakeEndpointFactory(new RecordingBean()), spec("e2e-jmx", "60000", "2"));
        try (BufferConnection connection = connection()) {
            connection.pushAll("e2e-jmx", numbers(1, 3));
        }

        assertTrue(MBEANS.isRegistered(mbeanName("e2e-jmx")));
        assertEquals("queue", MBEANS.getAttribute(mbeanName("e2e-jmx"), "BufferType"));
        assertEquals(3L, MBEANS.getAttribute(mbeanName("e2e-jmx"), "Size"));

        adapter.stop();

        assertFalse(MBEANS.isRegistered(mbeanName("e2e-jmx")));
    }

    @Test
    void stopDeliversPendingDataToTheAttachedBean() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        RecordingBean bean = new RecordingBean();
        adapter.endpointActivation(new FakeEndpointFactory(bean), spec("e2e-stop", "60000", "2"));
        try (BufferConnection connection = connection()) {
            connection.pushAll("e2e-stop", numbers(1, 5));
        }
        assertTrue(bean.items().isEmpty(), "the interval is long: nothing delivered before stop");

        adapter.stop(); // returns once the buffers have delivered

        assertEquals(numbers(1, 5), bean.items());
        assertEquals(List.of(numbers(1, 2), numbers(3, 4), numbers(5, 5)), bean.batches());
    }

    @Test
    void adapterDefaultsApplyToActivationsThatDoNotSetTheOption() throws Exception {
        PartitionedBufferResourceAdapter configured = new PartitionedBufferResourceAdapter();
        configured.setDefaultProcessingBatchSize("3");
        configured.setDefaultProcessingIntervalMs("50");
        configured.setDefaultPartitions("1");
        PartitionedBufferResourceAdapter adapter = start(configured);
        RecordingBean bean = new RecordingBean();
        BufferActivationSpec spec = new BufferActivationSpec();
        spec.setBufferName("e2e-defaults");
        adapter.endpointActivation(new FakeEndpointFactory(bean), spec);

        try (BufferConnection connection = connection()) {
            connection.pushAll("e2e-defaults", numbers(1, 6));
        }

        await().until(() -> bean.items().size() == 6);
        assertEquals(List.of(numbers(1, 3), numbers(4, 6)), bean.batches());
    }

    @Test
    void aBadAdapterDefaultFailsActivationNamingTheAdapterProperty() throws Exception {
        PartitionedBufferResourceAdapter configured = new PartitionedBufferResourceAdapter();
        configured.setDefaultMaxRetries("many");
        PartitionedBufferResourceAdapter adapter = start(configured);

        ResourceException e = assertThrows(ResourceException.class, () -> adapter.endpointActivation(
                new FakeEndpointFactory(new RecordingBean()), spec("e2e-bad-default", "50", "2")));

        assertTrue(e.getMessage().contains("maxRetries=many"), e.getMessage());
        assertTrue(e.getMessage().contains("resource adapter config property defaultMaxRetries"), e.getMessage());
    }

    @Test
    void anActivationWithoutBufferNameFailsWithAResourceExceptionNamingTheProperty() throws Exception {
        // validate() is optional for the container ("may be called by a deployment tool"), so activation checks too.
        PartitionedBufferResourceAdapter adapter = start();

        ResourceException e = assertThrows(ResourceException.class, () -> adapter.endpointActivation(
                new FakeEndpointFactory(new RecordingBean()), new BufferActivationSpec()));

        assertTrue(e.getMessage().contains("bufferName"), e.getMessage());
    }

    @Test
    void anotherAdaptersActivationSpecIsNotSupported() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        ActivationSpec foreign = new ActivationSpec() {
            @Override
            public void validate() {
            }

            @Override
            public ResourceAdapter getResourceAdapter() {
                return null;
            }

            @Override
            public void setResourceAdapter(ResourceAdapter ra) {
            }
        };

        assertThrows(NotSupportedException.class, () -> adapter.endpointActivation(
                new FakeEndpointFactory(new RecordingBean()), foreign));
    }

    @Test
    void withoutMicroProfileConfigTheAdapterStartsWithNoBuffers() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();

        assertTrue(adapter.registry().buffers().isEmpty());
        assertTrue(MicroProfileOptions.declaredBuffers(getClass().getClassLoader()).isEmpty());
    }

    @Test
    void stopEndsTheContainerTimer() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        adapter.endpointActivation(new FakeEndpointFactory(new RecordingBean()), spec("e2e-timer", "50", "2"));

        adapter.stop();

        assertThrows(IllegalStateException.class, () -> started.bootstrapContext.timers().get(0).schedule(
                new java.util.TimerTask() {
                    @Override
                    public void run() {
                    }
                }, 1), "the adapter's timer should be cancelled by stop()");
    }

    @Test
    void aStoppedAdapterRefusesActivations() throws Exception {
        PartitionedBufferResourceAdapter adapter = start();
        adapter.stop();

        Exception e = assertThrows(Exception.class, () -> adapter.endpointActivation(
                new FakeEndpointFactory(new RecordingBean()), spec("e2e-stopped", "50", "2")));

        assertTrue(e.getMessage().contains("not started"), e.getMessage());
    }
}
