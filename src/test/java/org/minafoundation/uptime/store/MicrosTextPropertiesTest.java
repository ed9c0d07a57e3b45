package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The hand-written timestamp text is exactly what the formatter it replaces writes. */
class MicrosTextPropertiesTest {

    @Property(tries = 5000)
    void writesWhatTheFormatterWrites(
            @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long epochSecond,
            @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        Instant instant = Instant.ofEpochSecond(epochSecond, nanos);
        assertEquals(MicrosText.FORMAT.format(instant), MicrosText.format(instant));
    }

    @Test
    void edges() {
        for (String text : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "2024-02-29T12:34:56.000001Z",
                "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"}) {
            Instant instant = Instant.parse(text);
            assertEquals(MicrosText.FORMAT.format(instant), MicrosText.format(instant), text);
        }
        assertEquals("2024-06-01 00:20:00.123456", MicrosText.format(Instant.parse("2024-06-01T00:20:00.123456789Z")));
    }
}
