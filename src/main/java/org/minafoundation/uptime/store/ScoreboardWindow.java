package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The window the scores in {@code nodes} were last computed for ({@code scoreboard_window}). */
public record ScoreboardWindow(long endEpoch, int uptimeDays, long surveys) {

    private static final long SECONDS_PER_DAY = 86_400L;

    long startEpoch() {
        return startEpoch(endEpoch, uptimeDays);
    }

    /** Where a score window of {@code uptimeDays} ending at {@code endEpoch} starts (SPEC §7). */
    public static long startEpoch(long endEpoch, int uptimeDays) {
        return endEpoch - uptimeDays * SECONDS_PER_DAY;
    }

    /** Where a window starting at {@code startEpoch} ends: the later end a batch's points reach. */
    public static long endEpoch(long startEpoch, int uptimeDays) {
        return startEpoch + uptimeDays * SECONDS_PER_DAY;
    }

    /** The remembered window, locked until the transaction ends; null when forgotten. */
    static ScoreboardWindow read(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                        "SELECT end_epoch, uptime_days, surveys FROM scoreboard_window FOR UPDATE");
                ResultSet r = p.executeQuery()) {
            return r.next() ? new ScoreboardWindow(r.getLong(1), r.getInt(2), r.getLong(3)) : null;
        }
    }
}
