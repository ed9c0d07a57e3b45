package org.minafoundation.uptime.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * What the demo simulates: {@code producers} block producers for {@code hours} hours from a
 * fixed instant, so one seed always gives the same network, batches and scores.
 */
public record DemoParameters(int producers, int hours, long seed) {

    /** A fixed start, not "now": the output depends on the seed alone. */
    public static final Instant START = Instant.parse("2024-06-01T00:00:00Z");
    static final Duration BATCH = Duration.ofMinutes(DemoSettings.SURVEY_INTERVAL_MINUTES);

    public DemoParameters {
        if (producers < 1) {
            throw new IllegalArgumentException("at least one producer, not " + producers);
        }
        if (hours < 1) {
            throw new IllegalArgumentException("at least one hour, not " + hours);
        }
    }

    public Instant start() {
        return START;
    }

    public Instant end() {
        return START.plus(Duration.ofHours(hours));
    }

    public int batches() {
        return (int) (Duration.ofHours(hours).toMinutes() / BATCH.toMinutes());
    }
}
