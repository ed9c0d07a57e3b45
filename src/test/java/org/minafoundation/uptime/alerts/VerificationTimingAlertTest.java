package org.minafoundation.uptime.alerts;

import static java.math.RoundingMode.CEILING;
import static java.math.RoundingMode.FLOOR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerificationTimingAlertTest {

    private static VerificationTimingAlert limits(Double lower, Double upper) {
        return new VerificationTimingAlert(Optional.ofNullable(lower), Optional.ofNullable(upper));
    }

    @Test
    void belowTheLowerLimitIsTooQuick() {
        assertEquals(List.of("ZkApp Validation took 1.5 seconds, which is too quick"),
                limits(2.0, 600.0).messages(1.5));
    }

    @Test
    void aboveTheUpperLimitIsTooLong() {
        assertEquals(List.of("ZkApp Validation took 742.124, which is too long"),
                limits(2.0, 600.0).messages(742.1234567));
    }

    @Test
    void withinTheLimitsOrOnThemNothingIsSent() {
        VerificationTimingAlert alert = limits(2.0, 600.0);
        assertEquals(List.of(), alert.messages(2.0));
        assertEquals(List.of(), alert.messages(300));
        assertEquals(List.of(), alert.messages(600.0));
    }

    @Test
    void anUnsetLimitIsNotChecked() {
        assertEquals(List.of(), limits(null, null).messages(0));
        assertEquals(List.of(), limits(null, 10.0).messages(0));
        assertEquals(List.of(), limits(1.0, null).messages(1e9));
    }

    @Test
    void limitsThatOverlapGiveBothMessagesAsTheReferenceDoes() {
        assertEquals(List.of("ZkApp Validation took 5 seconds, which is too quick",
                "ZkApp Validation took 5, which is too long"), limits(10.0, 1.0).messages(5));
    }

    @Test
    void aNegativeUpperLimitMakesEveryDispatchTooLong() {
        assertEquals(List.of("ZkApp Validation took 0.001, which is too long"), limits(null, -1.0).messages(0.0001));
    }

    @Test
    void theTimePrintedIsNeverTheLimitItCrossed() {
        assertEquals(List.of("ZkApp Validation took 9.999 seconds, which is too quick"), limits(10.0, null).messages(9.9996));
        assertEquals(List.of("ZkApp Validation took 10.001, which is too long"), limits(null, 10.0).messages(10.0004));
    }

    @Test
    void secondsAreRoundedToMillisecondsWithoutTrailingZerosOrExponent() {
        assertEquals("0", VerificationTimingAlert.seconds(0, FLOOR));
        assertEquals("0", VerificationTimingAlert.seconds(0.0009, FLOOR));
        assertEquals("0.001", VerificationTimingAlert.seconds(0.0001, CEILING));
        assertEquals("0.012", VerificationTimingAlert.seconds(0.01234, FLOOR));
        assertEquals("1.234", VerificationTimingAlert.seconds(1.2345, FLOOR));
        assertEquals("1.235", VerificationTimingAlert.seconds(1.2341, CEILING));
        assertEquals("2", VerificationTimingAlert.seconds(1.9999, CEILING));
        assertEquals("1000", VerificationTimingAlert.seconds(1000, FLOOR));
        assertEquals("3600.5", VerificationTimingAlert.seconds(3600.5, CEILING));
        assertEquals("12345678", VerificationTimingAlert.seconds(12345678, FLOOR));
    }

    @Test
    void theRenderingDoesNotDependOnTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertEquals("1.5", VerificationTimingAlert.seconds(1.5, FLOOR));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
