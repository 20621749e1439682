package org.partitionedbuffer.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.partitionedbuffer.micrometer.BufferMetric.APPLICATION_TAG;
import static org.partitionedbuffer.micrometer.BufferMetric.BUFFER_TAG;
import static org.partitionedbuffer.micrometer.BufferMetric.PARTITION_TAG;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferMonitoring;
import org.partitionedbuffer.api.PartitionCounts;
import org.partitionedbuffer.micrometer.FakeAdapter.FakeBuffer;

/** The meters one application gets, in a registry shared with others as WildFly's is, from a fake adapter. */
class ApplicationBufferObserverTest {

    private static final String APP = "orders";
    private static final String OTHER_APP = "billing";

    private final URLClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader());
    private final URLClassLoader otherApplication = new URLClassLoader(new URL[0], getClass().getClassLoader());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeAdapter adapter = new FakeAdapter();
    private final List<BufferMonitoring.Registration> registrations = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        registrations.forEach(BufferMonitoring.Registration::close);
        adapter.close();
        application.close();
        otherApplication.close();
    }

    /** What the CDI bean does when the application starts. */
    private ApplicationBufferObserver start(String name, ClassLoader loader) {
        ApplicationBufferObserver observer = new ApplicationBufferObserver(registry, loader, name);
        registrations.add(BufferMonitoring.addEventListener(observer));
        observer.claimListenedBuffers();
        return observer;
    }

    private void insertFrom(ClassLoader loader, String buffer, int partition, int count) {
        FakeAdapter.onThreadOf(loader, () -> adapter.fire(listener -> listener.inserted(buffer, partition, count)));
    }

    private Tags tags(String app, String buffer, int partition) {
        return Tags.of(APPLICATION_TAG, app, BUFFER_TAG, buffer, PARTITION_TAG, Integer.toString(partition));
    }

    private double count(BufferMetric metric, String app, String buffer, int partition) {
        return registry.get(metric.metricName()).tags(tags(app, buffer, partition)).functionCounter().count();
    }

    private boolean shown(String buffer) {
        return !registry.find(BufferMetric.INSERTED.metricName()).tag(BUFFER_TAG, buffer).meters().isEmpty();
    }

    @Test
    void aBufferTheApplicationInsertsIntoShowsTheBuffersOwnCountsReadAtEachScrape() {
        FakeBuffer events = adapter.buffer("events", 2);
        events.counts(1, new PartitionCounts(100, 90, 7, 6, 2, 3, 4, 5));
        start(APP, application);
        assertTrue(registry.getMeters().isEmpty(), "nothing before the application uses a buffer");

        insertFrom(application, "events", 0, 1);

        assertEquals(100, count(BufferMetric.INSERTED, APP, "events", 1), "counted before the claim, by anyone");
        assertEquals(90, count(BufferMetric.PROCESSED, APP, "events", 1));
        assertEquals(7, count(BufferMetric.PROCESSING_EXCEPTIONS, APP, "events", 1));
        assertEquals(6, count(BufferMetric.RETRIES, APP, "events", 1));
        assertEquals(2, count(BufferMetric.PROCESSING_FAILURES, APP, "events", 1));
        assertEquals(3, count(BufferMetric.DEAD_LETTERED, APP, "events", 1));
        assertEquals(4, count(BufferMetric.DROPPED, APP, "events", 1));
        assertEquals(5, count(BufferMetric.ITEMS_MARKED_FAILED, APP, "events", 1));
        assertEquals(0, count(BufferMetric.INSERTED, APP, "events", 0));

        events.counts(0, new PartitionCounts(12, 0, 0, 0, 0, 0, 0, 0));
        events.size(0, 12);
        assertEquals(12, count(BufferMetric.INSERTED, APP, "events", 0), "read when scraped");
        assertEquals(12, registry.get(BufferMetric.SIZE.metricName()).tags(tags(APP, "events", 0)).gauge().value());
    }

    @Test
    void aBufferOnlyOtherApplicationsInsertIntoIsNotShown() {
        adapter.buffer("events", 2);
        start(APP, application);

        insertFrom(otherApplication, "events", 0, 3);
        adapter.fire(listener -> listener.processingStopped("events", 0, 3, 1, 1_000));

        assertTrue(registry.getMeters().isEmpty(), registry.getMeters().toString());
    }

    @Test
    void aRefusedInsertClaimsTheBufferWhoseRejectionsHaveNoPartition() {
        FakeBuffer events = adapter.buffer("events", 1);
        events.rejected(9);
        start(APP, application);

        FakeAdapter.onThreadOf(application, () -> adapter.fire(listener -> listener.rejected("events", 3)));

        assertEquals(9, registry.get(BufferMetric.REJECTED.metricName())
                .tags(Tags.of(APPLICATION_TAG, APP, BUFFER_TAG, "events")).functionCounter().count());
        assertNull(registry.get(BufferMetric.REJECTED.metricName()).functionCounter().getId().getTag(PARTITION_TAG));
    }

    @Test
    void aBufferTheApplicationListensToIsShownFromTheStartOrWhenItsBeanAttaches() {
        adapter.buffer("listened-before", 1).listener(application);
        FakeBuffer later = adapter.buffer("listened-later", 1);
        FakeBuffer others = adapter.buffer("listened-by-others", 1);
        start(APP, application);
        assertTrue(shown("listened-before"));
        assertFalse(shown("listened-later"));

        later.listener(application);
        others.listener(otherApplication);
        adapter.fire(listener -> listener.listenerAttached("listened-later"));
        adapter.fire(listener -> listener.listenerAttached("listened-by-others"));

        assertTrue(shown("listened-later"));
        assertFalse(shown("listened-by-others"));
    }

    @Test
    void partitionStartsAndStopsCountFromBeforeTheClaim() {
        adapter.buffer("events", 2); // both partitions started before the application: told when it starts
        start(APP, application);
        adapter.fire(listener -> listener.partitionStopped("events", 0, 1_000, "shutdown"));
        adapter.fire(listener -> listener.partitionStarted("events", 0, 0));

        insertFrom(application, "events", 1, 1);
        adapter.fire(listener -> listener.partitionStopped("events", 1, 1_000, "shutdown"));

        assertEquals(2, count(BufferMetric.PARTITION_STARTS, APP, "events", 0));
        assertEquals(1, count(BufferMetric.PARTITION_STOPS, APP, "events", 0));
        assertEquals(1, count(BufferMetric.PARTITION_STARTS, APP, "events", 1));
        assertEquals(1, count(BufferMetric.PARTITION_STOPS, APP, "events", 1));
    }

    @Test
    void deliveriesOfAClaimedBufferAreTimedAndSizedFromTheClaimOn() {
        adapter.buffer("events", 1).listener(application);
        adapter.fire(listener -> listener.processingStopped("events", 0, 50, 1, 1_000_000)); // before the start
        start(APP, application);

        adapter.fire(listener -> listener.processingStopped("events", 0, 10, 1, 2_000_000));
        adapter.fire(listener -> listener.processingException("events", 0, 4, 1, 5_000_000, new IllegalStateException()));

        var timer = registry.get(BufferMetric.PROCESSING_DURATION.metricName()).tags(tags(APP, "events", 0)).timer();
        assertEquals(2, timer.count(), "every onBatch, whatever its outcome");
        assertEquals(7, timer.totalTime(TimeUnit.MILLISECONDS));
        var batchSize = registry.get(BufferMetric.BATCH_SIZE.metricName()).tags(tags(APP, "events", 0)).summary();
        assertEquals(1, batchSize.count(), "successful batches only");
        assertEquals(10, batchSize.totalAmount());
    }

    @Test
    void everyMeterOfTheContractIsRegisteredForEachPartitionAndTheRejectionsForTheBuffer() {
        adapter.buffer("events", 3);
        start(APP, application);
        insertFrom(application, "events", 0, 1);

        List<Meter.Id> ids = registry.getMeters().stream().map(Meter::getId).toList();
        for (int partition = 0; partition < 3; partition++) {
            String tag = Integer.toString(partition);
            Set<String> names = ids.stream().filter(id -> tag.equals(id.getTag(PARTITION_TAG)))
                    .map(Meter.Id::getName).collect(Collectors.toSet());
            Set<String> expected = EnumSet.complementOf(EnumSet.of(BufferMetric.REJECTED)).stream()
                    .map(BufferMetric::metricName).collect(Collectors.toSet());
            assertEquals(expected, names, "partition " + partition);
        }
        assertEquals(3 * (BufferMetric.values().length - 1) + 1, ids.size());
        ids.forEach(id -> assertEquals(Arrays.stream(BufferMetric.values())
                .filter(metric -> metric.metricName().equals(id.getName())).findFirst().orElseThrow()
                .description(), id.getDescription()));
    }

    @Test
    void twoApplicationsInOneRegistryShowTheSameFiguresUnderTheirOwnTagAndStopApart() {
        FakeBuffer events = adapter.buffer("events", 1);
        ApplicationBufferObserver orders = start(APP, application);
        start(OTHER_APP, otherApplication);
        events.listener(otherApplication);
        adapter.fire(listener -> listener.listenerAttached("events")); // the other application listens
        insertFrom(application, "events", 0, 5); // this one pushes
        events.counts(0, new PartitionCounts(5, 5, 0, 0, 0, 0, 0, 0));
        adapter.fire(listener -> listener.processingStopped("events", 0, 5, 1, 3_000_000));

        for (String app : List.of(APP, OTHER_APP)) {
            assertEquals(5, count(BufferMetric.PROCESSED, app, "events", 0), app);
            assertEquals(1, registry.get(BufferMetric.PROCESSING_DURATION.metricName()).tags(tags(app, "events", 0))
                    .timer().count(), app + ": each batch once");
        }

        orders.removeMeters();

        assertTrue(registry.find(BufferMetric.INSERTED.metricName()).tag(APPLICATION_TAG, APP).meters().isEmpty());
        assertEquals(5, count(BufferMetric.PROCESSED, OTHER_APP, "events", 0), "the other application's stay");
    }

    @Test
    void stoppingRemovesEveryMeterAndClaimsNothingAfter() {
        adapter.buffer("events", 2);
        adapter.buffer("audit", 1).listener(application);
        ApplicationBufferObserver observer = start(APP, application);
        insertFrom(application, "events", 0, 1);
        assertTrue(shown("events") && shown("audit"));

        observer.removeMeters();
        assertTrue(registry.getMeters().isEmpty(), registry.getMeters().toString());

        // events still in flight on the adapter's threads when the application stopped
        insertFrom(application, "events", 1, 1);
        observer.listenerAttached("audit");
        assertTrue(registry.getMeters().isEmpty(), registry.getMeters().toString());
    }

    @Test
    void aRemovedBufferGrowingKeepsNothingRegistered() {
        BufferMeters meters = new BufferMeters(registry, Tags.of(APPLICATION_TAG, APP), "events", 1,
                new PartitionLifecycle());
        meters.remove();

        meters.partition(3).processingDuration.record(1, TimeUnit.MILLISECONDS);

        assertTrue(registry.getMeters().isEmpty(), registry.getMeters().toString());
    }

    @Test
    void aPartitionBeyondTheClaimedOnesGetsItsMeters() {
        adapter.buffer("events", 2);
        start(APP, application);
        insertFrom(application, "events", 0, 1);

        adapter.fire(listener -> listener.partitionStarted("events", 2, 0)); // restarted with more partitions
        adapter.fire(listener -> listener.partitionStarted("events", 3, 0));

        assertEquals(1, count(BufferMetric.PARTITION_STARTS, APP, "events", 2));
        assertEquals(1, count(BufferMetric.PARTITION_STARTS, APP, "events", 3));
        assertEquals(0, count(BufferMetric.INSERTED, APP, "events", 3), "0 while the adapter's buffer has 2");
    }

    @Test
    void aBufferTheAdapterNoLongerHasReadsZero() {
        FakeBuffer events = adapter.buffer("events", 1);
        events.counts(0, new PartitionCounts(4, 0, 0, 0, 0, 0, 0, 0));
        events.size(0, 4);
        start(APP, application);
        insertFrom(application, "events", 0, 4);

        adapter.close(); // the adapter stopped

        assertEquals(0, count(BufferMetric.INSERTED, APP, "events", 0));
        assertEquals(0, registry.get(BufferMetric.SIZE.metricName()).tags(tags(APP, "events", 0)).gauge().value());
    }
}
