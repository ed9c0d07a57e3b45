package org.minafoundation.uptime.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.config.ReadableDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a batch whose window has not closed yet until late submissions have arrived: until
 * {@code end + 2 minutes}. A batch whose end has passed (catch-up, or a restart within the
 * two minutes) goes at once (SPEC §2). Time comes from the injected clock; the wait ends
 * early when the coordinator stops (the batch loop's pass then ends quietly, a retry's
 * pause with an exception).
 */
public final class BatchWait {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWait.class);
    static final Duration GRACE = Duration.ofMinutes(2);

    private final Clock clock;
    /** Called while waiting, at least once a second: a long wait is no stuck loop (liveness). */
    private final Runnable heartbeat;
    private volatile boolean stopping;

    public BatchWait(Clock clock) {
        this(clock, () -> { });
    }

    public BatchWait(Clock clock, Runnable heartbeat) {
        this.clock = clock;
        this.heartbeat = heartbeat;
    }

    Batch untilDue(Batch batch) throws InterruptedException {
        Instant due = batch.end().plus(GRACE);
        Instant now = clock.instant();
        if (now.isBefore(batch.end())) {
            LOG.info("{} is not over yet: waiting {} (until {})", batch,
                    ReadableDuration.of(Duration.between(now, due)), due);
            sleepUntil(due);
        }
        return batch;
    }

    /**
     * The batch loop's wait: a stop ends this pass quietly (nothing of the batch was done,
     * the next start processes it) instead of failing it.
     */
    public Batch untilDue(Batch batch, Exchange exchange) throws InterruptedException {
        try {
            return untilDue(batch);
        } catch (InterruptedException e) {
            if (!stopping) {
                throw e;
            }
            LOG.info("{} is left for the next start: the coordinator is stopping", batch);
            exchange.setRouteStop(true);
            return batch;
        }
    }

    /** Sleeps in short steps so that a stop request is noticed within a second. */
    public void sleepUntil(Instant due) throws InterruptedException {
        for (Instant now = clock.instant(); now.isBefore(due); now = clock.instant()) {
            if (stopping) {
                throw new InterruptedException("the coordinator is stopping");
            }
            heartbeat.run();
            Thread.sleep(Math.max(1, Math.min(1000, Duration.between(now, due).toMillis())));
        }
    }

    /** A real-time pause (retry back-off), whatever the injected clock says; ends early on stop. */
    public void pause(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            if (stopping) {
                throw new InterruptedException("the coordinator is stopping");
            }
            heartbeat.run();
            Thread.sleep(Math.max(1, Math.min(1000, left / 1_000_000)));
        }
    }

    public void stop() {
        stopping = true;
    }

    /** Whether the coordinator is stopping: a batch interrupted by it did not fail. */
    public boolean stopping() {
        return stopping;
    }
}
