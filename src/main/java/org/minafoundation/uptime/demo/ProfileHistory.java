package org.minafoundation.uptime.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.minafoundation.uptime.sim.ProducerProfile;
import org.minafoundation.uptime.sim.SimulatedProducer;

/**
 * The mean uptime of each profile after every batch, from {@code score_history}. As on the
 * leaderboard, a producer without a score at that time counts 0%, so the last point of each
 * line is the profile's mean on the leaderboard.
 */
record ProfileHistory(List<Instant> times, Map<ProducerProfile, List<Double>> means) {

    private static final String BATCH_ENDS =
            "SELECT batch_end_epoch FROM bot_logs WHERE files_processed > -1 ORDER BY batch_end_epoch";
    private static final String HISTORY = "SELECT h.score_at, n.block_producer_key, h.score_percent"
            + " FROM score_history h JOIN nodes n ON n.id = h.node_id";

    static ProfileHistory read(DataSource dataSource, List<SimulatedProducer> producers) throws SQLException {
        Map<String, ProducerProfile> profileOf = new HashMap<>();
        Map<ProducerProfile, Integer> sizes = new EnumMap<>(ProducerProfile.class);
        for (SimulatedProducer p : producers) {
            profileOf.put(p.key(), p.profile());
            sizes.merge(p.profile(), 1, Integer::sum);
        }
        List<Instant> times = new ArrayList<>();
        Map<Instant, Integer> column = new HashMap<>();
        Map<ProducerProfile, double[]> sums = new EnumMap<>(ProducerProfile.class);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p = c.prepareStatement(BATCH_ENDS); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Instant end = Instant.ofEpochSecond(r.getLong(1));
                    column.put(end, times.size());
                    times.add(end);
                }
            }
            sizes.keySet().forEach(profile -> sums.put(profile, new double[times.size()]));
            try (PreparedStatement p = c.prepareStatement(HISTORY); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    // score_at is zone-less UTC
                    Integer at = column.get(r.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC));
                    ProducerProfile profile = profileOf.get(r.getString(2));
                    if (at != null && profile != null && r.getBigDecimal(3) != null) {
                        sums.get(profile)[at] += r.getBigDecimal(3).doubleValue();
                    }
                }
            }
        }
        Map<ProducerProfile, List<Double>> means = new EnumMap<>(ProducerProfile.class);
        sums.forEach((profile, sum) -> {
            List<Double> line = new ArrayList<>(sum.length);
            for (double s : sum) {
                line.add(s / sizes.get(profile));
            }
            means.put(profile, List.copyOf(line));
        });
        return new ProfileHistory(List.copyOf(times), means);
    }
}
