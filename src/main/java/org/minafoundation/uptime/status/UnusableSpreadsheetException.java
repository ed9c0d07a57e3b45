package org.minafoundation.uptime.status;

/**
 * The spreadsheet cannot serve as the application list: not found by name, no worksheet,
 * no header row, too few columns.
 */
public final class UnusableSpreadsheetException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public UnusableSpreadsheetException(String message) {
        super(message);
    }
}
