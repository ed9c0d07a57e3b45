package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.minafoundation.uptime.config.PostgresSettings;
import org.minafoundation.uptime.config.ReadableDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure only one coordinator processes batches on a database: a PostgreSQL
 * session-level advisory lock held on a dedicated connection for as long as this
 * coordinator runs. PostgreSQL releases it when that connection ends, so a crashed
 * coordinator frees the way for a waiting one within seconds.
 */
public final class CoordinatorLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorLock.class);

    /** The advisory lock key: "uptime-coordinator" spelled as a number, shared by every coordinator. */
    static final long KEY = 0x7570_7469_6d65L;

    private final String url;
    private final PostgresSettings settings;
    private final Duration retry;
    private Connection connection;
    private boolean everHeld;
    /** Called on every retry while waiting for the lock: waiting is no stuck loop (liveness). */
    private volatile Runnable whileWaiting = () -> { };
    /** Called each time this coordinator (re)gains the lock. */
    private volatile Runnable afterAcquired = () -> { };
    private volatile boolean stopping;

    public CoordinatorLock(Database database, PostgresSettings settings, Duration retry) {
        this.url = database.jdbcUrl(settings.database());
        this.settings = settings;
        this.retry = retry;
    }

    /**
     * Blocks until this coordinator holds the lock (or the thread is interrupted). A
     * database that refuses this coordinator's login ends the wait with an exception.
     */
    public synchronized void acquire() throws InterruptedException {
        boolean saidWaiting = false;
        while (true) {
            try {
                if (tryAcquire()) {
                    LOG.info("This coordinator holds the lock on database {}: it processes the batches",
                            settings.database());
                    everHeld = true;
                    afterAcquired.run();
                    return;
                }
                if (!saidWaiting) {
                    LOG.warn("Another coordinator is processing batches on database {}; waiting for it to stop",
                            settings.database());
                    saidWaiting = true;
                }
            } catch (SQLException e) {
                closeQuietly();
                if (DatabaseRefusal.refused(e)) {
                    throw new IllegalStateException("database " + settings.database() + " refused user " + settings.user()
                            + " (" + e.getMessage() + "): check POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD", e);
                }
                LOG.warn("Cannot take the coordinator lock ({}); retrying in {}", e.getMessage(),
                        ReadableDuration.of(retry));
            }
            if (stopping) {
                throw new InterruptedException("the coordinator is stopping");
            }
            whileWaiting.run();
            Thread.sleep(retry.toMillis());
        }
    }

    /** Ends a wait for the lock within one retry interval: the coordinator is stopping. */
    public void stop() {
        stopping = true;
    }

    /** Takes the lock if no coordinator holds it; never waits (for one-off tasks such as rescore). */
    public synchronized boolean acquireIfFree() throws SQLException {
        return tryAcquire();
    }

    /**
     * Before each batch: held? The first time, take it (waiting as long as another
     * coordinator holds it); if its connection was lost since, wait to hold it again.
     */
    synchronized void ensureHeld() throws InterruptedException {
        try {
            if (connection != null && connection.isValid(5) && holds()) {
                return;
            }
        } catch (SQLException e) {
            LOG.warn("The coordinator lock's connection failed: {}", e.getMessage());
        }
        if (everHeld) {
            LOG.warn("The coordinator lock was lost; taking it again before the next batch");
        }
        closeQuietly();
        acquire();
    }

    /**
     * The batch loop's first step, {@link #ensureHeld()}: a stop while it waits for the lock
     * ends the wait and the pass quietly (nothing was started) instead of failing it.
     */
    public void ensureHeld(Exchange pass) throws InterruptedException {
        try {
            ensureHeld();
        } catch (InterruptedException e) {
            if (!stopping) {
                throw e;
            }
            LOG.info("Stopped while waiting for the coordinator lock");
            pass.setRouteStop(true);
        }
    }

    /** What to call on every retry while waiting for the lock. */
    public void whileWaiting(Runnable heartbeat) {
        this.whileWaiting = heartbeat;
    }

    /** What to call each time this coordinator gains (or regains) the lock. */
    public void afterAcquired(Runnable action) {
        this.afterAcquired = action;
    }

    private boolean tryAcquire() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(url, connectionProperties(settings));
        }
        try (PreparedStatement p = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            p.setLong(1, KEY);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /*
     * The lock lives as long as its session. If this coordinator's host or network dies,
     * the server only ends the session when TCP tells it the peer is gone: with the
     * system's keepalive defaults after two hours, with these after about a minute
     * (30 s idle, then 3 probes 10 s apart), so a standby coordinator takes over.
     */
    static Properties connectionProperties(PostgresSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        if (settings.password().isSet()) {
            properties.setProperty("password", settings.password().reveal());
        }
        properties.setProperty("ApplicationName", "uptime-coordinator lock");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("options",
                "-c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3");
        return properties;
    }

    private boolean holds() throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
                        + " AND granted AND ((classid::bigint << 32) | objid::bigint) = ?")) {
            p.setLong(1, KEY);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1) > 0;
            }
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being given up anyway
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
