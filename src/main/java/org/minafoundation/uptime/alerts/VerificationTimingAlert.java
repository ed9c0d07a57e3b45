package org.minafoundation.uptime.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.minafoundation.uptime.config.ReadableDuration;
import org.minafoundation.uptime.model.Carried;

/**
 * SPEC §4: whether the verifier dispatch of a batch was suspiciously quick or slow, and the
 * message to post. Both checks are independent, as in the reference (with a lower limit
 * above the upper one, both messages go out); an unset limit is not checked.
 */
public final class VerificationTimingAlert {

    private final Optional<Double> lowerLimitSeconds;
    private final Optional<Double> upperLimitSeconds;

    public VerificationTimingAlert(Optional<Double> lowerLimitSeconds, Optional<Double> upperLimitSeconds) {
        this.lowerLimitSeconds = lowerLimitSeconds;
        this.upperLimitSeconds = upperLimitSeconds;
    }

    /** The alerts for a dispatch that took {@code seconds}; empty when it is within limits. */
    public List<String> messages(@ExchangeProperty(Carried.VERIFICATION_SECONDS) double seconds) {
        List<String> messages = new ArrayList<>(2);
        if (lowerLimitSeconds.isPresent() && seconds < lowerLimitSeconds.get()) {
            messages.add("ZkApp Validation took " + seconds(seconds, RoundingMode.FLOOR) + " seconds, which is too quick");
        }
        if (upperLimitSeconds.isPresent() && seconds > upperLimitSeconds.get()) {
            messages.add("ZkApp Validation took " + seconds(seconds, RoundingMode.CEILING) + ", which is too long");
        }
        return messages;
    }

    /** The dispatch's time for the log line: {@code 0.04 s}, {@code 19m52s}. */
    public String took(@ExchangeProperty(Carried.VERIFICATION_SECONDS) double seconds) {
        return ReadableDuration.ofSeconds(seconds);
    }

    /**
     * The reference interpolates its timer's raw value (e.g. {@code 1.2345678}); we print
     * seconds to at most 3 decimals, without trailing zeros or exponent and whatever the
     * locale: {@code 1.234}, {@code 0.5}, {@code 742}. Rounded away from the limit crossed
     * (down when too quick, up when too long), so the time printed is never the limit itself.
     */
    static String seconds(double seconds, RoundingMode towards) {
        BigDecimal rounded = BigDecimal.valueOf(seconds).setScale(3, towards).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }
}
