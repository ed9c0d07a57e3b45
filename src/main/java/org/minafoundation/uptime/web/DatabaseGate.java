package org.minafoundation.uptime.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * While the database is down every request would wait for the pool's connection timeout on a
 * worker thread, and a crowd of clients would queue behind them until their own timeouts. So
 * once a request found the database unreachable, the next ones are answered 503 at once for a
 * moment; the first request after it tries the database again, so the service recovers by
 * itself as soon as the database is back.
 */
public final class DatabaseGate {

    static final Duration CLOSED_FOR = Duration.ofSeconds(1);

    private final Clock clock;
    private volatile Instant closedUntil = Instant.MIN;

    public DatabaseGate(Clock clock) {
        this.clock = clock;
    }

    /** Throws the 503 when the database was found unreachable a moment ago. */
    public void check() {
        if (clock.instant().isBefore(closedUntil)) {
            throw ApiProblems.unavailable();
        }
    }

    void unreachable() {
        closedUntil = clock.instant().plus(CLOSED_FOR);
    }
}
