package org.minafoundation.uptime.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.minafoundation.uptime.config.PostgresSettings;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.store.CoordinatorLock;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.store.SchemaMigration;

/**
 * One real PostgreSQL server for the whole test run (started on first use, stopped at JVM
 * exit), with a fresh database per test, reached as an external server would be.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** A new, empty database name (not created). */
    public static String newDatabaseName() {
        return "uptime_test_" + DATABASES.incrementAndGet();
    }

    /**
     * Environment variables pointing the coordinator at the {@code postgres} database of a
     * server of the test's own (one it may stop and start again), no HTTP server of its own.
     */
    public static Map<String, String> environment(EmbeddedPostgres server) {
        return new HashMap<>(Map.of("POSTGRES_HOST", "localhost", "POSTGRES_PORT", String.valueOf(server.getPort()),
                "POSTGRES_DB", "postgres", "POSTGRES_USER", "postgres", "POSTGRES_PASSWORD", "postgres",
                "VERIFIER_MODE", "none", "MANAGEMENT_PORT", "0", "SCORES_PORT", "0"));
    }

    /** Environment variables pointing the coordinator at {@code database} on the test server. */
    public static Map<String, String> environment(String database) {
        Map<String, String> env = new HashMap<>();
        env.put("POSTGRES_HOST", "localhost");
        env.put("POSTGRES_PORT", String.valueOf(server().getPort()));
        env.put("POSTGRES_DB", database);
        env.put("POSTGRES_USER", "postgres");
        env.put("POSTGRES_PASSWORD", "postgres");
        env.put("VERIFIER_MODE", "none");
        env.put("RETRY_DELAY_SECONDS", "0");
        env.put("MANAGEMENT_PORT", "0");
        env.put("SCORES_PORT", "0");
        return env;
    }

    /** A new database on the shared server with the coordinator's schema (every migration applied). */
    public static DataSource migratedDatabase() {
        String database = newDatabaseName();
        execute("postgres", "CREATE DATABASE " + database);
        DataSource dataSource = dataSource(database);
        SchemaMigration.migrate(dataSource);
        return dataSource;
    }

    /**
     * The coordinator lock on {@code dataSource}'s database, taken: what a coordinator holds
     * while it commits batches. The caller closes it.
     */
    public static CoordinatorLock heldLock(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            PostgresSettings settings = Settings.from(environment(c.getCatalog())).postgres();
            CoordinatorLock lock = new CoordinatorLock(Database.open(settings), settings, Duration.ofSeconds(1));
            if (!lock.acquireIfFree()) {
                throw new IllegalStateException("the coordinator lock of " + c.getCatalog() + " is taken");
            }
            return lock;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DataSource dataSource(String database) {
        return server().getDatabase("postgres", database);
    }

    public static void execute(String database, String sql) {
        try (Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
