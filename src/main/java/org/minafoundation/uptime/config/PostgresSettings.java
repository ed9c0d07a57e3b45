package org.minafoundation.uptime.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The coordinator's own database. Without {@code POSTGRES_HOST} an embedded PostgreSQL
 * keeps its data in {@code embeddedDirectory}.
 */
public record PostgresSettings(
        Optional<String> host,
        int port,
        String database,
        String user,
        Secret password,
        Optional<String> readOnlyUser,
        Secret readOnlyPassword,
        Path embeddedDirectory) {

    public boolean embedded() {
        return host.isEmpty();
    }

    /** Where the database is, for log lines: never the password. */
    public String describe() {
        return embedded()
                ? "embedded PostgreSQL in " + embeddedDirectory.toAbsolutePath().normalize()
                : "PostgreSQL " + user + "@" + host.get() + ":" + port + "/" + database;
    }
}
