package org.minafoundation.uptime.config;

import java.util.Optional;

/** Application status synced from the Google spreadsheet. */
public record ApplicationStatusSettings(
        boolean ignore,
        Optional<String> spreadsheetName,
        Optional<String> spreadsheetId,
        Optional<String> credentialsJson,
        boolean authoritative) {

    /** With {@code runsBatches}, a spreadsheet to sync needs its key file, readable. */
    static ApplicationStatusSettings read(VariableReader env, boolean runsBatches) {
        boolean ignore = env.flag("IGNORE_APPLICATION_STATUS");
        boolean spreadsheetSet = env.optional("SPREADSHEET_ID").isPresent() || env.optional("SPREADSHEET_NAME").isPresent();
        Optional<String> credentials = env.optional("SPREADSHEET_CREDENTIALS_JSON");
        if (runsBatches && !ignore && spreadsheetSet) {
            env.required("SPREADSHEET_CREDENTIALS_JSON", "when SPREADSHEET_ID or SPREADSHEET_NAME is set");
            env.readableFile("SPREADSHEET_CREDENTIALS_JSON");
        }
        return new ApplicationStatusSettings(
                ignore,
                env.optional("SPREADSHEET_NAME"),
                env.optional("SPREADSHEET_ID"),
                credentials,
                env.flag("APPLICATION_STATUS_AUTHORITATIVE"));
    }

    /** Whether the batches sync it: not ignored, and a spreadsheet with its key is set. */
    public boolean synced() {
        return whyOff().isEmpty();
    }

    /** Why the sync is off, in the words of the settings; empty when it runs. */
    public Optional<String> whyOff() {
        if (ignore) {
            return Optional.of("IGNORE_APPLICATION_STATUS=1");
        }
        if (spreadsheetId.isEmpty() && spreadsheetName.isEmpty()) {
            return Optional.of("neither SPREADSHEET_ID nor SPREADSHEET_NAME is set");
        }
        if (credentialsJson.isEmpty()) {
            return Optional.of("SPREADSHEET_CREDENTIALS_JSON (the service-account key file) is not set");
        }
        return Optional.empty();
    }

    /** SPREADSHEET_ID wins over SPREADSHEET_NAME: the spreadsheet is looked up by name only without an id. */
    public boolean lookedUpByName() {
        return spreadsheetId.isEmpty() && spreadsheetName.isPresent();
    }
}
