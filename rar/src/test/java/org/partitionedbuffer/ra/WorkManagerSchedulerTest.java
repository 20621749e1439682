package org.partitionedbuffer.ra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkCompletedException;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.core.BufferScheduler;

// The engine's threads come from the container: execute() hands each task to the WorkManager as Work (a refusal
// becomes the RejectedExecutionException the engine retries on; a refusal after acceptance, told to the WorkListener,
// reaches a RefusableTask once), schedule() runs short tasks on the BootstrapContext
// timer, which survives a throwing task, honours cancel, and ends with close().
class WorkManagerSchedulerTest {

    private final RecordingWorkManager workManager = new RecordingWorkManager();
    private final Timer timer = new Timer("scheduler-test-timer", true);
    private final WorkManagerScheduler scheduler = new WorkManagerScheduler(workManager, timer);

    /** Keeps the Work it is given, to run when the test says; or refuses it. */
    private static final class RecordingWorkManager implements WorkManager {
        final List<Work> scheduled = new CopyOnWriteArrayList<>();
        final List<WorkListener> listeners = new CopyOnWriteArrayList<>();
        volatile WorkException refusal;
        /** Like some servers: a refusal is told to the listener before it is thrown. */
        volatile boolean tellsBeforeThrowing;

        @Override
        public void scheduleWork(Work work) throws WorkException {
            if (refusal != null) {
                throw refusal;
            }
            scheduled.add(work);
        }

        @Override
        public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
                throws WorkException {
            if (refusal != null && tellsBeforeThrowing) {
                listener.workRejected(new WorkEvent(this, WorkEvent.WORK_REJECTED, work, refusal));
            }
            scheduleWork(work);
            listeners.add(listener);
        }

        /** Refuses the accepted Work {@code index} later, as Open Liberty does for a stopping application. */
        void refuseLater(int index, WorkException why) {
            listeners.get(index).workRejected(new WorkEvent(this, WorkEvent.WORK_REJECTED, scheduled.get(index), why));
        }

        @Override
        public void doWork(Work work) {
            throw new AssertionError("deliveries must not block the caller: doWork");
        }

        @Override
        public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            doWork(work);
        }

        @Override
        public long startWork(Work work) {
            throw new AssertionError("expected scheduleWork, got startWork");
        }

