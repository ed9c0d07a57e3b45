package org.minafoundation.uptime.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.minafoundation.uptime.config.ReadableDuration;

/**
 * Live while the batch loop has shown life within the limit: it ticks at the start of every
 * pass, every second while it waits for a batch to end or a retry, on every attempt while it
 * waits for the coordinator lock (or the database), and on every poll of a verifier Job. A
 * local verifier is waited for without ticks, for at most VERIFIER_TIMEOUT_MINUTES, so the
 * limit is three survey intervals plus that timeout. A loop silent for longer is stuck (a
 * call that never returns) and needs a restart.
 */
public final class BatchLoopLiveness extends AbstractHealthCheck {

    private final Clock clock;
    private final Duration limit;
    private final AtomicReference<Instant> lastTick;

    public BatchLoopLiveness(Clock clock, Duration surveyInterval, Duration verifierTimeout) {
        super("uptime", "batch-loop");
        this.clock = clock;
        this.limit = surveyInterval.multipliedBy(3).plus(verifierTimeout);
        this.lastTick = new AtomicReference<>(clock.instant());
    }

    /** Called by the batch loop whenever it shows life. */
    public void tick() {
        lastTick.set(clock.instant());
    }

    @Override
    public boolean isLiveness() {
        return true;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Duration since = Duration.between(lastTick.get(), clock.instant());
        builder.detail("last.tick", lastTick.get().toString());
        if (since.compareTo(limit) <= 0) {
            builder.up();
        } else {
            builder.message("the batch loop has not ticked for " + ReadableDuration.of(since)).down();
        }
    }
}
