package org.partitionedbuffer.ra;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkAdapter;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.partitionedbuffer.core.BufferScheduler;

/**
 * The engine's threads and time, from the container: deliveries run as Work on the {@code BootstrapContext}
 * WorkManager, ticks and other short timed tasks on the {@code BootstrapContext} timer. The timer has one thread for
 * every buffer, so it only ever runs short tasks (a tick asks for a drain, a retry hands itself to the WorkManager);
 * a slow listener occupies a WorkManager thread and delays no timer.
 *
 * <p>A WorkManager may accept Work and refuse it later (Open Liberty does once the adapter's own component stops), and
 * tell only a {@code WorkListener}: each Work goes with one, and a refusal reaches the engine's task exactly once,
 * instead of the run, however the server tells it.
 */
final class WorkManagerScheduler implements BufferScheduler {

    private static final Logger LOG = Logger.getLogger(WorkManagerScheduler.class.getName());

    private final WorkManager workManager;
    private final Timer timer;

    WorkManagerScheduler(WorkManager workManager, Timer timer) {
        this.workManager = workManager;
        this.timer = timer;
    }

    @Override
    public void execute(Runnable task) {
        Submission submission = new Submission(task);
        try {
            workManager.scheduleWork(submission, WorkManager.INDEFINITE, null, submission.listener());
        } catch (WorkException e) {
            if (submission.settle()) {
                throw new RejectedExecutionException("The WorkManager refused a delivery: " + e.getMessage(), e);
            }
            // its listener heard the refusal first, and told the task
        }
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        TimerTask timerTask = new TimerTask() {
            @Override
            public void run() {
                try {
                    task.run();
                } catch (RuntimeException | Error e) { // a throwing task would kill the timer thread for all buffers
                    LOG.log(Level.SEVERE, "A buffer timer task failed", e);
                }
            }
        };
        timer.schedule(timerTask, delayMillis);
        return timerTask::cancel;
    }

    /** Ends the timer thread; called once every buffer has stopped. */
    void close() {
        timer.cancel();
    }

    /**
     * One delivery as container Work, and what becomes of it: it either runs or is refused, exactly once. Work holds
     * no resource of its own, so release() has nothing to end. A refusal comes as an exception from {@code
     * scheduleWork}, as {@code workRejected}, or (Open Liberty, once the adapter's own component is stopping) as
     * {@code workCompleted} with an exception for a Work whose run() was never called.
     */
    private static final class Submission implements Work {
        private final Runnable task;
        /** Set by whichever comes first: the run, or the first message of a refusal. */
        private final AtomicBoolean settled = new AtomicBoolean();

        Submission(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (settle()) {
                task.run();
            }
        }

        @Override
        public void release() {
        }

        /** True for the first of the run and the refusal's messengers. */
        boolean settle() {
            return settled.compareAndSet(false, true);
        }

        WorkListener listener() {
            return new WorkAdapter() {
                @Override
                public void workRejected(WorkEvent event) {
                    refused(event.getException());
                }

                @Override
                public void workCompleted(WorkEvent event) {
                    if (event.getException() != null) {
                        refused(event.getException()); // ignored when run() began: its failure is its own
                    }
                }
            };
        }

        private void refused(WorkException why) {
            if (!settle()) {
                return;
            }
            LOG.log(Level.FINE, why, () -> "The WorkManager refused a delivery it had accepted");
            if (task instanceof RefusableTask refusable) {
                refusable.refused(why != null ? why : new WorkException("refused by the WorkManager"));
            } else {
                LOG.log(Level.WARNING, why, () -> "The WorkManager refused a buffer task that cannot be told");
            }
        }
    }
}
