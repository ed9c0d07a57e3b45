package org.minafoundation.uptime.bench;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.minafoundation.uptime.config.PostgresSettings;
import org.minafoundation.uptime.config.Secret;
import org.minafoundation.uptime.store.CoordinatorLock;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.store.Durability;
import org.minafoundation.uptime.store.SchemaMigration;
import org.minafoundation.uptime.store.TemporaryDirectory;

/** A migrated embedded PostgreSQL in a temporary directory, deleted on close: one per benchmark case. */
final class ScratchDatabase implements AutoCloseable {

    private final TemporaryDirectory directory;
    private final Database database;
    /** Held for the whole case: every batch and rescore commit proves it, as in production. */
    private final CoordinatorLock lock;

    ScratchDatabase() throws IOException, SQLException {
        directory = new TemporaryDirectory("uptime-bench-");
        PostgresSettings settings = new PostgresSettings(Optional.empty(), 5432, "postgres", "postgres", Secret.NONE,
                Optional.empty(), Secret.NONE, directory.path().resolve("postgres"));
        database = Database.open(settings, Durability.THROWAWAY);
        SchemaMigration.migrate(database.dataSource());
        lock = new CoordinatorLock(database, settings, Duration.ofSeconds(1));
        if (!lock.acquireIfFree()) {
            throw new IllegalStateException("the scratch database's coordinator lock is taken");
        }
    }

    CoordinatorLock lock() {
        return lock;
    }

    DataSource dataSource() {
        return database.dataSource();
    }

    Database database() {
        return database;
    }

    /** The server stops before its folder goes. */
    @Override
    public void close() {
        lock.close();
        database.close();
        directory.close();
    }
}
