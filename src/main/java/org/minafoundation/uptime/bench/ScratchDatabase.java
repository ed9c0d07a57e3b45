package org.minafoundation.uptime.bench;

import java.io.IOException;
import java.util.Optional;
import javax.sql.DataSource;
import org.minafoundation.uptime.config.PostgresSettings;
import org.minafoundation.uptime.config.Secret;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.store.Durability;
import org.minafoundation.uptime.store.SchemaMigration;
import org.minafoundation.uptime.store.TemporaryDirectory;

/** A migrated embedded PostgreSQL in a temporary directory, deleted on close: one per benchmark case. */
final class ScratchDatabase implements AutoCloseable {

    private final TemporaryDirectory directory;
    private final Database database;

    ScratchDatabase() throws IOException {
        directory = new TemporaryDirectory("uptime-bench-");
        database = Database.open(new PostgresSettings(Optional.empty(), 5432, "postgres", "postgres", Secret.NONE,
                Optional.empty(), Secret.NONE, directory.path().resolve("postgres")), Durability.THROWAWAY);
        SchemaMigration.migrate(database.dataSource());
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
        database.close();
        directory.close();
    }
}
