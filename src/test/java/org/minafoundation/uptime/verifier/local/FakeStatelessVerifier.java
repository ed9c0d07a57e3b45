package org.minafoundation.uptime.verifier.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the stateless verifier ({@code submission_updater <start> <end>}), run by
 * the coordinator as a child process through VERIFIER_COMMAND. It does to the submissions
 * table what SPEC §3 says the real one does: every row of its window {@code [start, end)}
 * gets {@code verified = true}; a valid one its {@code state_hash}, {@code parent},
 * {@code height}, {@code slot} and {@code validation_error} NULL, an invalid one a
 * {@code validation_error} and empty values. It exits 0 even when rows are invalid.
 *
 * <p>Blocks are derived from the block hash instead of fetched: {@code blk-<n>} is the
 * block at height {@code n}, state hash {@code hash-<n>}, parent {@code hash-<n-1>}, slot
 * {@code 3n}; a hash starting with {@code bad} is a block that fails its checks.
 *
 * <p>Usage: {@code FakeStatelessVerifier [--exit-code N] [--hang] [--pid-dir DIR] <start> <end>},
 * timestamps as {@code yyyy-MM-dd HH:mm:ss.S+0000}. {@code --exit-code} fails at once, as
 * the real one does when its storage is out of reach; {@code --hang} never ends.
 *
 * <p>The timestamps carry one fractional digit, truncated, so a slice bound with more
 * precision moves back by up to 0.1 s. No row is lost or handled twice for it: the two
 * slices sharing a bound both get the same truncated text, and the batch's own bounds are
 * whole seconds (bot_logs keeps unix seconds), so the slices still tile the batch exactly;
 * only a row within 0.1 s before an inner bound may be verified by the next slice rather
 * than its own. In the tests the slices of a 20-minute batch split 5 ways fall on whole
 * seconds anyway.
 *
 * <p>Only the JDK and the PostgreSQL driver: it starts in a JVM of its own with a
 * classpath of just those.
 */
public final class FakeStatelessVerifier {

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.Sxx");

    private FakeStatelessVerifier() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FakeStatelessVerifier [--exit-code N] [--hang] [--pid-dir DIR] <start> <end>");
            System.exit(2);
        }
        String start = args[args.length - 2];
        String end = args[args.length - 1];
        Integer exitCode = null;
        boolean hang = false;
        for (int i = 0; i < args.length - 2; i++) {
            switch (args[i]) {
                case "--exit-code" -> exitCode = Integer.valueOf(args[++i]);
                case "--hang" -> hang = true;
                case "--pid-dir" -> {
                    long pid = ProcessHandle.current().pid();
                    Files.writeString(Path.of(args[++i]).resolve(pid + ".pid"), String.valueOf(pid));
                }
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        System.out.println("fake verifier: window [" + start + ", " + end + ") as " + System.getenv("AWS_ROLE_SESSION_NAME"));
        if (exitCode != null) {
            System.err.println("fake verifier: storage unavailable, giving up");
            System.exit(exitCode);
        }
        if (hang) {
            System.out.println("fake verifier: hanging");
            Thread.currentThread().join();
        }
        if (!start.equals(System.getenv("START_TIMESTAMP")) || !end.equals(System.getenv("END_TIMESTAMP"))) {
            System.err.println("fake verifier: arguments and START_TIMESTAMP/END_TIMESTAMP disagree");
            System.exit(4);
        }
        int[] counts = verify(utc(start), utc(end));
        System.out.println("fake verifier: " + counts[0] + " submissions verified, " + counts[1] + " invalid");
    }

    private static LocalDateTime utc(String timestamp) {
        return OffsetDateTime.parse(timestamp, TIMESTAMP).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /** @return {rows verified, of which invalid} */
    private static int[] verify(LocalDateTime start, LocalDateTime end) throws Exception {
        String url = "jdbc:postgresql://" + System.getenv("POSTGRES_HOST") + ":" + System.getenv("POSTGRES_PORT")
                + "/" + System.getenv("POSTGRES_DB");
        try (Connection c = DriverManager.getConnection(url, System.getenv("POSTGRES_USER"), System.getenv("POSTGRES_PASSWORD"))) {
            c.setAutoCommit(false);
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, block_hash FROM submissions WHERE submitted_at >= ? AND submitted_at < ? FOR UPDATE")) {
                select.setObject(1, start);
                select.setObject(2, end);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        rows.add(new Object[] {r.getInt(1), r.getString(2)});
                    }
                }
            }
            int invalid = 0;
            try (PreparedStatement update = c.prepareStatement("UPDATE submissions SET verified = true, state_hash = ?,"
                    + " parent = ?, height = ?, slot = ?, validation_error = ? WHERE id = ?")) {
                for (Object[] row : rows) {
                    String blockHash = (String) row[1];
                    if (blockHash != null && blockHash.startsWith("blk-")) {
                        int height = Integer.parseInt(blockHash.substring(4));
                        update.setString(1, "hash-" + height);
                        update.setString(2, "hash-" + (height - 1));
                        update.setInt(3, height);
                        update.setInt(4, 3 * height);
                        update.setNull(5, java.sql.Types.VARCHAR);
                    } else {
                        invalid++;
                        update.setString(1, "");
                        update.setString(2, "");
                        update.setInt(3, 0);
                        update.setInt(4, 0);
                        update.setString(5, "block " + blockHash + " failed verification");
                    }
                    update.setInt(6, (Integer) row[0]);
                    update.addBatch();
                }
                update.executeBatch();
            }
            c.commit();
            return new int[] {rows.size(), invalid};
        }
    }
}
