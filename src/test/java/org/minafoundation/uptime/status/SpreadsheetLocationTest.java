package org.minafoundation.uptime.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.drive.model.File;
import com.google.api.services.drive.model.FileList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpreadsheetLocationTest {

    @Test
    void theIdWinsOverTheName() {
        SpreadsheetLocation location = new SpreadsheetLocation(Optional.of("abc"), Optional.of("Applications"));

        assertFalse(location.byName());
        assertEquals("abc", location.id());
        assertEquals("abc", location.describe("abc"));
    }

    @Test
    void theDriveQueryEscapesQuotesAndBackslashes() {
        SpreadsheetLocation location = new SpreadsheetLocation(Optional.empty(), Optional.of("Mina's \\ list"));

        assertTrue(location.byName());
        assertEquals("name = 'Mina\\'s \\\\ list' and mimeType = 'application/vnd.google-apps.spreadsheet'"
                + " and trashed = false", location.driveQuery());
    }

    @Test
    void theFirstFileFoundIsUsedAndNoneIsAnError() {
        SpreadsheetLocation location = new SpreadsheetLocation(Optional.empty(), Optional.of("Applications"));

        assertEquals("newest", location.idFrom(new FileList().setFiles(
                List.of(new File().setId("newest"), new File().setId("older")))));
        assertThrows(UnusableSpreadsheetException.class, () -> location.idFrom(new FileList().setFiles(List.of())));
        assertThrows(UnusableSpreadsheetException.class, () -> location.idFrom(new FileList()));
        assertEquals("'Applications' (newest)", location.describe("newest"));
    }

    @Test
    void oneOfIdOrNameIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new SpreadsheetLocation(Optional.empty(), Optional.empty()));
    }
}
