package org.minafoundation.uptime.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Live while the batch loop has ticked within three survey intervals: a loop stuck for
 * longer (the longest normal wait for a batch to end is one interval plus two minutes)
 * needs a restart.
 */
public final class BatchLoopLiveness extends AbstractHealthCheck {

    private final Clock clock;
    private final Duration limit;
    private final AtomicReference<Instant> lastTick;

    public BatchLoopLiveness(Clock clock, Duration surveyInterval) {
        super("uptime", "batch-loop");
        this.clock = clock;
        this.limit = surveyInterval.multipliedBy(3);
        this.lastTick = new AtomicReference<>(clock.instant());
    }

    /** Called by the batch loop on every tick. */
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
            builder.message("the batch loop has not ticked for " + since.toSeconds() + " s").down();
        }
    }
}
