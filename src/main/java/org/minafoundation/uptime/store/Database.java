package org.minafoundation.uptime.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.minafoundation.uptime.config.PostgresSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's PostgreSQL: either the operator's server, or an embedded one started
 * here whose data directory survives restarts. Gives pooled connections to the
 * coordinator's database and, for one-off tasks, single ones.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private static final String SESSION_TIME_ZONE = "SET TimeZone TO 'UTC'";

    private final PostgresSettings settings;
    private final Optional<EmbeddedPostgres> embedded;
    private final String host;
    private final int port;
    private HikariDataSource pool;
    private boolean closed;

    private Database(PostgresSettings settings, Optional<EmbeddedPostgres> embedded, String host, int port) {
        this.settings = settings;
        this.embedded = embedded;
        this.host = host;
        this.port = port;
    }

    /** Connects to the configured server, or starts the embedded one. */
    public static Database open(PostgresSettings settings) {
        if (!settings.embedded()) {
            LOG.info("Using {}", settings.describe());
            return new Database(settings, Optional.empty(), settings.host().get(), settings.port());
        }
        Path directory = settings.embeddedDirectory().toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory.getParent());
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("timezone", "UTC")
                    .start();
            LOG.info("Using {} (port {})", settings.describe(), server.getPort());
            return new Database(settings, Optional.of(server), "localhost", server.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + directory, e);
        }
    }

    public String describe() {
        return settings.describe();
    }

    public String databaseName() {
        return settings.database();
    }

    /** The name URL-encoded, as the driver decodes it: a '?', '&' or '%' in it stays part of the name. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** The pool on the coordinator's database, created on first use. */
    public synchronized DataSource dataSource() {
        if (pool == null) {
            pool = newPool(settings.database(), "coordinator", 4);
        }
        return pool;
    }

    /**
     * One connection straight from the driver, for a one-off task. A refused login or a
     * missing privilege fails at once in the server's own words, where a pool would retry
     * until its timeout and then say only that no connection became available.
     */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        if (settings.password().isSet()) {
            properties.setProperty("password", settings.password().reveal());
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "uptime-coordinator task");
        Connection connection = DriverManager.getConnection(jdbcUrl(database), properties);
        try (Statement s = connection.createStatement()) {
            s.execute(SESSION_TIME_ZONE);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private HikariDataSource newPool(String database, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl(database));
        config.setUsername(settings.user());
        if (settings.password().isSet()) {
            config.setPassword(settings.password().reveal());
        }
        config.setPoolName(name);
        // Sessions in UTC whatever the JVM's zone (the driver sends the JVM's zone otherwise):
        // submitted_at is UTC without zone, and cleanup_old_data's NOW()::date must be UTC too.
        config.setConnectionInitSql(SESSION_TIME_ZONE);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        // A database outage shows within seconds (failed batch, readiness down), not after 30 s.
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(3_000);
        // Fail fast at start-up only through explicit checks, so a pool can exist while the database is down.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    @Override
    public synchronized void close() {
        // Idempotent: a shutdown hook (the demo's) may close it while the main thread does too.
        if (closed) {
            return;
        }
        closed = true;
        if (pool != null) {
            pool.close();
            pool = null;
        }
        embedded.ifPresent(server -> {
            try {
                server.close();
                LOG.info("Stopped the embedded PostgreSQL");
            } catch (IOException e) {
                LOG.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
            }
        });
    }
}
