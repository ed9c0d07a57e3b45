package org.minafoundation.uptime.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.minafoundation.uptime.store.CoordinatorLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * {@code cleanup --days N --archive s3://bucket/prefix}: in one transaction, deletes what
 * {@code cleanup_old_data(N)} deletes, table by table, capturing the deleted rows as gzipped
 * CSV; uploads each file to {@code prefix/<run time>/<table>.csv.gz} and checks it; commits
 * only when every object checked out. Any failure rolls the transaction back (nothing is
 * deleted) and removes the objects this run already wrote.
 */
public final class CleanupArchive {

    private static final Logger LOG = LoggerFactory.getLogger(CleanupArchive.class);

    /** The run's folder name: its UTC time to the second, e.g. 20261123T213000Z. */
    static final DateTimeFormatter RUN_FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One table: how many rows were deleted, and the object that holds them. */
    public record ArchivedTable(String table, long rows, S3Uri object) {
    }

    /** What a run archived and deleted, tables in deletion order. */
    public record Result(S3Uri folder, List<ArchivedTable> tables) {
    }

    private final DataSource dataSource;
    private final S3Access access;

    public CleanupArchive(DataSource dataSource, S3Access access) {
        this.dataSource = dataSource;
        this.access = access;
    }

    public Result run(int days, S3Uri prefix, Instant runTime) throws ArchiveFailedException, SQLException, IOException {
        S3Uri folder = prefix.resolve(RUN_FOLDER.format(runTime));
        LOG.info("Archiving rows older than {} days to {} ({}) before deleting them", days, folder, access.describe());
        Path directory = Files.createTempDirectory("uptime-cleanup-archive-");
        List<S3Uri> written = new ArrayList<>();
        boolean committing = false;
        try (ArchiveStore store = new ArchiveStore(access); Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // Thresholds (NOW()::DATE) and the CSV's timestamps in UTC, whatever the JVM's zone
                // (PgJDBC sends the JVM's zone as the session's); LOCAL: ends with the transaction.
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL TimeZone = 'UTC'");
                }
                // a writer like a batch: never inside one (batches wait for the uploads)
                CoordinatorLock.serializeWriters(c);
                CleanupThreshold threshold = CleanupThreshold.compute(c, days);
                LOG.info("Threshold: batches starting before epoch {}, submissions dated before {}",
                        threshold.epoch(), threshold.date());
                List<CleanupThreshold.Delete> deletes = threshold.deletes();
                refuseExisting(store, folder, deletes);

                TableExport export = new TableExport(c);
                List<ExportedTable> exported = new ArrayList<>();
                for (CleanupThreshold.Delete delete : deletes) {
                    exported.add(export.run(delete, directory));
                }
                List<ArchivedTable> archived = new ArrayList<>();
                for (ExportedTable table : exported) {
                    S3Uri object = folder.resolve(table.objectName());
                    String etag = store.put(object, table);
                    written.add(object);
                    verify(store, object, table, etag);
                    LOG.info("Archived {} rows of {} to {} ({} bytes, checked)", table.rows(), table.table(), object, table.size());
                    archived.add(new ArchivedTable(table.table(), table.rows(), object));
                }
                committing = true;
                c.commit();
                LOG.info("Deleted the archived rows: {}", archived.stream().map(a -> a.table() + " " + a.rows()).toList());
                return new Result(folder, List.copyOf(archived));
            } catch (ArchiveFailedException | SQLException | IOException | RuntimeException e) {
                if (committing && outcomeUnknown(e)) {
                    // A COMMIT whose connection was lost may still have committed on the
                    // server: the rows may be gone, so their archive stays.
                    throw new ArchiveFailedException("the deletion's commit failed (" + ArchiveStore.reason(e) + "): it may"
                            + " have committed, so the archive in " + folder + " is kept; compare it with the tables"
                            + " before running cleanup again", e);
                }
                rollback(c);
                removeWritten(store, written);
                if (e instanceof ArchiveFailedException failed) {
                    throw new ArchiveFailedException(failed.getMessage() + "; nothing was deleted", failed.getCause());
                }
                throw new ArchiveFailedException("archive to " + folder + " failed: " + ArchiveStore.reason(e)
                        + "; nothing was deleted", e);
            }
        } finally {
            deleteDirectory(directory);
        }
    }

    /**
     * The connection lost (class 08, or no SQLState) or the server process ended (57P01 to
     * 57P03, which can come after the commit record was written): the commit may or may
     * not have happened. Any other error is the server refusing the commit: rolled back.
     */
    private static boolean outcomeUnknown(Exception commitFailure) {
        if (!(commitFailure instanceof SQLException sql) || sql.getSQLState() == null) {
            return true;
        }
        return sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0");
    }

    /** A run folder is never overwritten: an earlier archive there would be lost. */
    private static void refuseExisting(ArchiveStore store, S3Uri folder, List<CleanupThreshold.Delete> deletes)
            throws ArchiveFailedException {
        for (CleanupThreshold.Delete delete : deletes) {
            S3Uri object = folder.resolve(ExportedTable.objectName(delete.table()));
            if (store.head(object).isPresent()) {
                throw new ArchiveFailedException(object + " already exists (an archive of the same second); not overwritten");
            }
        }
    }

    private static void verify(ArchiveStore store, S3Uri object, ExportedTable table, String etag)
            throws ArchiveFailedException {
        Optional<HeadObjectResponse> stored = store.head(object);
        if (stored.isEmpty()) {
            throw new ArchiveFailedException(object + " is missing right after its upload");
        }
        Optional<String> problem = UploadCheck.problem(table, etag, stored.get());
        if (problem.isPresent()) {
            throw new ArchiveFailedException(object + " does not match what was sent: " + problem.get());
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is closed next, which ends the transaction all the same
            LOG.warn("Rollback failed ({}); closing the connection ends the transaction", e.getMessage());
        }
    }

    private static void removeWritten(ArchiveStore store, List<S3Uri> written) {
        for (S3Uri object : written) {
            if (!store.delete(object)) {
                LOG.warn("Could not remove {} of the failed archive; delete it by hand", object);
            }
        }
    }

    private static void deleteDirectory(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.warn("Could not remove the temporary folder {}: {}", directory, e.getMessage());
        }
    }
}
