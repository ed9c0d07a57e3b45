package org.minafoundation.uptime.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock the test moves: by {@code step} each time it is read (so a wait on it takes no
 * real time), or to an instant with {@link #set}. Remembers what it answered.
 */
public final class SteppingClock extends Clock {

    private final Duration step;
    private Instant next;
    private final List<Instant> readings = new ArrayList<>();

    public SteppingClock(Instant first, Duration step) {
        this.next = first;
        this.step = step;
    }

    @Override
    public synchronized Instant instant() {
        Instant now = next;
        readings.add(now);
        next = next.plus(step);
        return now;
    }

    public synchronized void set(Instant now) {
        next = now;
    }

    public synchronized List<Instant> readings() {
        return List.copyOf(readings);
    }

    public synchronized Instant lastReading() {
        return readings.get(readings.size() - 1);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
