package org.minafoundation.uptime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReadableDurationTest {

    @Test
    void theDurationsOfTheLogLinesReadAsAnOperatorSaysThem() {
        assertEquals("19m52s", ReadableDuration.of(Duration.parse("PT19M51.97655934S")));
        assertEquals("0.04 s", ReadableDuration.ofSeconds(0.036021808));
        assertEquals("0.04 s", ReadableDuration.of(Duration.ofNanos(36_021_808)));
        assertEquals("1h00m00s", ReadableDuration.of(Duration.ofSeconds(3600)));
        assertEquals("26h40m05s", ReadableDuration.of(Duration.ofSeconds(96_005)));
        assertEquals("1m05s", ReadableDuration.of(Duration.ofSeconds(65)));
    }

    @Test
    void belowAMinuteSecondsWithTwoDecimalsUnderTenAndOneAboveWithoutTrailingZeros() {
        assertEquals("0 s", ReadableDuration.of(Duration.ZERO));
        assertEquals("0 s", ReadableDuration.ofSeconds(0.004));
        assertEquals("0.01 s", ReadableDuration.ofSeconds(0.005));
        assertEquals("1.5 s", ReadableDuration.ofSeconds(1.5));
        assertEquals("5 s", ReadableDuration.of(Duration.ofSeconds(5)));
        assertEquals("10 s", ReadableDuration.ofSeconds(9.999));
        assertEquals("12.3 s", ReadableDuration.ofSeconds(12.345));
        assertEquals("59.9 s", ReadableDuration.ofSeconds(59.94));
    }

    @Test
    void whatRoundsToAMinuteIsWrittenAsOne() {
        assertEquals("1m00s", ReadableDuration.ofSeconds(59.96));
        assertEquals("1m00s", ReadableDuration.of(Duration.ofMillis(60_400)));
        assertEquals("2m00s", ReadableDuration.of(Duration.ofMillis(119_600)));
    }

    @Test
    void negativeAndOddValues() {
        assertEquals("-1.5 s", ReadableDuration.of(Duration.ofMillis(-1500)));
        assertEquals("-2m00s", ReadableDuration.ofSeconds(-120));
        assertEquals("NaN s", ReadableDuration.ofSeconds(Double.NaN));
    }

    @Test
    void theLocaleChangesNothing() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("0.04 s", ReadableDuration.ofSeconds(0.036));
            assertEquals("12.3 s", ReadableDuration.ofSeconds(12.3));
        } finally {
            Locale.setDefault(before);
        }
    }
}
