package org.minafoundation.uptime.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
 * The coordinator's PostgreSQL: either the operator's server, or the embedded one whose
 * data directory survives restarts (started here, or already running for another command).
 * Gives pooled connections to the coordinator's database and, for one-off tasks, single ones.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private static final String SESSION_TIME_ZONE = "SET TimeZone TO 'UTC'";

    private final PostgresSettings settings;
    private final Optional<EmbeddedServer> embedded;
    private final String host;
    private final int port;
    private HikariDataSource pool;
    private boolean closed;

    private Database(PostgresSettings settings, Optional<EmbeddedServer> embedded, String host, int port) {
        this.settings = settings;
        this.embedded = embedded;
        this.host = host;
        this.port = port;
    }

    /**
     * Connects to the configured server, or to the embedded one, started with every commit
     * durable (the coordinator's data lives there).
     */
    public static Database open(PostgresSettings settings) {
        return open(settings, Durability.DURABLE);
    }

    /**
     * Connects to the configured server, or to the embedded one: the one already running on
     * its data directory (another command's), else one started here with {@code durability}.
     */
    public static Database open(PostgresSettings settings, Durability durability) {
        if (!settings.embedded()) {
            LOG.info("Using {}", settings.describe());
            return new Database(settings, Optional.empty(), settings.host().get(), settings.port());
        }
        Path directory = settings.embeddedDirectory().toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory.getParent());
            EmbeddedServer server = EmbeddedServer.open(directory, durability);
            if (server.borrowed()) {
                LOG.info("Using {} (port {}), already running for another command: it stays up when this one ends",
                        settings.describe(), server.port());
            } else {
                LOG.info("Using {} (port {})", settings.describe(), server.port());
            }
            return new Database(settings, Optional.of(server), "localhost", server.port());
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
            } catch (IOException e) {
                LOG.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
            }
        });
    }
}
