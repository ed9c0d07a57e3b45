package org.minafoundation.uptime.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.SteppingClock;

/** Liveness: down only after the loop has shown no life for three survey intervals plus the verifier timeout. */
class BatchLoopLivenessTest {

    private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");

    @Test
    void silentForLongerThanTheLimitIsDownAndATickBringsItBack() throws Exception {
        SteppingClock clock = new SteppingClock(START, Duration.ZERO);
        BatchLoopLiveness liveness = new BatchLoopLiveness(clock, Duration.ofMinutes(20), Duration.ofMinutes(60));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            liveness.setCamelContext(camel);

            clock.set(START.plus(Duration.ofMinutes(120)));
            assertEquals(HealthCheck.State.UP, liveness.call(Map.of()).getState(), "a local verifier may take its hour");
            clock.set(START.plus(Duration.ofMinutes(120)).plusSeconds(1));
            assertEquals(HealthCheck.State.DOWN, liveness.call(Map.of()).getState());

            liveness.tick();
            assertEquals(HealthCheck.State.UP, liveness.call(Map.of()).getState());
        }
    }
}
