package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;
import org.slf4j.LoggerFactory;

/**
 * A database created by the reference coordinator (its DDL, no Flyway history) is taken
 * over by {@code create-database}: no error, no row lost, history and production indexes added.
 */
class ReferenceSchemaMigrationTest {

    static final List<String> TABLES = List.of("bot_logs", "statehash", "bot_logs_statehash", "nodes", "points",
            "score_history", "submissions", "points_summary");
    static final Set<String> PRODUCTION_INDEXES = Set.of("idx_nodes_block_producer_key", "idx_points_bot_log_id",
            "idx_points_node_id", "idx_bot_logs_batch_end_epoch", "idx_bot_logs_batch_start_epoch",
            "idx_bot_logs_statehash_bot_log_id", "idx_submissions_submitted_at", "idx_score_history_score_at",
            "idx_points_statehash_id", "idx_bot_logs_statehash_statehash_id", "idx_bot_logs_statehash_parent_statehash_id");

    @Test
    void createDatabaseMigratesAReferenceDatabaseWithoutLosingRows() throws Exception {
        String db = referenceDatabase();
        DataSource dataSource = TestPostgres.dataSource(db);
        execute(dataSource, """
                INSERT INTO bot_logs (processing_time, files_processed, file_timestamps, batch_start_epoch, batch_end_epoch)
                  VALUES (0, -1, '2024-03-01 23:00:00+00', 1709334000, 1709334000),
                         (12.5, 40, '2024-03-01 23:19:58+00', 1709334000, 1709335200);
                INSERT INTO statehash (value) VALUES ('3NKparent'), ('3NKchild');
                INSERT INTO bot_logs_statehash (parent_statehash_id, statehash_id, weight, bot_log_id) VALUES (1, 2, 3, 2);
                INSERT INTO nodes (block_producer_key, updated_at, score, score_percent, discord_id, email_id, application_status)
                  VALUES ('B62one', '2024-03-01 23:20:00+00', 7, 12.34, 'd#1', 'a@b.c', true),
                         ('B62two', NULL, 1, 0.05, NULL, NULL, false);
                INSERT INTO points (file_name, file_timestamps, blockchain_epoch, blockchain_height, amount, created_at, node_id, bot_log_id, statehash_id)
                  VALUES ('a.json', '2024-03-01 23:05:00+00', 70, 350000, 1, now(), 1, 2, 2),
                         ('b.json', '2024-03-01 23:10:00+00', 70, 350001, 1, now(), 1, 2, 2),
                         ('c.json', '2024-03-01 23:15:00+00', 70, 350002, 1, now(), 2, 2, 2);
                INSERT INTO score_history (node_id, score_at, score, score_percent)
                  VALUES (1, '2024-03-01 23:20:00', 7, 12.34), (2, '2024-03-01 23:20:00', 1, 0.05);
                INSERT INTO submissions (submitted_at_date, submitted_at, submitter, created_at, block_hash, snark_work, state_hash, parent, height, slot, verified)
                  VALUES ('2024-03-01', '2024-03-01 23:05:00', 'B62one', '2024-03-01 23:05:01', 'blk', '\\x0102', '3NKchild', '3NKparent', 350000, 7000, true),
                         ('2024-03-01', '2024-03-01 23:15:00', 'B62two', '2024-03-01 23:15:01', 'blk', NULL, '3NKchild', '3NKparent', 350002, 7001, true);
                """);
        Map<String, List<String>> rowsBefore = rows(dataSource);
        Set<String> columnsBefore = columns(dataSource);
        assertEquals(2, rowsBefore.get("points_summary").size(), "the reference trigger works before the migration");

        Cli.Result result = Cli.run(TestPostgres.environment(db), "create-database");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("already exists"), result.out());
        assertEquals(rowsBefore, rows(dataSource), "no row lost or changed");
        assertEquals(columnsBefore, columns(dataSource), "no column added, dropped or retyped");
        assertEquals(List.of("0:true", "1:true", "2:true", "3:true", "4:true", "5:true", "6:true", "7:true", "8:true", "9:true"), strings(dataSource,
                "SELECT version || ':' || success FROM flyway_schema_history ORDER BY installed_rank"));
        Set<String> indexes = new TreeSet<>(strings(dataSource, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"));
        assertTrue(indexes.containsAll(PRODUCTION_INDEXES), indexes.toString());

        // Still the working schema: the trigger, the sequences and a second migration.
        execute(dataSource, "INSERT INTO points (file_name, node_id, bot_log_id, statehash_id) VALUES ('d.json', 2, 1, 1)");
        assertEquals(List.of("1-2", "2-1", "2-2"), strings(dataSource,
                "SELECT bot_log_id || '-' || node_id FROM points_summary ORDER BY 1"));
        assertEquals(List.of("3"), strings(dataSource,
                "INSERT INTO bot_logs (files_processed, batch_start_epoch, batch_end_epoch) VALUES (1, 1709335200, 1709336400) RETURNING id"));
        Cli.Result again = Cli.run(TestPostgres.environment(db), "create-database");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(10, strings(dataSource, "SELECT version FROM flyway_schema_history").size());
    }

    /**
     * The reference's tables exist already, so each CREATE ... IF NOT EXISTS of V1 makes the
     * server send a notice ("relation ... already exists, skipping"), which Flyway would log
     * as a warning, 14 of them: adopting the schema is no warning, it says so in one line.
     */
    @Test
    void adoptingAReferenceSchemaSaysSoInOneInfoLineWithoutWarnings() throws Exception {
        String db = referenceDatabase();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        Cli.Result result;
        Cli.Result again;
        try {
            result = Cli.run(TestPostgres.environment(db), "create-database");
            again = Cli.run(TestPostgres.environment(db), "create-database");
        } finally {
            root.detachAppender(logs);
        }
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(0, again.exitCode(), again.err());
        List<String> warnings = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
        assertEquals(List.of(), warnings);
        List<String> schemaLines = logs.list.stream().filter(e -> e.getLoggerName().equals(SchemaMigration.class.getName()))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        assertEquals(2, schemaLines.size(), schemaLines.toString());
        assertTrue(schemaLines.get(0).startsWith("INFO Adopted the existing schema"), schemaLines.toString());
        assertTrue(schemaLines.get(1).startsWith("INFO Schema at version unchanged (0 migration(s) applied)"), schemaLines.toString());
    }

    /** The migration's sessions hear no notices; the pool's connections afterwards do (cleanup reads its counts from them). */
    @Test
    void theMigrationLeavesNoticesOnForThePoolsSessions() throws Exception {
        String db = TestPostgres.newDatabaseName();
        TestPostgres.execute("postgres", "CREATE DATABASE " + db);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestPostgres.server().getJdbcUrl("postgres", db));
        config.setMaximumPoolSize(2); // Flyway's two connections: they come back to the pool when it is done
        try (HikariDataSource pool = new HikariDataSource(config)) {
            SchemaMigration.migrate(pool);
            try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
                for (Connection c : List.of(first, second)) {
                    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW client_min_messages")) {
                        r.next();
                        assertEquals("notice", r.getString(1));
                    }
                }
            }
        }
    }

    @Test
    void freshMigrationBuildsTheReferenceSchema() throws Exception {
        String reference = referenceDatabase();
        String fresh = TestPostgres.newDatabaseName();
        Cli.Result created = Cli.run(TestPostgres.environment(fresh), "create-database");
        assertEquals(0, created.exitCode(), created.err());
        assertTrue(created.out().contains("Created database '" + fresh + "'"), created.out());

        DataSource ours = TestPostgres.dataSource(fresh);
        DataSource theirs = TestPostgres.dataSource(reference);
        assertEquals(columns(theirs), columns(ours));
        Set<String> ourIndexes = new TreeSet<>(strings(ours, "SELECT indexname || ' ' || indexdef FROM pg_indexes"
                + " WHERE schemaname = 'public' AND tablename IN (" + REFERENCE_TABLES + ")"));
        ourIndexes.removeIf(i -> PRODUCTION_INDEXES.contains(i.substring(0, i.indexOf(' '))));
        assertEquals(new TreeSet<>(strings(theirs, "SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'")),
                ourIndexes);
        String constraints = "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE connamespace = 'public'::regnamespace AND conrelid <> 'flyway_schema_history'::regclass";
        assertEquals(new TreeSet<>(strings(theirs, constraints.replace(" AND conrelid <> 'flyway_schema_history'::regclass", ""))),
                withoutOurAdditions(strings(ours, constraints)));
        String routines = "SELECT p.proname || '(' || pg_get_function_arguments(p.oid) || ') ' || pg_get_function_result(p.oid)"
                + " FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace";
        assertEquals(new TreeSet<>(strings(theirs, routines)), withoutOurAdditions(strings(ours, routines)));
        String triggers = "SELECT tgrelid::regclass || ' ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal";
        // V5: the same points trigger, fired once per statement over its new rows instead of once per row.
        Set<String> theirTriggers = new TreeSet<>(strings(theirs, triggers));
        assertTrue(theirTriggers.remove("points CREATE TRIGGER trg_after_insert_points AFTER INSERT ON public.points"
                + " FOR EACH ROW EXECUTE FUNCTION fn_update_point_summary()"), theirTriggers.toString());
        theirTriggers.add("points CREATE TRIGGER trg_after_insert_points AFTER INSERT ON public.points"
                + " REFERENCING NEW TABLE AS new_points FOR EACH STATEMENT EXECUTE FUNCTION fn_update_point_summary_per_statement()");
        assertEquals(theirTriggers, withoutOurAdditions(strings(ours, triggers)));
    }

    /** Our bookkeeping and functions (V4, V5) live beside the reference schema, never in its tables. */
    private static Set<String> withoutOurAdditions(List<String> definitions) {
        Set<String> reference = new TreeSet<>(definitions);
        reference.removeIf(d -> d.contains("scoreboard_window") || d.contains("rescore_progress")
                || d.startsWith("uptime_percent(") || d.startsWith("fn_update_point_summary_per_statement("));
        return reference;
    }

    /** A new database built with the reference's DDL (src/test/resources/reference-schema.sql). */
    static String referenceDatabase() throws Exception {
        String db = TestPostgres.newDatabaseName();
        TestPostgres.execute("postgres", "CREATE DATABASE " + db);
        try (InputStream in = ReferenceSchemaMigrationTest.class.getResourceAsStream("/reference-schema.sql")) {
            execute(TestPostgres.dataSource(db), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of(), strings(TestPostgres.dataSource(db),
                "SELECT tablename FROM pg_tables WHERE tablename = 'flyway_schema_history'"));
        return db;
    }

    private static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> strings(DataSource dataSource, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }

    /** Every row of every reference table, as PostgreSQL prints it, in a stable order. */
    private static Map<String, List<String>> rows(DataSource dataSource) throws Exception {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String table : TABLES) {
            rows.put(table, strings(dataSource, "SELECT t::text FROM " + table + " t ORDER BY t::text"));
        }
        return rows;
    }

    /** table.column type nullability default, for the reference tables. */
    /** The reference's tables: ours (Flyway's history, the scoreboard's bookkeeping) may be added beside them. */
    private static final String REFERENCE_TABLES = "'bot_logs', 'statehash', 'bot_logs_statehash', 'nodes', 'points',"
            + " 'score_history', 'submissions', 'points_summary'";

    private static Set<String> columns(DataSource dataSource) throws Exception {
        Set<String> columns = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT table_name, column_name, data_type, numeric_precision, numeric_scale,"
                        + " datetime_precision, is_nullable, column_default FROM information_schema.columns"
                        + " WHERE table_schema = 'public' AND table_name IN (" + REFERENCE_TABLES + ")")) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    line.append(i == 1 ? "" : " ").append(r.getString(i));
                }
                columns.add(line.toString());
            }
        }
        return columns;
    }
}
