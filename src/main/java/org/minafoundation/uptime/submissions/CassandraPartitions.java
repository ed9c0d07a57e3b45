package org.minafoundation.uptime.submissions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The partitions of the backend's Cassandra {@code submissions} table that a window
 * {@code [start, end)} touches: its dates ({@code yyyy-MM-dd}, UTC) and its shards,
 * {@code shard(t) = (3600*hour + 60*minute + second) / 144} (600 shards a day), plus the
 * shard of {@code end} when it falls exactly on a 144-second boundary (SPEC §5).
 */
public record CassandraPartitions(List<String> dates, List<Integer> shards) {

    static final int SHARD_SECONDS = 144;
    static final int SHARDS_PER_DAY = 86_400 / SHARD_SECONDS;

    public static CassandraPartitions of(Instant start, Instant end) {
        LocalDateTime from = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
        LocalDateTime to = LocalDateTime.ofInstant(end, ZoneOffset.UTC);

        List<String> dates = new ArrayList<>();
        for (LocalDate d = from.toLocalDate(); !d.isAfter(to.toLocalDate()); d = d.plusDays(1)) {
            dates.add(d.toString());
        }

        TreeSet<Integer> shards = new TreeSet<>();
        // Every second of [start, end): walk shard boundaries instead of seconds.
        long first = start.getEpochSecond();
        long last = end.getEpochSecond() - (end.getNano() == 0 ? 1 : 0);
        if (last - first >= 86_400L) {
            for (int s = 0; s < SHARDS_PER_DAY; s++) {
                shards.add(s);
            }
        } else {
            for (long t = first; t <= last; t = (t / SHARD_SECONDS + 1) * SHARD_SECONDS) {
                shards.add(shard(t));
            }
        }
        if (end.getNano() == 0 && end.getEpochSecond() % SHARD_SECONDS == 0) {
            shards.add(shard(end.getEpochSecond()));
        }
        return new CassandraPartitions(List.copyOf(dates), List.copyOf(shards));
    }

    /** The shard of a UTC second: seconds since midnight / 144. */
    static int shard(long epochSecond) {
        return (int) (Math.floorMod(epochSecond, 86_400L) / SHARD_SECONDS);
    }
}
