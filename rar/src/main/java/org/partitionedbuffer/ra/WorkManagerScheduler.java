package org.partitionedbuffer.ra;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.partitionedbuffer.core.BufferScheduler;

/**
 * The engine's threads and time, from the container: deliveries run as Work on the {@code BootstrapContext}
 * WorkManager, ticks and other short timed tasks on the {@code BootstrapContext} timer. The timer has one thread for
 * every buffer, so it only ever runs short tasks (a tick asks for a drain, a retry hands itself to the WorkManager);
 * a slow listener occupies a WorkManager thread and delays no timer.
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
        try {
            workManager.scheduleWork(new BufferWork(task));
        } catch (WorkException e) {
            throw new RejectedExecutionException("The WorkManager refused a delivery: " + e.getMessage(), e);
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

    /** A delivery as container Work. It holds no resource of its own, so release() has nothing to end. */
    private record BufferWork(Runnable task) implements Work {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public void release() {
        }
    }
}
