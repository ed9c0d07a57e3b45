package org.minafoundation.uptime.status;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.Retryable;
import java.lang.reflect.InvocationTargetException;
import java.net.SocketTimeoutException;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.RuntimeCamelException;
import org.minafoundation.uptime.model.Carried;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one line per sync an operator reads: what the sheet held and what it changed, or why it failed. */
public final class ApplicationStatusReport {

    private static final Logger LOG = LoggerFactory.getLogger("application-status");
    private static final int MAX_REASON = 300;
    private static final int MAX_ROWS_LISTED = 10;

    private final SpreadsheetLocation location;
    private final GoogleApiAccess access;
    private final boolean authoritative;

    public ApplicationStatusReport(SpreadsheetLocation location, GoogleApiAccess access, boolean authoritative) {
        this.location = location;
        this.access = access;
        this.authoritative = authoritative;
    }

    public String synced(
            @ExchangeProperty(Carried.APPLICATION_STATUSES) ApplicationStatuses sheet,
            @ExchangeProperty(Carried.APPLIED_STATUSES) AppliedStatuses applied,
            @Header("CamelGoogleSheets.spreadsheetId") String spreadsheetId,
            @ExchangeProperty(Carried.BATCH) Object batch) {
        StringBuilder line = new StringBuilder()
                .append("Application status synced").append(batch == null ? "" : " before " + batch)
                .append(" from spreadsheet ").append(location.describe(spreadsheetId)).append(": ")
                .append(sheet.rows()).append(" rows, ")
                .append(applied.applied()).append(" applied (").append(applied.changed()).append(" changed), ")
                .append(applied.unknown()).append(" unknown keys (applied once their node exists), ")
                .append(sheet.skipped()).append(" skipped rows (")
                .append(sheet.emptyKeys()).append(" empty key, ")
                .append(sheet.malformedKeyRows().size()).append(" malformed key");
        if (!sheet.malformedKeyRows().isEmpty()) {
            line.append(" on rows ").append(sheet.malformedKeyRows().stream().limit(MAX_ROWS_LISTED).toList())
                    .append(sheet.malformedKeyRows().size() > MAX_ROWS_LISTED ? "..." : "");
        }
        line.append(')');
        if (sheet.duplicateKeys() > 0) {
            line.append(", ").append(sheet.duplicateKeys()).append(" repeated keys (the last row wins)");
        }
        if (applied.unsetRefused()) {
            line.append("; APPLICATION_STATUS_AUTHORITATIVE: nothing unset, the sheet lists no valid key");
        } else if (authoritative) {
            line.append("; ").append(applied.unset()).append(" unset (APPLICATION_STATUS_AUTHORITATIVE)");
        }
        String text = line.toString();
        // A malformed key is an applicant who does not get the status: worth a warning. Blank rows are not.
        if (!sheet.malformedKeyRows().isEmpty() || applied.unsetRefused()) {
            LOG.warn(text);
        } else {
            LOG.info(text);
        }
        return text;
    }

    /** Any failure of a sync: the statuses stay as they are and the batch goes on. */
    public String failed(
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure,
            @ExchangeProperty(Exchange.FAILURE_ENDPOINT) String endpoint,
            @ExchangeProperty(Carried.BATCH) Object batch) {
        String text = "Application status not synced" + (batch == null ? "" : " before " + batch)
                + " from " + location + (endpoint == null ? "" : " at " + endpoint.replaceFirst("\\?.*", ""))
                + ": " + reason(failure) + "; statuses stay as they are, the batch goes on"
                + " (the next batch tries again)";
        LOG.warn(text);
        return text;
    }

    /** A short, single-line, secret-free reason: HTTP status and Google's message, a timeout, or the exception. */
    String reason(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof RuntimeCamelException || cause instanceof InvocationTargetException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason;
        GoogleJsonResponseException json = find(cause, GoogleJsonResponseException.class);
        HttpResponseException http = find(cause, HttpResponseException.class);
        SocketTimeoutException timeout = find(cause, SocketTimeoutException.class);
        // google-auth's token failures are its only exceptions marked Retryable
        String token = chain(cause).anyMatch(Retryable.class::isInstance) ? "no access token for the service account: " : "";
        if (json != null) {
            GoogleJsonError details = json.getDetails();
            reason = "HTTP " + json.getStatusCode() + " " + nullToEmpty(json.getStatusMessage())
                    + (details != null && details.getMessage() != null ? ": " + details.getMessage() : "");
        } else if (http != null) {
            String content = nullToEmpty(http.getContent()).strip();
            reason = token + "HTTP " + http.getStatusCode() + " " + nullToEmpty(http.getStatusMessage())
                    + (content.isEmpty() || content.length() > 200 ? "" : " " + content);
        } else if (timeout != null) {
            reason = token + "no answer in time (" + timeout.getMessage() + "; timeouts: connect "
                    + access.connectTimeout().toMillis() + " ms, read " + access.readTimeout().toMillis() + " ms)";
        } else {
            reason = describe(cause);
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root != cause && root.getMessage() != null && !reason.contains(root.getMessage())) {
                reason += " (" + describe(root) + ")";
            }
            if (cause instanceof RuntimeException && !(cause instanceof UnusableSpreadsheetException)) {
                // Google's client fails this way on an answer it cannot parse (bad JSON, cut short).
                reason = "unreadable answer or unexpected failure: " + reason;
            }
        }
        reason = reason.replaceAll("\\s+", " ").strip();
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        return chain(failure).filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    private static Stream<Throwable> chain(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause());
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
