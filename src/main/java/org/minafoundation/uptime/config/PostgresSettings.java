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

    static PostgresSettings read(VariableReader env) {
        Optional<String> host = env.optional("POSTGRES_HOST");
        String why = "when POSTGRES_HOST is set";
        return new PostgresSettings(
                host,
                env.port("POSTGRES_PORT", 5432, 1),
                host.isPresent() ? env.required("POSTGRES_DB", why) : env.text("POSTGRES_DB", "postgres"),
                host.isPresent() ? env.required("POSTGRES_USER", why) : env.text("POSTGRES_USER", "postgres"),
                env.secret("POSTGRES_PASSWORD"),
                env.optional("POSTGRES_RO_USER"),
                env.secret("POSTGRES_RO_PASSWORD"),
                Path.of(env.text("EMBEDDED_POSTGRES_DIR", "data/postgres")));
    }

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
