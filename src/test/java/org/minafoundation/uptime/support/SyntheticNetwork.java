package org.minafoundation.uptime.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * A small made-up network for tests that need more time than the golden scenarios span:
 * one block every 3 minutes, producers that each submit with their own reliability,
 * rows already verified.
 */
public final class SyntheticNetwork {

    private SyntheticNetwork() {
    }

    /**
     * Writes verified submissions from {@code start} for {@code duration}: producer i submits
     * every ~15 minutes with probability {@code reliability[i]}, naming the current tip.
     */
    public static int write(String database, Instant start, Duration duration, double[] reliability, long seed)
            throws Exception {
        Random random = new Random(seed);
        int rows = 0;
        try (Connection c = TestPostgres.dataSource(database).getConnection();
                PreparedStatement p = c.prepareStatement(
                        "INSERT INTO submissions (submitted_at_date, submitted_at, submitter, created_at, block_hash,"
                                + " state_hash, parent, height, slot, validation_error, verified)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, true)")) {
            for (int producer = 0; producer < reliability.length; producer++) {
                Instant at = start.plusSeconds(random.nextInt(900));
                while (at.isBefore(start.plus(duration))) {
                    if (random.nextDouble() < reliability[producer]) {
                        long height = Duration.between(start, at).toSeconds() / 180;
                        LocalDateTime utc = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
                        p.setObject(1, utc.toLocalDate());
                        p.setObject(2, utc);
                        p.setString(3, "B62producer" + producer);
                        p.setObject(4, utc.minusSeconds(3));
                        p.setString(5, "block" + height);
                        p.setString(6, "hash" + height);
                        p.setString(7, "hash" + (height - 1));
                        p.setLong(8, height);
                        p.setLong(9, height);
                        p.addBatch();
                        rows++;
                    }
                    at = at.plusSeconds(840 + random.nextInt(120));
                }
            }
            p.executeBatch();
        }
        return rows;
    }

}
