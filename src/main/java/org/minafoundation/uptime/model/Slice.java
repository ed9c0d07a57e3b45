package org.minafoundation.uptime.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One of the equal sub-windows {@code [start, end)} of a batch that one verifier handles. */
public record Slice(int index, Instant start, Instant end) {

    /** The verifier's timestamp format: UTC, one fractional digit, e.g. {@code 2023-11-06 15:35:47.6+0000}. */
    private static final DateTimeFormatter VERIFIER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S+0000").withZone(ZoneOffset.UTC);

    public String verifierStart() {
        return VERIFIER_TIME.format(start);
    }

    public String verifierEnd() {
        return VERIFIER_TIME.format(end);
    }

    @Override
    public String toString() {
        return "slice " + index + " [" + start + ", " + end + ")";
    }
}
