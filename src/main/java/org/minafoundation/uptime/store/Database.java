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
    private static final int READ_ONLY_POOL_SIZE = 8;
    private static final int READ_ONLY_STATEMENT_TIMEOUT_MS = 10_000;

    private final PostgresSettings settings;
    private final Optional<EmbeddedServer> embedded;
    private final String host;
    private final int port;
    private HikariDataSource pool;
    private HikariDataSource readOnlyPool;
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
            pool = newPool("coordinator", 4, settings.user(), settings.password().isSet()
                    ? Optional.of(settings.password().reveal()) : Optional.empty(), SESSION_TIME_ZONE);
        }
        return pool;
    }

    /**
     * The scores service's own small pool: as {@code POSTGRES_RO_USER} when set (else the
     * coordinator's user), every transaction read-only and every statement bounded, so that
     * no request can write or hold the database for long, whatever the user may do.
     */
    public synchronized DataSource readOnlyDataSource() {
        if (readOnlyPool == null) {
            String user = settings.readOnlyUser().orElse(settings.user());
            var password = settings.readOnlyUser().isPresent() ? settings.readOnlyPassword() : settings.password();
            readOnlyPool = newPool("scores", READ_ONLY_POOL_SIZE, user,
                    password.isSet() ? Optional.of(password.reveal()) : Optional.empty(),
                    SESSION_TIME_ZONE + "; SET default_transaction_read_only = on; SET statement_timeout = '"
                            + READ_ONLY_STATEMENT_TIMEOUT_MS + "ms'");
        }
        return readOnlyPool;
    }

    /** The user the scores service reads as. */
    public String readOnlyUser() {
        return settings.readOnlyUser().orElse(settings.user());
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

    private HikariDataSource newPool(String name, int size, String user, Optional<String> password, String initSql) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl(settings.database()));
        config.setUsername(user);
        password.ifPresent(config::setPassword);
        config.setPoolName(name);
        // Sessions in UTC whatever the JVM's zone (the driver sends the JVM's zone otherwise):
        // submitted_at is UTC without zone, and cleanup_old_data's NOW()::date must be UTC too.
        config.setConnectionInitSql(initSql);
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
        if (readOnlyPool != null) {
            readOnlyPool.close();
            readOnlyPool = null;
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
