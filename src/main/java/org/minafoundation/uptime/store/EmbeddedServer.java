package org.minafoundation.uptime.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of one data directory, shared by every process that works on it.
 * The first to need it starts it and stops it when it is done; a process that comes while
 * it runs (a task beside a running coordinator, a second coordinator) uses it as it is and
 * never stops it. Should the process that started it end while another still needs it, that
 * one starts it again on the same port, so its connections and pools carry on.
 */
final class EmbeddedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

    /** How long a server that another process is starting (or stopping) may take to settle. */
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration WATCH = Duration.ofSeconds(1);

    private final Path directory;
    private final Durability durability;
    private final int port;
    private EmbeddedPostgres owned;
    private RunningPostmaster borrowed;
    private Thread watcher;
    private boolean closed;
    private boolean saidCannotRestart;

    private EmbeddedServer(Path directory, Durability durability, EmbeddedPostgres owned) {
        this.directory = directory;
        this.durability = durability;
        this.port = owned.getPort();
        this.owned = owned;
    }

    private EmbeddedServer(Path directory, Durability durability, RunningPostmaster borrowed) {
        this.directory = directory;
        this.durability = durability;
        this.port = borrowed.port();
        this.borrowed = borrowed;
    }

    /** Uses the server running on {@code directory}, or starts one there. */
    static EmbeddedServer open(Path directory, Durability durability) throws IOException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            Optional<RunningPostmaster> running = RunningPostmaster.in(directory);
            if (running.isPresent() && running.get().answers(directory)) {
                EmbeddedServer server = new EmbeddedServer(directory, durability, running.get());
                server.watchOwner();
                return server;
            }
            if (running.isEmpty()) {
                try {
                    return new EmbeddedServer(directory, durability, start(directory, durability, 0));
                } catch (RuntimeException e) {
                    // Another process started it in the meantime (it holds the library's lock
                    // file): use that one once it answers.
                    if (!lockedByAnother(e) || System.nanoTime() > deadline) {
                        throw e;
                    }
                }
            } else if (System.nanoTime() > deadline) {
                throw new IOException("a PostgreSQL server (process " + running.get().pid() + ") runs on " + directory
                        + " but does not answer on port " + running.get().port());
            }
            pause(POLL);
        }
    }

    int port() {
        return port;
    }

    /** Whether another process started the server (this one then leaves it running). */
    synchronized boolean borrowed() {
        return owned == null;
    }

    private static EmbeddedPostgres start(Path directory, Durability durability, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setServerConfig("timezone", "UTC");
        durability.serverConfig().forEach(builder::setServerConfig);
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /** The library's own lock on the data directory is held: by another process, or by this one's other user. */
    private static boolean lockedByAnother(RuntimeException e) {
        return e instanceof OverlappingFileLockException
                || (e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().startsWith("could not lock"));
    }

    /** While borrowed: once the process that started the server is gone, start it here. */
    private void watchOwner() {
        watcher = new Thread(() -> {
            try {
                while (!takeOverIfOwnerGone()) {
                    Thread.sleep(WATCH.toMillis());
                }
            } catch (InterruptedException e) {
                // closed
            }
        }, "embedded-postgres-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Returns true when there is nothing left to watch: this process runs the server now, or is closed. */
    private synchronized boolean takeOverIfOwnerGone() {
        if (closed) {
            return true;
        }
        if (borrowed.alive()) {
            return false;
        }
        Optional<RunningPostmaster> running = RunningPostmaster.in(directory);
        if (running.isPresent()) {
            if (running.get().answers(directory)) {
                borrowed = running.get(); // another process took it over first
            }
            return false;
        }
        try {
            owned = start(directory, durability, port);
            LOG.info("The embedded PostgreSQL's process {} ended: this process runs it now (port {})",
                    borrowed.pid(), port);
            borrowed = null;
            return true;
        } catch (RuntimeException e) {
            if (!lockedByAnother(e)) {
                cannotRestart(e);
            }
        } catch (IOException e) {
            cannotRestart(e);
        }
        return false; // still stopping (its lock not yet released), or taken over elsewhere: look again
    }

    private void cannotRestart(Exception e) {
        if (!saidCannotRestart) {
            LOG.warn("The embedded PostgreSQL in {} stopped and cannot be started here yet ({}); trying again every {}s",
                    directory, e.getMessage(), WATCH.toSeconds());
            saidCannotRestart = true;
        }
    }

    /** Stops the server if this process started it; a borrowed one keeps running for its owner. */
    @Override
    public void close() throws IOException {
        Thread watching;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            watching = watcher;
        }
        if (watching != null) {
            watching.interrupt();
            try {
                watching.join(WATCH.toMillis() * 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        EmbeddedPostgres server;
        synchronized (this) {
            server = owned;
            owned = null;
        }
        if (server != null) {
            server.close();
            LOG.info("Stopped the embedded PostgreSQL");
        }
    }

    private static void pause(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the embedded PostgreSQL in progress", e);
        }
    }
}
