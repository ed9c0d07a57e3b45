package org.minafoundation.uptime.status;

import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.component.google.drive.GoogleDriveComponent;
import org.apache.camel.component.google.drive.GoogleDriveConfiguration;
import org.apache.camel.component.google.sheets.GoogleSheetsComponent;
import org.apache.camel.component.google.sheets.GoogleSheetsConfiguration;
import org.apache.camel.main.Main;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.config.ApplicationStatusSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds what routes/application-status.yaml uses, and says once at start-up whether the
 * sync runs (RouteProperties tells the route whether, and by id or by name).
 */
public final class ApplicationStatusWiring {

    private static final Logger LOG = LoggerFactory.getLogger("application-status");

    private ApplicationStatusWiring() {
    }

    public static void bind(Main main, Settings settings, DataSource dataSource) {
        ApplicationStatusSettings status = settings.applicationStatus();
        Optional<String> off = status.whyOff();
        if (off.isPresent()) {
            if (status.ignore()) {
                LOG.info("Application status sync is off: {}", off.get());
            } else {
                // Not switched off on purpose: most likely a forgotten (or misspelt) setting.
                LOG.warn("Application status sync is off: {}; no producer becomes an applicant"
                        + " (IGNORE_APPLICATION_STATUS=1 says that this is meant)", off.get());
            }
            return;
        }
        SpreadsheetLocation location = new SpreadsheetLocation(status.spreadsheetId(), status.spreadsheetName());
        GoogleApiAccess access = GoogleApiAccess.fromSystemProperties();
        String key = "file:" + Path.of(status.credentialsJson().orElseThrow()).toAbsolutePath();

        // Our own client factories: the key is read lazily, waits are bounded, and a test can
        // point both APIs at a local stand-in (GoogleApiAccess). Scopes are in the route.
        GoogleSheetsConfiguration sheetsConfiguration = new GoogleSheetsConfiguration();
        sheetsConfiguration.setServiceAccountKey(key);
        GoogleSheetsComponent sheets = new GoogleSheetsComponent();
        sheets.setConfiguration(sheetsConfiguration);
        sheets.setClientFactory(GoogleClients.sheets(access));
        main.bind("google-sheets", sheets);
        GoogleDriveConfiguration driveConfiguration = new GoogleDriveConfiguration();
        driveConfiguration.setServiceAccountKey(key);
        GoogleDriveComponent drive = new GoogleDriveComponent();
        drive.setConfiguration(driveConfiguration);
        drive.setClientFactory(GoogleClients.drive(access));
        main.bind("google-drive", drive);

        main.bind("spreadsheetLocation", location);
        main.bind("applicationSheet", new ApplicationSheet());
        main.bind("applicationStatusStore", new ApplicationStatusStore(dataSource, status.authoritative()));
        main.bind("applicationStatusReport", new ApplicationStatusReport(location, access, status.authoritative()));
        // The sync works on a copy of the batch's exchange; the batch keeps its own body and headers.
        main.bind("keepBatchExchange", (AggregationStrategy) (batchExchange, syncExchange) -> batchExchange);

        LOG.info("Application status sync is on: before every batch, from the {}{} (key {}, {}{})", location,
                status.spreadsheetId().isPresent() && status.spreadsheetName().isPresent()
                        ? " (SPREADSHEET_ID wins over SPREADSHEET_NAME)" : "",
                key,
                status.authoritative() ? "authoritative: keys missing from the sheet lose the status"
                        : "keys missing from the sheet keep their status",
                access.rootUrl().map(root -> ", Google APIs at " + root).orElse(""));
    }
}
