package org.minafoundation.uptime.sim;

import java.time.Instant;
import java.util.function.LongConsumer;

/**
 * When each machine submits, in microseconds since the epoch. Every machine has a fixed
 * 15-minute cycle counted from genesis, its own offset within the cycle and a jitter of
 * up to 30 s either way per cycle (so 840 to 960 s apart). Cycle k's time is a function
 * of (seed, producer, machine, k) only, which makes a query over any window O(window) and
 * splits of a window agree with the whole.
 */
final class SubmissionSchedule {

    static final long MICROS = 1_000_000L;
    static final long CYCLE = 900 * MICROS;
    static final long JITTER = 30 * MICROS;
    private static final long GENESIS = micros(SimulatedChain.GENESIS);
    private static final long DAY = 86_400 * MICROS;
    private static final long MAX_ONLINE = 6 * 3_600 * MICROS;
    private static final long OFFSET_TAG = 0x4F4646L;
    private static final long JITTER_TAG = 0x4A4954L;
    private static final long PHASE_TAG = 0x504841L;
    private static final long ONLINE_TAG = 0x4F4E4CL;

    private final long seed;

    SubmissionSchedule(long seed) {
        this.seed = seed;
    }

    /**
     * Calls {@code times} with the cycle number of each submission time of one machine in
     * {@code [from, to)} (microseconds), in order; the time itself is {@link #time}.
     */
    void cycles(int producer, int machine, int machines, long from, long to, LongConsumer times) {
        long offset = offset(producer, machine, machines);
        long first = Math.max(0, Math.floorDiv(from - GENESIS - offset - JITTER, CYCLE));
        long last = Math.floorDiv(to - GENESIS - offset + JITTER, CYCLE);
        for (long k = first; k <= last; k++) {
            long at = time(producer, machine, machines, k);
            if (at >= from && at < to && at >= GENESIS) {
                times.accept(k);
            }
        }
    }

    long time(int producer, int machine, int machines, long cycle) {
        long jitter = Mix.below(Mix.hash(seed, JITTER_TAG, producer, machine, cycle), 2 * JITTER) - JITTER;
        return GENESIS + cycle * CYCLE + offset(producer, machine, machines) + jitter;
    }

    /**
     * Whether an intermittent producer is online at {@code at}: its days (24 h from its own
     * phase) start with 0 to 6 online hours, then it is offline until the next day.
     */
    boolean intermittentOnline(int producer, long at) {
        long phase = Mix.below(Mix.hash(seed, PHASE_TAG, producer), DAY);
        long day = Math.floorDiv(at - GENESIS - phase, DAY);
        long dayStart = GENESIS + phase + day * DAY;
        return at - dayStart < Mix.below(Mix.hash(seed, ONLINE_TAG, producer, day), MAX_ONLINE);
    }

    /** Machines of one key spread evenly over the cycle, so their times never meet. */
    private long offset(int producer, int machine, int machines) {
        long base = Mix.below(Mix.hash(seed, OFFSET_TAG, producer), CYCLE);
        return (base + machine * (CYCLE / machines)) % CYCLE;
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), MICROS), t.getNano() / 1000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS), Math.floorMod(micros, MICROS) * 1000);
    }
}
