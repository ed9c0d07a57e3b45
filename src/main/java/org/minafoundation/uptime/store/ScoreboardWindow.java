package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The window the scores in {@code nodes} were last computed for ({@code scoreboard_window}). */
record ScoreboardWindow(long endEpoch, int uptimeDays, long surveys) {

    long startEpoch() {
        return endEpoch - uptimeDays * 86_400L;
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
