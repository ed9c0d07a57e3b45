package org.minafoundation.uptime.alerts;

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
        assertEquals(List.of("ZkApp Validation took 742.123, which is too long"),
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
        assertEquals(List.of("ZkApp Validation took 0, which is too long"), limits(null, -1.0).messages(0.0001));
    }

    @Test
    void secondsAreRoundedToMillisecondsWithoutTrailingZerosOrExponent() {
        assertEquals("0", VerificationTimingAlert.seconds(0));
        assertEquals("0", VerificationTimingAlert.seconds(0.0004));
        assertEquals("0.001", VerificationTimingAlert.seconds(0.0005));
        assertEquals("0.012", VerificationTimingAlert.seconds(0.01234));
        assertEquals("1.235", VerificationTimingAlert.seconds(1.2345));
        assertEquals("2", VerificationTimingAlert.seconds(1.9999));
        assertEquals("1000", VerificationTimingAlert.seconds(1000));
        assertEquals("3600.5", VerificationTimingAlert.seconds(3600.5));
        assertEquals("12345678", VerificationTimingAlert.seconds(12345678));
    }

    @Test
    void theRenderingDoesNotDependOnTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertEquals("1.5", VerificationTimingAlert.seconds(1.5));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
