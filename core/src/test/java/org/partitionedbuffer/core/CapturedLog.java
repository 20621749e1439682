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
final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    CapturedLog(Class<?> source) {
        this.logger = Logger.getLogger(source.getName());
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    List<LogRecord> at(Level level) {
        return records.stream().filter(record -> record.getLevel() == level).toList();
    }

    List<String> messagesAt(Level level) {
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
