package org.minafoundation.uptime.status;

import com.google.api.services.drive.model.File;
import com.google.api.services.drive.model.FileList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which spreadsheet holds the applications: SPREADSHEET_ID when set, else the spreadsheet
 * named SPREADSHEET_NAME, looked up through the Drive API as the reference opens it by name.
 */
public final class SpreadsheetLocation {

    private static final Logger LOG = LoggerFactory.getLogger("application-status");
    static final String SPREADSHEET_MIME_TYPE = "application/vnd.google-apps.spreadsheet";

    private final Optional<String> id;
    private final Optional<String> name;

    public SpreadsheetLocation(Optional<String> id, Optional<String> name) {
        if (id.isEmpty() && name.isEmpty()) {
            throw new IllegalArgumentException("a spreadsheet id or name is required");
        }
        this.id = id;
        this.name = id.isPresent() ? Optional.empty() : name;
    }

    public boolean byName() {
        return id.isEmpty();
    }

    /** SPREADSHEET_ID. */
    public String id() {
        return id.orElseThrow(() -> new IllegalStateException("the spreadsheet is looked up by name"));
    }

    /** The Drive files.list query for spreadsheets with exactly that name (quotes and backslashes escaped). */
    public String driveQuery() {
        String escaped = name.orElseThrow(() -> new IllegalStateException("the spreadsheet is known by id"))
                .replace("\\", "\\\\").replace("'", "\\'");
        return "name = '" + escaped + "' and mimeType = '" + SPREADSHEET_MIME_TYPE + "' and trashed = false";
    }

    /**
     * The id of the spreadsheet the Drive search found (ordered most recently modified
     * first): none is an error; several are logged and the first is used, as gspread does.
     */
    public String idFrom(FileList search) {
        List<File> files = search == null || search.getFiles() == null ? List.of() : search.getFiles();
        if (files.isEmpty()) {
            throw new UnusableSpreadsheetException("no spreadsheet named '" + name.orElse("") + "' is visible to the"
                    + " service account (is it shared with the account's e-mail?)");
        }
        String chosen = files.get(0).getId();
        if (chosen == null || chosen.isBlank()) {
            throw new UnusableSpreadsheetException("the Drive search for '" + name.orElse("") + "' gave a file without id");
        }
        if (files.size() > 1) {
            LOG.warn("{} spreadsheets are named '{}'; using the most recently modified one, {}", files.size(),
                    name.orElse(""), chosen);
        }
        return chosen;
    }

    /** How log lines name the spreadsheet. */
    public String describe(String resolvedId) {
        return name.map(n -> "'" + n + "' (" + resolvedId + ")").orElse(resolvedId);
    }

    @Override
    public String toString() {
        return name.map(n -> "spreadsheet named '" + n + "'").orElseGet(() -> "spreadsheet " + id.orElseThrow());
    }
}
