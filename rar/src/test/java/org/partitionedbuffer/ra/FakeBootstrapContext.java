package org.partitionedbuffer.ra;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.CopyOnWriteArrayList;

/** The container's BootstrapContext for tests: a given WorkManager, real java.util.Timers (daemon), no transactions. */
public final class FakeBootstrapContext implements BootstrapContext {

    private final WorkManager workManager;
    private final List<Timer> timers = new CopyOnWriteArrayList<>();

    public FakeBootstrapContext(WorkManager workManager) {
        this.workManager = workManager;
    }

    /** The timers handed out so far, to cancel any the adapter left running. */
    public List<Timer> timers() {
        return timers;
    }

    @Override
    public WorkManager getWorkManager() {
        return workManager;
    }

    @Override
    public Timer createTimer() {
        Timer timer = new Timer("fake-bootstrap-timer", true);
        timers.add(timer);
        return timer;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
        return false;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return null;
    }
}
