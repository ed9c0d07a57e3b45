package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/** The operators' database tasks (SPEC §10). Identifiers are quoted, values bound. */
public final class DatabaseTasks {

    private static final Pattern DELETED = Pattern.compile("Deleted (\\d+) rows from (\\w+)");
    private static final String INVALID_CATALOG_NAME = "3D000";
    private static final String DUPLICATE_DATABASE = "42P04";

    private final Database database;

    public DatabaseTasks(Database database) {
        this.database = database;
    }

    /** The database the tasks work on, for a task that needs more than these. */
    public Database database() {
        return database;
    }

    /**
     * Creates the database if missing (returns whether it did), then migrates the schema. The
     * database itself is tried first: a user that may connect to it but not to {@code postgres}
     * (a managed server's usual grant) needs {@code postgres} only to create it.
     */
    public boolean createDatabase() throws SQLException {
        boolean created = false;
        try {
            database.connect(database.databaseName()).close(); // there already
        } catch (SQLException e) {
            if (!INVALID_CATALOG_NAME.equals(e.getSQLState())) {
                throw e;
            }
            try (Connection admin = database.connect("postgres"); Statement s = admin.createStatement()) {
                s.execute("CREATE DATABASE " + quoteIdentifier(database.databaseName()));
                created = true;
            } catch (SQLException raced) {
                if (!DUPLICATE_DATABASE.equals(raced.getSQLState())) {
                    throw raced;
                }
            }
        }
        SchemaMigration.migrate(database.dataSource());
        return created;
    }

    /** Drops the database; returns false when there was none. */
    public boolean dropDatabase() throws SQLException {
        try (Connection c = database.connect("postgres")) {
            if (!databaseExists(c, database.databaseName())) {
                return false;
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + quoteIdentifier(database.databaseName()));
            }
            return true;
        }
    }

    /**
     * Writes the initial {@code bot_logs} row (files_processed = -1, start = end = the epoch)
     * when the table is empty, or always with {@code overrideEmpty}. Returns whether it wrote.
     */
    public boolean initDatabase(long batchEndEpoch, boolean overrideEmpty) throws SQLException {
        try (Connection c = database.connect(database.databaseName())) {
            if (!overrideEmpty && countBotLogs(c) > 0) {
                return false;
            }
            writeInitialBotLog(c, batchEndEpoch);
            return true;
        }
    }

    /** Where {@code bot_logs} says the next batch starts: is there a row to start from? */
    public enum StartingPoint {
        /** A batch (or the init-database row) ends where the next one starts. */
        PRESENT,
        /** No such table: the schema was never created (create-database). */
        NO_SCHEMA,
        /** The table has no row with an end: init-database was never run. */
        NONE
    }

    public StartingPoint startingPoint() throws SQLException {
        try (Connection c = database.connect(database.databaseName()); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT to_regclass('bot_logs') IS NOT NULL")) {
                r.next();
                if (!r.getBoolean(1)) {
                    return StartingPoint.NO_SCHEMA;
                }
            }
            try (ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM bot_logs WHERE batch_end_epoch IS NOT NULL)")) {
                r.next();
                return r.getBoolean(1) ? StartingPoint.PRESENT : StartingPoint.NONE;
            }
        }
    }

    static long countBotLogs(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM bot_logs")) {
            r.next();
            return r.getLong(1);
        }
    }

    static void writeInitialBotLog(Connection c, long batchEndEpoch) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO bot_logs (processing_time, files_processed, file_timestamps, batch_start_epoch, batch_end_epoch)"
                        + " VALUES (0, -1, ?, ?, ?)")) {
            p.setObject(1, Instant.ofEpochSecond(batchEndEpoch).atOffset(ZoneOffset.UTC));
            p.setLong(2, batchEndEpoch);
            p.setLong(3, batchEndEpoch);
            p.executeUpdate();
        }
    }

    /** Creates the read-only user if missing (returns whether it did) and grants it SELECT. */
    public boolean createReadOnlyUser(String user, String password) throws SQLException {
        try (Connection connection = database.connect(database.databaseName())) {
            return Transaction.on(connection, c -> createReadOnlyUser(c, user, password));
        }
    }

    private boolean createReadOnlyUser(Connection c, String user, String password) throws SQLException {
        boolean exists;
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            p.setString(1, user);
            try (ResultSet r = p.executeQuery()) {
                exists = r.next();
            }
        }
        String role = quoteIdentifier(user);
        try (Statement s = c.createStatement()) {
            if (!exists) {
                // The password is hashed here (SCRAM, or the server's password_encryption) and
                // only the hash is sent: no statement with the password itself can reach the
                // server's log, whatever its log settings.
                s.execute("CREATE USER " + role);
                c.unwrap(PGConnection.class).alterUserPassword(user, password.toCharArray(), null);
            }
            s.execute("GRANT CONNECT ON DATABASE " + quoteIdentifier(database.databaseName()) + " TO " + role);
            s.execute("GRANT USAGE ON SCHEMA public TO " + role);
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
            s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO " + role);
        }
        return !exists;
    }

    /**
     * Runs {@code cleanup_old_data(days)}; returns the rows deleted per table, in deletion order.
     * It runs beside a coordinator (it needs no coordinator lock) but never inside a batch's or a
     * rescore batch's transaction: it waits for the one in progress, and the next waits for it.
     */
    public Map<String, Long> cleanup(int days) throws SQLException {
        try (Connection c = database.connect(database.databaseName())) {
            return Transaction.on(c, tx -> {
                try (PreparedStatement p = tx.prepareStatement("SELECT cleanup_old_data(?)")) {
                    CoordinatorLock.serializeWriters(tx);
                    p.setInt(1, days);
                    p.execute();
                    Map<String, Long> deleted = new LinkedHashMap<>();
                    for (SQLWarning w = p.getWarnings(); w != null; w = w.getNextWarning()) {
                        Matcher m = DELETED.matcher(Optional.ofNullable(w.getMessage()).orElse(""));
                        if (m.find()) {
                            deleted.put(m.group(2), Long.parseLong(m.group(1)));
                        }
                    }
                    return deleted;
                }
            });
        }
    }

    private static boolean databaseExists(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
