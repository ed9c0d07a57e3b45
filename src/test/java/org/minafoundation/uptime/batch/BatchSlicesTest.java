package org.minafoundation.uptime.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.Slice;

/** SPEC §2: equal contiguous slices, the last ending exactly at the batch end; Appendix A slices example. */
class BatchSlicesTest {

    private static final Instant START = Instant.parse("2023-11-06T15:35:47.630499Z");

    @Test
    void appendixAExampleTenSlicesOfFiveMinutes() {
        Instant end = START.plus(Duration.ofMinutes(5));
        List<Slice> slices = new Batch(START, end, 1, 10).slices();

        assertEquals(10, slices.size());
        assertEquals(new Slice(0, Instant.parse("2023-11-06T15:35:47.630499Z"), Instant.parse("2023-11-06T15:36:17.630499Z")),
                slices.get(0));
        assertEquals(new Slice(1, Instant.parse("2023-11-06T15:36:17.630499Z"), Instant.parse("2023-11-06T15:36:47.630499Z")),
                slices.get(1));
        assertEquals(new Slice(9, Instant.parse("2023-11-06T15:40:17.630499Z"), end), slices.get(9));
        assertEquals(Instant.parse("2023-11-06T15:40:47.630499Z"), end);
        for (int i = 0; i < 10; i++) {
            assertEquals(i, slices.get(i).index());
            assertEquals(START.plusSeconds(30L * i), slices.get(i).start());
            assertEquals(Duration.ofSeconds(30), Duration.between(slices.get(i).start(), slices.get(i).end()));
        }
    }

    @Test
    void verifierTimestampsAreUtcWithOneFractionalDigit() {
        List<Slice> slices = new Batch(START, START.plus(Duration.ofMinutes(5)), 1, 10).slices();
        assertEquals("2023-11-06 15:35:47.6+0000", slices.get(0).verifierStart());
        assertEquals("2023-11-06 15:36:17.6+0000", slices.get(0).verifierEnd());
        assertEquals("2023-11-06 15:40:47.6+0000", slices.get(9).verifierEnd());
    }

    @Test
    void unevenDivisionStillCoversTheWholeBatchContiguously() {
        Instant end = START.plus(Duration.ofMinutes(5));
        for (int count = 1; count <= 13; count++) {
            List<Slice> slices = new Batch(START, end, 1, count).slices();
            assertEquals(count, slices.size());
            assertEquals(START, slices.get(0).start());
            assertEquals(end, slices.get(count - 1).end(), "last slice ends exactly at the batch end");
            Duration first = Duration.between(slices.get(0).start(), slices.get(0).end());
            for (int i = 0; i < count; i++) {
                Slice slice = slices.get(i);
                assertEquals(i, slice.index());
                assertTrue(slice.end().isAfter(slice.start()), slice.toString());
                if (i > 0) {
                    assertEquals(slices.get(i - 1).end(), slice.start(), "contiguous");
                }
                Duration length = Duration.between(slice.start(), slice.end());
                // equal up to the nanosecond remainder carried by the last slice
                assertTrue(length.minus(first).abs().compareTo(Duration.ofNanos(count)) < 0, slice.toString());
            }
        }
    }

    @Test
    void subSecondPrecisionIsKept() {
        Instant start = Instant.parse("2024-01-01T00:00:00.000000001Z");
        Instant end = Instant.parse("2024-01-01T00:00:01.000000002Z");
        List<Slice> slices = new Batch(start, end, 1, 3).slices();
        assertEquals(start, slices.get(0).start());
        assertEquals(Instant.parse("2024-01-01T00:00:00.333333334Z"), slices.get(0).end());
        assertEquals(Instant.parse("2024-01-01T00:00:00.666666667Z"), slices.get(1).end());
        assertEquals(end, slices.get(2).end());
    }

    @Test
    void oneSliceIsTheWholeBatch() {
        Instant end = START.plusSeconds(600);
        assertEquals(List.of(new Slice(0, START, end)), new Batch(START, end, 7, 1).slices());
    }

    @Test
    void aBatchMustEndAfterItStartsAndHaveASlice() {
        assertThrows(IllegalArgumentException.class, () -> new Batch(START, START, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new Batch(START, START.minusSeconds(1), 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new Batch(START, START.plusSeconds(300), 1, 0));
    }
}
