package org.partitionedbuffer.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.core.BufferScheduler;

// Timers and tasks move from a leaving host to the next one: nothing runs while parked, everything held runs on the
// next host (timers at their due time), a cancelled timer never runs, and a timer that fired is not moved.
class HandOverSchedulerTest {

    /** A host that records what it was given and runs it when the test says. */
    private static final class RecordingHost implements BufferScheduler {
        final List<Runnable> executed = new ArrayList<>();
        final List<Runnable> timers = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();
        final List<Runnable> cancelled = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            executed.add(task);
        }

        @Override
        public Cancellable schedule(Runnable task, long delayMillis) {
            timers.add(task);
            delays.add(delayMillis);
            return () -> cancelled.add(task);
        }

        void fireAll() {
            List.copyOf(timers).forEach(Runnable::run);
            List.copyOf(executed).forEach(Runnable::run);
        }
    }

    private final HandOverScheduler scheduler = new HandOverScheduler();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void timersAndTasksOfAParkedSchedulerRunOnTheNextHostOnly() {
        RecordingHost leaving = new RecordingHost();
        RecordingHost next = new RecordingHost();
        scheduler.host(leaving);
        scheduler.schedule(() -> ran.add("tick"), 60_000);

        scheduler.park();
        scheduler.execute(() -> ran.add("delivery"));
        scheduler.schedule(() -> ran.add("retry"), 10);
        leaving.fireAll(); // a late firing of the leaving host's timer
        assertEquals(List.of(), ran);
        assertEquals(List.of(leaving.timers.get(0)), leaving.cancelled, "the leaving host's timer is called off");
        assertEquals(3, scheduler.held());

        scheduler.host(next);
        assertEquals(0, scheduler.held());
        assertEquals(2, next.timers.size());
        assertEquals(true, next.delays.get(0) > 59_000, "the tick keeps its due time: " + next.delays);
        next.fireAll();
        assertEquals(List.of("tick", "retry", "delivery"), ran);
    }

    @Test
    void aTimerCancelledWhileHeldNeverRunsAndAFiredOneIsNotMoved() {
        RecordingHost leaving = new RecordingHost();
        RecordingHost next = new RecordingHost();
        scheduler.host(leaving);
        BufferScheduler.Cancellable watchdog = scheduler.schedule(() -> ran.add("watchdog"), 100);
        scheduler.schedule(() -> ran.add("fired"), 0);
        leaving.timers.get(1).run();

        scheduler.park();
        watchdog.cancel();
        scheduler.host(next);
        next.fireAll();

        assertEquals(List.of("fired"), ran);
        assertEquals(0, next.timers.size());
    }
}
