package org.minafoundation.uptime.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.minafoundation.uptime.config.PostgresSettings;
import org.minafoundation.uptime.config.Secret;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.store.SchemaMigration;

/** A migrated embedded PostgreSQL in a temporary directory, deleted on close: one per benchmark case. */
final class ScratchDatabase implements AutoCloseable {

    private final Path directory;
    private final Database database;

    ScratchDatabase() {
        try {
            directory = Files.createTempDirectory("uptime-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = Database.open(new PostgresSettings(Optional.empty(), 5432, "postgres", "postgres", Secret.NONE,
                Optional.empty(), Secret.NONE, directory.resolve("postgres")));
        SchemaMigration.migrate(database.dataSource());
    }

    DataSource dataSource() {
        return database.dataSource();
    }

    Database database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
