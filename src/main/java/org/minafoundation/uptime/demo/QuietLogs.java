package org.minafoundation.uptime.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Raises every logger below WARN to WARN while the demo runs, so that its own progress lines
 * are what the reader sees (warnings and errors still show); puts the levels back afterwards,
 * which matters when the demo runs inside a longer-lived JVM (the tests).
 */
final class QuietLogs implements AutoCloseable {

    private final Map<Logger, Level> saved = new LinkedHashMap<>();

    private QuietLogs() {
    }

    static QuietLogs start() {
        QuietLogs quiet = new QuietLogs();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            // Only loggers with a level of their own: the others inherit the root's.
            for (Logger logger : context.getLoggerList()) {
                Level level = logger.getLevel();
                if (level != null && !level.isGreaterOrEqual(Level.WARN)) {
                    quiet.saved.put(logger, level);
                    logger.setLevel(Level.WARN);
                }
            }
        }
        return quiet;
    }

    @Override
    public void close() {
        saved.forEach(Logger::setLevel);
    }
}
