package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minafoundation.uptime.scoring.ShortlistEntry;

/** The shortlist a batch stored ({@code bot_logs_statehash}), which the next batch continues. */
public final class StoredShortlist {

    private static final String QUERY = "SELECT ps.value, s.value, b.weight FROM bot_logs_statehash b"
            + " JOIN statehash s ON s.id = b.statehash_id"
            + " LEFT JOIN statehash ps ON ps.id = b.parent_statehash_id"
            + " WHERE b.bot_log_id = ? ORDER BY b.id";

    private static final String EACH = QUERY.replace("SELECT ", "SELECT b.bot_log_id, ")
            .replace("b.bot_log_id = ?", "b.bot_log_id = ANY (?)");

    private StoredShortlist() {
    }

    /** In stored order, as the batch loop reads it. */
    public static List<ShortlistEntry> of(Connection c, int botLogId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(QUERY)) {
            p.setInt(1, botLogId);
            List<ShortlistEntry> entries = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    entries.add(new ShortlistEntry(r.getString(1), r.getString(2), r.getInt(3)));
                }
            }
            return entries;
        }
    }

    /** The shortlists of every batch of {@code botLogIds}, each in stored order (none stored: no entry). */
    public static Map<Integer, List<ShortlistEntry>> ofEach(Connection c, Collection<Integer> botLogIds)
            throws SQLException {
        Map<Integer, List<ShortlistEntry>> shortlists = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(EACH)) {
            p.setArray(1, c.createArrayOf("int4", botLogIds.toArray()));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    shortlists.computeIfAbsent(r.getInt(1), id -> new ArrayList<>())
                            .add(new ShortlistEntry(r.getString(2), r.getString(3), r.getInt(4)));
                }
            }
        }
        return shortlists;
    }
}
