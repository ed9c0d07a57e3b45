package org.minafoundation.uptime.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.support.SteppingClock;

/** SPEC §2: a batch ending in the future is held until two minutes after its end; one already ended goes at once. */
class BatchWaitTest {

    private static final Instant START = Instant.parse("2024-06-01T12:00:00Z");
    private static final Batch BATCH = new Batch(START, START.plus(Duration.ofMinutes(20)), 1, 5);

    @Test
    void aBatchEndingInTheFutureWaitsUntilTwoMinutesAfterItsEnd() throws Exception {
        SteppingClock clock = new SteppingClock(BATCH.end().minusSeconds(60), Duration.ofSeconds(60));
        AtomicInteger heartbeats = new AtomicInteger();

        new BatchWait(clock, heartbeats::incrementAndGet).untilDue(BATCH);

        assertEquals(BATCH.end().plus(Duration.ofMinutes(2)), clock.lastReading());
        assertEquals(2, heartbeats.get(), "a heartbeat for each step of the wait (liveness)");
    }

    @Test
    void aBatchThatHasEndedGoesAtOnceEvenWithinTheTwoMinutes() throws Exception {
        for (Duration sinceEnd : List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(119), Duration.ofDays(3))) {
            SteppingClock clock = new SteppingClock(BATCH.end().plus(sinceEnd), Duration.ofSeconds(10));

            new BatchWait(clock).untilDue(BATCH);

            assertEquals(List.of(BATCH.end().plus(sinceEnd)), clock.readings(), "ended " + sinceEnd + " ago");
        }
    }

    @Test
    void aStopEndsTheWaitAndThePassQuietly() throws Exception {
        SteppingClock clock = new SteppingClock(BATCH.end().minusSeconds(60), Duration.ZERO);
        BatchWait wait = new BatchWait(clock, () -> { });
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange pass = new DefaultExchange(camel);
            CompletableFuture<Batch> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return wait.untilDue(BATCH, pass);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            wait.stop();

            assertEquals(BATCH, waiting.get(30, TimeUnit.SECONDS));
            assertTrue(pass.isRouteStop(), "the rest of the pass is skipped");
        }
    }
}
