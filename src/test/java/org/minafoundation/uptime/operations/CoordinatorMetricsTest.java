package org.minafoundation.uptime.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.metrics.CoordinatorMetrics;
import org.slf4j.LoggerFactory;

/** What /observe/metrics shows of the coordinator's registry, and what its log says about it. */
class CoordinatorMetricsTest {

    @Test
    void everyMetricOfOursHasAHelpTextThatSaysWhatItCounts() {
        PrometheusMeterRegistry registry = OperationsWiring.registry();
        new CoordinatorMetrics(registry, Clock.systemUTC());

        List<String> help = registry.scrape().lines().filter(line -> line.startsWith("# HELP uptime_")).toList();

        assertEquals(15, help.size(), "12 metrics, the 2 timers with their _max: " + help);
        for (String line : help) {
            String[] parts = line.split(" ", 4);
            String name = parts[2];
            String text = parts.length > 3 ? parts[3].strip() : "";
            assertTrue(text.length() > 10, "no description: " + line);
            assertFalse(text.replace(' ', '_').toLowerCase().startsWith(name.replaceAll("_(total|seconds|max)$", "")),
                    "the description repeats the name: " + line);
        }
    }

    @Test
    void camelsLastExchangeGaugeRegisteredTwiceAtOnceIsNoWarning() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        // Micrometer warns once per JVM and then logs at DEBUG: listen at DEBUG, so that what
        // another test set off first cannot hide it
        Logger micrometer = (Logger) LoggerFactory.getLogger("io.micrometer.core.instrument.MeterRegistry");
        Level level = micrometer.getLevel();
        micrometer.setLevel(Level.DEBUG);
        logs.start();
        micrometer.addAppender(logs);
        try {
            PrometheusMeterRegistry registry = OperationsWiring.registry();
            AtomicLong last = new AtomicLong();
            // what camel-micrometer's exchange event notifier does when two exchanges end at
            // once (the first batch's slices): both found no gauge, both register one
            for (int i = 0; i < 2; i++) {
                Gauge.builder("camel.exchanges.last.timestamp", last, AtomicLong::doubleValue)
                        .description("Last exchange processed time in milliseconds since the Unix epoch")
                        .register(registry);
            }

            List<String> doubles = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(message -> message.contains("already registered")).toList();
            assertEquals(List.of(), doubles);
        } finally {
            micrometer.detachAppender(logs);
            micrometer.setLevel(level);
        }
    }
}
