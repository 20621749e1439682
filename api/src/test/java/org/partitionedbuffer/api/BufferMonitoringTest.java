package org.partitionedbuffer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BufferMonitoringTest {

    private final List<BufferMonitoring.Registration> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        toClose.forEach(BufferMonitoring.Registration::close);
    }

    private <T extends BufferMonitoring.Registration> T closedAfterTest(T registration) {
        toClose.add(registration);
        return registration;
    }

    @Test
    void aListenerAddedBeforeAnAdapterStartsObservesItOnceItIsInstalled() {
        BufferEventListener listener = new BufferEventListener() { };
        closedAfterTest(BufferMonitoring.addEventListener(listener));
        FakeSource source = new FakeSource("a");

        closedAfterTest(BufferMonitoring.install(source));

        assertEquals(List.of(listener), source.listeners);
    }

    @Test
    void anAdapterThatStopsReleasesTheListenersAndTheNextOneGetsThem() {
        BufferEventListener listener = new BufferEventListener() { };
        closedAfterTest(BufferMonitoring.addEventListener(listener));
        FakeSource first = new FakeSource("a");
        BufferMonitoring.Registration firstInstall = BufferMonitoring.install(first);

        firstInstall.close();
        FakeSource restarted = new FakeSource("a");
        closedAfterTest(BufferMonitoring.install(restarted));

        assertEquals(List.of(), first.listeners);
        assertEquals(List.of(listener), restarted.listeners);
        assertEquals(List.of("a"), BufferMonitoring.buffers().stream().map(BufferView::name).toList());
    }

    @Test
    void closingARegistrationRemovesTheListenerEverywhereAndClosingTwiceDoesNothing() {
        FakeSource source = closedAfterTestInstall(new FakeSource("a"));
        FakeSource other = closedAfterTestInstall(new FakeSource("b"));
        int before = BufferMonitoring.listenerCount();
        BufferMonitoring.Registration registration = BufferMonitoring.addEventListener(new BufferEventListener() { });

        registration.close();
        registration.close();

        assertEquals(List.of(), source.listeners);
        assertEquals(List.of(), other.listeners);
        assertEquals(before, BufferMonitoring.listenerCount());
    }

    @Test
    void theSameListenerCannotBeAddedTwice() {
        BufferEventListener listener = new BufferEventListener() { };
        closedAfterTest(BufferMonitoring.addEventListener(listener));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BufferMonitoring.addEventListener(listener));

        assertTrue(refused.getMessage().contains("already added"), refused.getMessage());
    }

    @Test
    void buffersAreFoundInEveryInstalledAdapter() {
        closedAfterTestInstall(new FakeSource("a"));
        closedAfterTestInstall(new FakeSource("b"));

        assertEquals(List.of("a", "b"), BufferMonitoring.buffers().stream().map(BufferView::name).toList());
        assertEquals("b", BufferMonitoring.buffer("b").orElseThrow().name());
        assertEquals(Optional.empty(), BufferMonitoring.buffer("c"));
    }

    private FakeSource closedAfterTestInstall(FakeSource source) {
        closedAfterTest(BufferMonitoring.install(source));
        return source;
    }

    /** An adapter with one buffer, recording the listeners it holds. */
    private static final class FakeSource implements BufferMonitoring.Source {
        final List<BufferEventListener> listeners = new ArrayList<>();
        final BufferView view;

        FakeSource(String bufferName) {
            this.view = new BufferView() {
                public String name() {
                    return bufferName;
                }

                public BufferType type() {
                    return BufferType.QUEUE;
                }

                public int partitions() {
                    return 1;
                }

                public long size() {
                    return 0;
                }

                public long size(int partition) {
                    return 0;
                }

                public PartitionCounts counts(int partition) {
                    return new PartitionCounts(0, 0, 0, 0, 0, 0, 0, 0);
                }

                public long rejected() {
                    return 0;
                }

                public Optional<ClassLoader> listenerClassLoader() {
                    return Optional.empty();
                }
            };
        }

        @Override
        public BufferMonitoring.Registration addEventListener(BufferEventListener listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public List<BufferView> buffers() {
            return List.of(view);
        }

        @Override
        public Optional<BufferView> buffer(String name) {
            return view.name().equals(name) ? Optional.of(view) : Optional.empty();
        }
    }
}
