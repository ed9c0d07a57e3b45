package org.minafoundation.uptime.status;

import com.google.api.services.sheets.v4.model.Sheet;
import com.google.api.services.sheets.v4.model.SheetProperties;
import com.google.api.services.sheets.v4.model.Spreadsheet;
import com.google.api.services.sheets.v4.model.ValueRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads the application list out of the spreadsheet's first worksheet, as the reference
 * does: the first row is the header; columns 3, 4 and 5 (1-based) hold the Discord id, the
 * e-mail and the block producer key. Pure: Google's model objects in, records out.
 */
public final class ApplicationSheet {

    static final int DISCORD_COLUMN = 2;
    static final int EMAIL_COLUMN = 3;
    static final int KEY_COLUMN = 4;

    /** A Mina public key: "B62" and 52 more base58 characters (55 in all), nothing else. */
    private static final Pattern PUBLIC_KEY = Pattern.compile("B62[1-9A-HJ-NP-Za-km-z]{52}");

    /** Spaces around a cell's text, including the no-break and zero-width ones pasted text brings along. */
    private static final Pattern EDGE_SPACE = Pattern.compile("^[\\s\\u00A0\\u200B\\uFEFF]+|[\\s\\u00A0\\u200B\\uFEFF]+$");

    /** The A1 range covering the whole first worksheet: its title, quoted. */
    public String firstWorksheetRange(Spreadsheet spreadsheet) {
        List<Sheet> sheets = spreadsheet == null ? null : spreadsheet.getSheets();
        String title = sheets == null ? null : sheets.stream()
                .map(Sheet::getProperties)
                .filter(Objects::nonNull)
                .min(Comparator.comparing(p -> p.getIndex() == null ? 0 : p.getIndex()))
                .map(SheetProperties::getTitle)
                .orElse(null);
        if (title == null || title.isEmpty()) {
            throw new UnusableSpreadsheetException("the spreadsheet has no worksheet");
        }
        return "'" + title.replace("'", "''") + "'";
    }

    /** The rows of the worksheet, as the Sheets API returned them. */
    public ApplicationStatuses read(ValueRange values) {
        return parse(values == null ? null : values.getValues());
    }

    /** The header row first, then one row per applicant; cells may be missing at the end of a row. */
    public static ApplicationStatuses parse(List<List<Object>> rows) {
        if (rows == null || rows.isEmpty()) {
            throw new UnusableSpreadsheetException("the first worksheet is empty (not even a header row)");
        }
        int headerColumns = rows.get(0) == null ? 0 : rows.get(0).size();
        if (headerColumns <= KEY_COLUMN) {
            throw new UnusableSpreadsheetException("the header row has " + headerColumns + " columns; expected at least "
                    + (KEY_COLUMN + 1) + " (Discord id, e-mail, block producer key in columns 3 to 5)");
        }
        Map<String, NodeContact> contacts = new LinkedHashMap<>();
        int empty = 0;
        int duplicates = 0;
        List<Integer> malformed = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<Object> row = rows.get(i);
            String key = cell(row, KEY_COLUMN);
            if (key == null) {
                empty++;
            } else if (!PUBLIC_KEY.matcher(key).matches()) {
                malformed.add(i + 1);
            } else {
                NodeContact contact = new NodeContact(key, cell(row, DISCORD_COLUMN), cell(row, EMAIL_COLUMN));
                if (contacts.remove(key) != null) {
                    duplicates++;
                }
                contacts.put(key, contact);
            }
        }
        return new ApplicationStatuses(List.copyOf(contacts.values()), rows.size() - 1, empty, malformed, duplicates);
    }

    /** The trimmed text of a cell, or null when it is missing or blank. */
    private static String cell(List<Object> row, int column) {
        if (row == null || row.size() <= column || row.get(column) == null) {
            return null;
        }
        String text = EDGE_SPACE.matcher(row.get(column).toString()).replaceAll("");
        return text.isEmpty() ? null : text;
    }
}
