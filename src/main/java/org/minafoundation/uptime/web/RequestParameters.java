package org.minafoundation.uptime.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** The parameters of a request, checked: anything malformed is a 400 that says which and why. */
public final class RequestParameters {

    /** A Mina public key: B62 and 52 more base58 characters. */
    static final Pattern KEY = Pattern.compile("B62[1-9A-HJ-NP-Za-km-z]{52}");
    static final int MAX_LIMIT = 500;
    static final Duration MAX_RANGE = Duration.ofDays(7);
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);

    private RequestParameters() {
    }

    static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    static String key(String key) {
        if (!isKey(key)) {
            throw ApiProblem.badRequest("bad_key", "'" + shown(key) + "' is not a Mina public key (B62 and 52 more"
                    + " base58 characters)");
        }
        return key;
    }

    static int integer(String name, String value, int fallback, int minimum, int maximum) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= minimum && parsed <= maximum) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiProblem.badRequest("bad_" + name, name + " must be a whole number from " + minimum + " to " + maximum
                + ", not '" + shown(value) + "'");
    }

    static Optional<Instant> time(String name, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("bad_" + name, name + " must be an ISO-8601 UTC time such as"
                    + " 2024-06-05T06:00:00Z, not '" + shown(value) + "'");
        }
    }

    /** {@code [from, to)}: by default the 24 hours before {@code newest}; at most 7 days. */
    record Range(Instant from, Instant to) {
    }

    static Range range(String from, String to, Instant newest) {
        Optional<Instant> start = time("from", from);
        Optional<Instant> end = time("to", to);
        Instant until = end.orElse(start.map(s -> s.plus(DEFAULT_RANGE)).orElse(newest));
        Instant since = start.orElse(until.minus(DEFAULT_RANGE));
        if (!since.isBefore(until)) {
            throw ApiProblem.badRequest("bad_range", "from (" + since + ") must be before to (" + until + ")");
        }
        if (Duration.between(since, until).compareTo(MAX_RANGE) > 0) {
            throw ApiProblem.badRequest("range_too_long", "at most 7 days per request; from " + since + " to " + until
                    + " is longer");
        }
        return new Range(since, until);
    }

    /** What a request sent, shortened and stripped of control characters, to quote in an answer. */
    static String shown(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }
}
