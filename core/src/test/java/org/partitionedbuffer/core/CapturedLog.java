package org.partitionedbuffer.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the engine logs on a class's logger while a test runs, to check the lines an operator reads when a
 * batch is given up. Holds the logger, so it is not collected (and its handler lost) while capturing.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public CapturedLog(Class<?> source) {
        this(source.getName());
    }

    /** For a logger whose class the test cannot name (the engine's package-private ones, from the adapter's tests). */
    public CapturedLog(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Everything captured, in order. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    public List<LogRecord> at(Level level) {
        return records.stream().filter(record -> record.getLevel() == level).toList();
    }

    public List<String> messagesAt(Level level) {
        return at(level).stream().map(LogRecord::getMessage).toList();
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
