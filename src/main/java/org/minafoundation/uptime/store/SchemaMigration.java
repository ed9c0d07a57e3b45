package org.minafoundation.uptime.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date from the migrations in {@code sql/}. A database created by
 * the reference coordinator has no Flyway history: it is baselined at version 0, so the
 * first migration (all {@code IF NOT EXISTS}) runs over it without touching its rows.
 */
public final class SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);
    private static final String BASELINE = "0";

    private SchemaMigration() {
    }

    public static void migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(WithoutNotices.of(dataSource))
                .locations("classpath:db/migration")
                .baselineOnMigrate(true)
                .baselineVersion(BASELINE)
                .load()
                .migrate();
        String version = result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion;
        if (adopted(result)) {
            LOG.info("Adopted the existing schema (tables without migration history, as the reference coordinator"
                    + " creates them): kept every row, now at version {} ({} migration(s) applied)",
                    version, result.migrationsExecuted);
        } else {
            LOG.info("Schema at version {} ({} migration(s) applied)", version, result.migrationsExecuted);
        }
    }

    /** Whether this migration baselined a schema Flyway had no history of. */
    private static boolean adopted(MigrateResult result) {
        return BASELINE.equals(result.initialSchemaVersion);
    }
}
