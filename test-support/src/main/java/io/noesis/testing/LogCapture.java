package io.noesis.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures everything logged in this JVM while open (every logger ends at the root JUL logger, under
 * Quarkus too): the message, its parameters and any exception's stack trace, i.e. all a log formatter
 * could print, so a test can search the service's log output for what must never appear in it.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final StringBuilder text = new StringBuilder();

    private LogCapture() {
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        text.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(": ").append(record.getMessage());
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(" | ").append(parameter);
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace);
        }
        text.append('\n');
    }

    public synchronized String text() {
        return text.toString();
    }

    public synchronized int lines() {
        return (int) text.chars().filter(c -> c == '\n').count();
    }

    @Override
    public void flush() {
        // Kept in memory.
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
