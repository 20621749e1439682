package org.partitionedbuffer.ra;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what a class logs while a test runs: the lines an operator reads. */
final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    CapturedLog(Class<?> source) {
        this(source.getName());
    }

    /** For a logger whose class the test cannot name (the engine's package-private ones). */
    CapturedLog(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
