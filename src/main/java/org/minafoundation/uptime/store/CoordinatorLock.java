package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.minafoundation.uptime.config.PostgresSettings;
import org.minafoundation.uptime.config.ReadableDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure only one coordinator processes batches on a database: a PostgreSQL
 * session-level advisory lock held on a dedicated connection for as long as this
 * coordinator runs. PostgreSQL releases it when that connection ends, so a crashed
 * coordinator frees the way for a waiting one within seconds.
 *
 * <p>A lock held at the start of a batch may be gone at its commit (the server restarted,
 * the session was terminated), and another process may have taken it meanwhile. So every
 * writing transaction proves, inside itself, that this process still holds it
 * ({@link #proveHeldIn}); writers also serialize on a second, transaction-scoped key, so
 * no lock change can slip between that proof and the commit.
 */
public final class CoordinatorLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorLock.class);

    /** The advisory lock key: "uptime-coordinator" spelled as a number, shared by every coordinator. */
    static final long KEY = 0x7570_7469_6d65L;

    /**
     * Taken by every writing transaction (a batch, a rescore batch, a cleanup) for as long as
     * it runs: writers never overlap, and a writer that proved it holds {@link #KEY} keeps
     * that proof until its commit, since another process must wait here to write.
     */
    static final long WRITE_KEY = KEY + 1;

    /** The session that holds the lock, told apart from a later one that reuses its pid. */
    private record Holder(int pid, long backendStartMicros) {
    }

    private final String url;
    private final PostgresSettings settings;
    private final Duration retry;
    private Connection connection;
    private boolean everHeld;
    private volatile Holder holder;
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

    /** After the lock was lost: takes it again on a new connection if no other process holds it; never waits. */
    public synchronized boolean reacquireIfFree() throws SQLException {
        closeQuietly();
        return tryAcquire();
    }

    /**
     * Inside a writing transaction, before its first write: waits for any other writer's
     * transaction to end, then checks that this process's lock session still holds the lock.
     *
     * @throws CoordinatorLockLost when it does not (the caller rolls back)
     */
    public void proveHeldIn(Connection transaction) throws SQLException {
        serializeWriters(transaction);
        Holder current = holder;
        if (current == null || !heldBy(transaction, current)) {
            throw new CoordinatorLockLost(settings.database());
        }
    }

    /**
     * Inside a writing transaction of a task that needs no coordinator lock (cleanup, which
     * runs beside a coordinator): waits for any batch or rescore transaction to end and keeps
     * them waiting until this one ends.
     */
    public static void serializeWriters(Connection transaction) throws SQLException {
        try (PreparedStatement p = transaction.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            p.setLong(1, WRITE_KEY);
            p.execute();
        }
    }

    private static boolean heldBy(Connection transaction, Holder session) throws SQLException {
        try (PreparedStatement p = transaction.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks l"
                + " JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND ((l.classid::bigint << 32) | l.objid::bigint) = ?"
                + " AND l.pid = ? AND (extract(epoch FROM a.backend_start) * 1000000)::bigint = ?)")) {
            p.setLong(1, KEY);
            p.setInt(2, session.pid());
            p.setLong(3, session.backendStartMicros());
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /**
     * Before each batch: held? The first time, take it (waiting as long as another
     * coordinator holds it); if its connection was lost since, wait to hold it again.
     */
    public synchronized void ensureHeld() throws InterruptedException {
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

    /** Whether {@link #stop()} was called: a wait for the lock that ended for it is no failure. */
    public boolean stopping() {
        return stopping;
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
        try (PreparedStatement p = connection.prepareStatement("SELECT pg_try_advisory_lock(?), pg_backend_pid(),"
                + " (SELECT (extract(epoch FROM backend_start) * 1000000)::bigint FROM pg_stat_activity"
                + " WHERE pid = pg_backend_pid())")) {
            p.setLong(1, KEY);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                boolean taken = r.getBoolean(1);
                if (taken) {
                    holder = new Holder(r.getInt(2), r.getLong(3));
                }
                return taken;
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
        holder = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being given up anyway
            }
            connection = null;
        }
    }

    /*
     * Released before the connection closes: the server ends a closed session's backend (and
     * its locks) only after the client is gone, so a rescore or a coordinator started right
     * after this process would otherwise find the lock still taken.
     */
    @Override
    public synchronized void close() {
        if (connection != null && holder != null) {
            try (PreparedStatement p = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                p.setLong(1, KEY);
                p.execute();
            } catch (SQLException ignored) {
                // the session is gone already, and its lock with it
            }
        }
        closeQuietly();
    }
}
