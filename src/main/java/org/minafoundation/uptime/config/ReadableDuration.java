package org.minafoundation.uptime.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * A duration as an operator reads it in a log line: {@code 0.04 s}, {@code 12.3 s},
 * {@code 19m52s}, {@code 1h00m00s}; never {@code PT19M51.97655934S} or
 * {@code 0.036021808 s}. Under ten seconds two decimals, under a minute one, from a
 * minute on whole seconds; trailing zeros dropped, whatever the locale.
 */
public final class ReadableDuration {

    private ReadableDuration() {
    }

    public static String of(Duration duration) {
        if (duration.isNegative()) {
            return "-" + of(duration.negated());
        }
        return ofSeconds(BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9)));
    }

    /** Seconds as measured with {@code System.nanoTime() / 1e9} or kept as a double. */
    public static String ofSeconds(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return seconds + " s";
        }
        if (seconds < 0) {
            return "-" + ofSeconds(-seconds);
        }
        return ofSeconds(BigDecimal.valueOf(seconds));
    }

    private static String ofSeconds(BigDecimal seconds) {
        BigDecimal shown = seconds.setScale(seconds.compareTo(BigDecimal.TEN) < 0 ? 2 : 1, RoundingMode.HALF_UP);
        if (shown.compareTo(BigDecimal.valueOf(60)) < 0) {
            BigDecimal stripped = shown.stripTrailingZeros();
            return (stripped.signum() == 0 ? "0" : stripped.toPlainString()) + " s";
        }
        long whole = seconds.setScale(0, RoundingMode.HALF_UP).longValueExact();
        long hours = whole / 3600;
        long minutes = whole % 3600 / 60;
        long rest = whole % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%dh%02dm%02ds", hours, minutes, rest)
                : String.format(Locale.ROOT, "%dm%02ds", minutes, rest);
    }
}
