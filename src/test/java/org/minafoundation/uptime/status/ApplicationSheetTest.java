package org.minafoundation.uptime.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.sheets.v4.model.Sheet;
import com.google.api.services.sheets.v4.model.SheetProperties;
import com.google.api.services.sheets.v4.model.Spreadsheet;
import com.google.api.services.sheets.v4.model.ValueRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationSheetTest {

    static final String KEY_A = "B62qPLZtCRDdBLNBHh7d92YePD1r88NKCmH5XD8fEzWELgELjxeAFD6";
    static final String KEY_B = "B62q2DXthQGeqgMFDTtpkJVH68a9WP1Fn1Fdzr3oUjNqg8b2DUWvmEw";
    static final List<Object> HEADER = List.of("Timestamp", "Name", "Discord ID", "Email", "Block producer key");

    private static List<Object> row(Object... cells) {
        return new ArrayList<>(Arrays.asList(cells));
    }

    private static ApplicationStatuses parse(List<Object>... rows) {
        List<List<Object>> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(Arrays.asList(rows));
        return ApplicationSheet.parse(all);
    }

    @Test
    void columnsThreeFourFiveAreDiscordEmailAndKey() {
        ApplicationStatuses statuses = parse(row("t", "n", "alice#1", "alice@example.org", KEY_A, "extra"));

        assertEquals(List.of(new NodeContact(KEY_A, "alice#1", "alice@example.org")), statuses.contacts());
        assertEquals(1, statuses.rows());
        assertEquals(0, statuses.skipped());
    }

    @Test
    void cellsAreTrimmedAndBlankContactsAreNull() {
        ApplicationStatuses statuses = parse(
                row("t", "n", "  bob ", "\tbob@example.org\n", " " + KEY_A + "\u00A0"),
                row("t", "n", "", "   ", KEY_B));

        assertEquals(List.of(new NodeContact(KEY_A, "bob", "bob@example.org"), new NodeContact(KEY_B, null, null)),
                statuses.contacts());
    }

    @Test
    void rowsWithoutKeyAreSkippedAndCounted() {
        ApplicationStatuses statuses = parse(row(), row("t", "n", "dave", "dave@example.org"),
                row("t", "n", "x", "y", "   "), row("", "", "", "", ""), row("t", "n", "a", "b", KEY_A));

        assertEquals(5, statuses.rows());
        assertEquals(4, statuses.emptyKeys());
        assertEquals(List.of(), statuses.malformedKeyRows());
        assertEquals(4, statuses.skipped());
        assertEquals(1, statuses.contacts().size());
    }

    @Test
    void malformedKeysAreSkippedWithTheirSheetRowNumbers() {
        ApplicationStatuses statuses = parse(
                row("t", "n", "a", "b", KEY_A),                                   // row 2
                row("t", "n", "a", "b", KEY_A.substring(0, 20) + " " + KEY_A.substring(21)), // 3: space inside
                row("t", "n", "a", "b", "C62" + KEY_A.substring(3)),              // 4: wrong prefix
                row("t", "n", "a", "b", KEY_A.substring(0, 54)),                  // 5: too short
                row("t", "n", "a", "b", KEY_A + "x"),                             // 6: too long
                row("t", "n", "a", "b", KEY_A.substring(0, 54) + "0"),            // 7: not base58
                row("t", "n", "a", "b", "my key"),                                // 8
                row("t", "n", "a", "b", KEY_B));                                  // 9

        assertEquals(List.of(3, 4, 5, 6, 7, 8), statuses.malformedKeyRows());
        assertEquals(0, statuses.emptyKeys());
        assertEquals(6, statuses.skipped());
        assertEquals(List.of(KEY_A, KEY_B), statuses.contacts().stream().map(NodeContact::blockProducerKey).toList());
    }

    @Test
    void aRepeatedKeyTakesItsLastRow() {
        ApplicationStatuses statuses = parse(row("t", "n", "old", "old@x", KEY_A), row("t", "n", "b", "b@x", KEY_B),
                row("t", "n", "new", "new@x", KEY_A));

        assertEquals(List.of(new NodeContact(KEY_B, "b", "b@x"), new NodeContact(KEY_A, "new", "new@x")),
                statuses.contacts());
        assertEquals(1, statuses.duplicateKeys());
        assertEquals(3, statuses.rows());
    }

    @Test
    void cellsThatAreNotTextAreReadAsText() {
        ApplicationStatuses statuses = parse(row("t", "n", 123456789012345678L, null, KEY_A));

        assertEquals(List.of(new NodeContact(KEY_A, "123456789012345678", null)), statuses.contacts());
    }

    @Test
    void aHeaderOnlySheetHasNoRow() {
        ApplicationStatuses statuses = ApplicationSheet.parse(List.of(HEADER));

        assertEquals(0, statuses.rows());
        assertEquals(List.of(), statuses.contacts());
    }

    @Test
    void aSheetWithoutHeaderOrWithTooFewColumnsIsUnusable() {
        assertThrows(UnusableSpreadsheetException.class, () -> ApplicationSheet.parse(List.of()));
        assertThrows(UnusableSpreadsheetException.class, () -> ApplicationSheet.parse(null));
        assertThrows(UnusableSpreadsheetException.class, () -> new ApplicationSheet().read(new ValueRange()));
        UnusableSpreadsheetException e = assertThrows(UnusableSpreadsheetException.class,
                () -> ApplicationSheet.parse(List.of(List.of("a", "b", "c", "d"), List.of("1", "2", "3", "4", KEY_A))));
        assertTrue(e.getMessage().contains("4 columns"), e.getMessage());
    }

    private static Sheet sheet(String title, int index) {
        return new Sheet().setProperties(new SheetProperties().setTitle(title).setIndex(index));
    }

    @Test
    void theRangeIsTheWholeFirstWorksheetWithItsTitleQuoted() {
        ApplicationSheet sheet = new ApplicationSheet();

        assertEquals("'Form Responses 1'",
                sheet.firstWorksheetRange(new Spreadsheet().setSheets(List.of(sheet("Form Responses 1", 0), sheet("B", 1)))));
        assertEquals("'Applicants'' form'",
                sheet.firstWorksheetRange(new Spreadsheet().setSheets(List.of(sheet("Archive", 2), sheet("Applicants' form", 0)))));
        assertThrows(UnusableSpreadsheetException.class, () -> sheet.firstWorksheetRange(new Spreadsheet()));
        assertThrows(UnusableSpreadsheetException.class,
                () -> sheet.firstWorksheetRange(new Spreadsheet().setSheets(List.of())));
    }
}
