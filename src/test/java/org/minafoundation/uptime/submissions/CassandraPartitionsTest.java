package org.minafoundation.uptime.submissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §5: the dates and shards a window touches. */
class CassandraPartitionsTest {

    private static CassandraPartitions of(String start, String end) {
        return CassandraPartitions.of(Instant.parse(start), Instant.parse(end));
    }

    // 23:56:00 is second 86160 = shard 598.3; an end at midnight is a boundary: shard 0 of the next day
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "across midnight of a leap day | 2024-02-29T23:58:29Z | 2024-03-01T00:03:29Z | 2024-02-29 2024-03-01 | 0 1 599",
        "within one shard              | 2024-05-01T12:58:01Z | 2024-05-01T12:59:59Z | 2024-05-01            | 324",
        "across a month end            | 2024-04-30T23:56:00Z | 2024-05-01T00:00:00Z | 2024-04-30 2024-05-01 | 0 598 599",
    })
    void datesAndShardsOfAWindow(String what, String start, String end, String dates, String shards) {
        CassandraPartitions p = of(start, end);
        assertEquals(List.of(dates.split(" ")), p.dates());
        assertEquals(Stream.of(shards.split(" ")).map(Integer::valueOf).toList(), p.shards());
    }

    @Test
    void anEndOnAShardBoundaryAddsThatShard() {
        assertEquals(List.of(0, 1), of("2024-05-01T00:00:00Z", "2024-05-01T00:02:24Z").shards());
        assertEquals(List.of(0), of("2024-05-01T00:00:00Z", "2024-05-01T00:02:23Z").shards());
    }

    @Test
    void aSliceOfATwentyMinuteBatch() {
        CassandraPartitions p = of("2024-03-01T23:00:00Z", "2024-03-01T23:04:00Z");
        // 82800 / 144 = 575, 83039 / 144 = 576.6; 83040 is not a boundary (576.67)
        assertEquals(List.of(575, 576), p.shards());
    }

    @Test
    void sub_secondBoundsCoverEveryInstantOfTheWindow() {
        // the last instants, 00:02:24.0 to .5, are in shard 1
        assertEquals(List.of(0, 1), of("2024-05-01T00:00:00.500Z", "2024-05-01T00:02:24.500Z").shards());
    }

    @Test
    void aWholeDayHasEveryShard() {
        CassandraPartitions p = of("2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z");
        assertEquals(IntStream.range(0, 600).boxed().toList(), p.shards());
        assertEquals(List.of("2024-05-01", "2024-05-02"), p.dates());
    }
}
