package org.minafoundation.uptime.demo;

import java.util.List;
import java.util.Locale;

/** The leaderboard as plain text for the terminal: top and bottom producers, then the profiles. */
final class LeaderboardTable {

    private static final String PRODUCER_ROW = "%5s  %-55s  %-13s  %5s  %7s%n";
    private static final String PROFILE_ROW = "%-13s  %9s  %11s  %7s  %7s%n";

    private LeaderboardTable() {
    }

    static String text(Leaderboard board, int n) {
        StringBuilder out = new StringBuilder();
        producers(out, "Top " + Math.min(n, board.ranking().size()) + " producers", board.top(n));
        producers(out, "Bottom " + Math.min(n, board.ranking().size()) + " producers", board.bottom(n));
        out.append('\n').append("Mean uptime per profile\n");
        out.append(String.format(Locale.ROOT, PROFILE_ROW, "profile", "producers", "mean uptime", "lowest", "highest"));
        for (Leaderboard.ProfileUptime p : board.profiles()) {
            out.append(String.format(Locale.ROOT, PROFILE_ROW, p.profile().label(), p.producers(),
                    percent(p.meanPercent()), percent(p.lowestPercent()), percent(p.highestPercent())));
        }
        return out.toString();
    }

    private static void producers(StringBuilder out, String title, List<Leaderboard.Entry> entries) {
        out.append('\n').append(title).append('\n');
        out.append(String.format(Locale.ROOT, PRODUCER_ROW, "rank", "producer", "profile", "score", "uptime"));
        for (Leaderboard.Entry e : entries) {
            out.append(String.format(Locale.ROOT, PRODUCER_ROW, e.rank(), e.key(), e.profile().label(), e.score(),
                    percent(e.percent())));
        }
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }
}
