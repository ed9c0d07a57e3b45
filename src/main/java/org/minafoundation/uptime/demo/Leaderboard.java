package org.minafoundation.uptime.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.minafoundation.uptime.sim.ProducerProfile;
import org.minafoundation.uptime.sim.SimulatedProducer;

/**
 * The final scores of every producer of the simulated network, best first, and the mean
 * uptime of each profile. A producer the coordinator never scored (an invalid one, whose
 * submissions are all rejected, has no row in {@code nodes}) stands at 0.
 */
record Leaderboard(List<Entry> ranking, List<ProfileUptime> profiles) {

    /** One producer; equal scores share a rank (1, 1, 3). */
    record Entry(int rank, String key, ProducerProfile profile, int score, double percent) {
    }

    record ProfileUptime(ProducerProfile profile, int producers, double meanPercent, double lowestPercent,
            double highestPercent) {
    }

    private static final String SCORES = "SELECT block_producer_key, score, score_percent FROM nodes";

    static Leaderboard read(DataSource dataSource, List<SimulatedProducer> producers) throws SQLException {
        Map<String, double[]> scores = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(SCORES);
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                double percent = r.getBigDecimal(3) == null ? 0 : r.getBigDecimal(3).doubleValue();
                scores.put(r.getString(1), new double[] {r.getInt(2), percent});
            }
        }
        List<SimulatedProducer> ordered = new ArrayList<>(producers);
        // Best score first; the key breaks ties so the same seed always prints the same table.
        ordered.sort(Comparator.<SimulatedProducer>comparingDouble(p -> -scores.getOrDefault(p.key(), new double[2])[0])
                .thenComparing(SimulatedProducer::key));
        List<Entry> ranking = new ArrayList<>(ordered.size());
        for (SimulatedProducer producer : ordered) {
            double[] score = scores.getOrDefault(producer.key(), new double[2]);
            int rank = ranking.isEmpty() || ranking.get(ranking.size() - 1).score() != (int) score[0]
                    ? ranking.size() + 1
                    : ranking.get(ranking.size() - 1).rank();
            ranking.add(new Entry(rank, producer.key(), producer.profile(), (int) score[0], score[1]));
        }
        return new Leaderboard(List.copyOf(ranking), profiles(ranking));
    }

    /** Every profile the network has, in the order ProducerProfile declares them. */
    private static List<ProfileUptime> profiles(List<Entry> ranking) {
        Map<ProducerProfile, List<Double>> byProfile = new EnumMap<>(ProducerProfile.class);
        for (Entry entry : ranking) {
            byProfile.computeIfAbsent(entry.profile(), p -> new ArrayList<>()).add(entry.percent());
        }
        List<ProfileUptime> profiles = new ArrayList<>();
        byProfile.forEach((profile, percents) -> profiles.add(new ProfileUptime(profile, percents.size(),
                percents.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                percents.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                percents.stream().mapToDouble(Double::doubleValue).max().orElse(0))));
        return List.copyOf(profiles);
    }

    List<Entry> top(int n) {
        return ranking.subList(0, Math.min(n, ranking.size()));
    }

    List<Entry> bottom(int n) {
        return ranking.subList(Math.max(0, ranking.size() - n), ranking.size());
    }

    /** The mean uptime of one profile, 0 when the network has none of it. */
    double meanPercent(ProducerProfile profile) {
        return profiles.stream().filter(p -> p.profile() == profile).mapToDouble(ProfileUptime::meanPercent)
                .findFirst().orElse(0);
    }
}