        @Override
        public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            return startWork(work);
        }
    }

    @AfterEach
    void cancelTimer() {
        timer.cancel();
    }

    @Test
    void executeHandsTheTaskToTheWorkManagerAsWork() {
        AtomicBoolean ran = new AtomicBoolean();

        scheduler.execute(() -> ran.set(true));

        assertEquals(1, workManager.scheduled.size());
        assertFalse(ran.get(), "the task must run on the WorkManager's thread, not the caller's");
        workManager.scheduled.get(0).run();
        assertTrue(ran.get());
    }

    @Test
    void releasingTheWorkIsHarmless() {
        AtomicBoolean ran = new AtomicBoolean();
        scheduler.execute(() -> ran.set(true));
        Work work = workManager.scheduled.get(0);

        work.release();
        work.run();

        assertTrue(ran.get());
    }

    @Test
    void aWorkManagerRefusalBecomesRejectedExecutionException() {
        WorkRejectedException refusal = new WorkRejectedException("no free thread");
        workManager.refusal = refusal;

        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> scheduler.execute(() -> {
        }));

        assertSame(refusal, e.getCause());
        assertTrue(e.getMessage().contains("no free thread"), e.getMessage());
    }

    /** A task that counts its runs and the refusals it hears. */
    private static final class CountingTask implements BufferScheduler.RefusableTask {
        final List<Exception> refusals = new CopyOnWriteArrayList<>();
        volatile int runs;

        @Override
        public void run() {
            runs++;
        }

        @Override
        public void refused(Exception why) {
            refusals.add(why);
        }
    }

    @Test
    void workRefusedAfterItWasAcceptedIsToldToTheTaskOnce() {
        CountingTask task = new CountingTask();
        scheduler.execute(task);
        WorkRejectedException refusal = new WorkRejectedException("CWWKC1013E: the component is unavailable");

        workManager.refuseLater(0, refusal);
        workManager.refuseLater(0, refusal);

        assertEquals(List.of(refusal), task.refusals);
    }

    @Test
    void aRefusalBothToldAndThrownReachesTheTaskOnceAndIsNotThrownToTheEngine() {
        CountingTask task = new CountingTask();
        workManager.refusal = new WorkRejectedException("refused");
        workManager.tellsBeforeThrowing = true;

        scheduler.execute(task); // no RejectedExecutionException: the task already heard of it

        assertEquals(List.of(workManager.refusal), task.refusals);
    }

    @Test
    void workCompletedWithAnExceptionBeforeItsRunBeganIsARefusal() {
        CountingTask task = new CountingTask();
        scheduler.execute(task);
        Work work = workManager.scheduled.get(0);
        WorkCompletedException failure = new WorkCompletedException("CWWKC1013E: the component is unavailable");
        WorkListener listener = workManager.listeners.get(0);

        // Open Liberty: started, then completed with the refusal, and run() never called
        listener.workStarted(new WorkEvent(workManager, WorkEvent.WORK_STARTED, work, null));
        listener.workCompleted(new WorkEvent(workManager, WorkEvent.WORK_COMPLETED, work, failure));

        assertEquals(List.of(failure), task.refusals);
        work.run();
        assertEquals(0, task.runs, "refused: a late run() does nothing");
    }

    @Test
    void aFailureReportedAfterTheRunBeganIsNotARefusal() {
        CountingTask task = new CountingTask();
        scheduler.execute(task);
        Work work = workManager.scheduled.get(0);

        work.run();
        workManager.listeners.get(0).workCompleted(new WorkEvent(workManager, WorkEvent.WORK_COMPLETED, work,
                new WorkCompletedException("thrown by the run")));

        assertEquals(1, task.runs);
        assertTrue(task.refusals.isEmpty());
    }

    @Test
    void scheduleRunsTheTaskOnTheTimerThread() {
        AtomicReference<String> thread = new AtomicReference<>();

        scheduler.schedule(() -> thread.set(Thread.currentThread().getName()), 1);

        await().until(() -> "scheduler-test-timer".equals(thread.get()));
        assertTrue(workManager.scheduled.isEmpty(), "a timed task is not Work");
    }

    @Test
    void aThrowingTaskDoesNotKillTheTimer() {
        AtomicBoolean thrown = new AtomicBoolean();
        AtomicBoolean laterRan = new AtomicBoolean();
        scheduler.schedule(() -> {
            thrown.set(true);
            throw new IllegalStateException("listener bug");
        }, 0);
        await().untilTrue(thrown);

        // A dead timer would refuse this with IllegalStateException("Timer already cancelled"), or never run it.
        scheduler.schedule(() -> laterRan.set(true), 0);

        await().untilTrue(laterRan);
    }

    @Test
    void aTaskThrowingAnErrorDoesNotKillTheTimerEither() {
        AtomicBoolean thrown = new AtomicBoolean();
        AtomicBoolean laterRan = new AtomicBoolean();
        scheduler.schedule(() -> {
            thrown.set(true);
            throw new AssertionError("listener bug");
        }, 0);
        await().untilTrue(thrown);

        scheduler.schedule(() -> laterRan.set(true), 0);

        await().untilTrue(laterRan);
    }

    @Test
    void aCancelledTaskDoesNotRun() {
        AtomicBoolean cancelledRan = new AtomicBoolean();
        AtomicBoolean laterRan = new AtomicBoolean();
        BufferScheduler.Cancellable cancellable = scheduler.schedule(() -> cancelledRan.set(true), 100);

        cancellable.cancel();
        // The timer runs tasks in time order: once this later one has run, the cancelled one's time has passed.
        scheduler.schedule(() -> laterRan.set(true), 200);

        await().untilTrue(laterRan);
        assertFalse(cancelledRan.get());
    }

    @Test
    void cancellingATaskThatRanIsHarmless() {
        AtomicBoolean ran = new AtomicBoolean();
        BufferScheduler.Cancellable cancellable = scheduler.schedule(() -> ran.set(true), 0);
        await().untilTrue(ran);

        cancellable.cancel();

        AtomicBoolean laterRan = new AtomicBoolean();
        scheduler.schedule(() -> laterRan.set(true), 0);
        await().untilTrue(laterRan);
    }

    @Test
    void closeEndsTheTimerThread() {
        AtomicReference<Thread> timerThread = new AtomicReference<>();
        scheduler.schedule(() -> timerThread.set(Thread.currentThread()), 0);
        await().until(() -> timerThread.get() != null);

        scheduler.close();

        await().until(() -> !timerThread.get().isAlive());
        assertThrows(IllegalStateException.class, () -> scheduler.schedule(() -> {
        }, 0));
    }

    @Test
    void closeCancelsTasksNotYetRun() {
        AtomicBoolean ran = new AtomicBoolean();
        AtomicReference<Thread> timerThread = new AtomicReference<>();
        scheduler.schedule(() -> timerThread.set(Thread.currentThread()), 0);
        scheduler.schedule(() -> ran.set(true), 60_000);
        await().until(() -> timerThread.get() != null);

        scheduler.close();

        // The timer thread ends without waiting for the task: it will never run.
        await().until(() -> !timerThread.get().isAlive());
        assertFalse(ran.get());
    }
}
