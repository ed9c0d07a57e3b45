package org.minafoundation.uptime.web;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;
import org.minafoundation.uptime.store.ScoresQueries;
import org.minafoundation.uptime.store.ScoresQueries.NewestBatch;

/**
 * Every answer changes only when a batch is committed: the newest batch names the version.
 * Sets {@code ETag} and {@code Last-Modified}, and answers a matching {@code If-None-Match}
 * with 304 and no body (the route then skips the work).
 */
public record Freshness(ScoresQueries scores, DatabaseGate gate) {

    /** The exchange property the routes test: the client's copy is still current. */
    public static final String NOT_MODIFIED = "notModified";

    /** The first step of every answer that reads the database. */
    public void mark(Exchange exchange) throws SQLException {
        gate.check();
        var message = exchange.getMessage();
        NewestBatch newest = scores.newestBatch().orElse(new NewestBatch(0, 0));
        String etag = "\"" + newest.botLogId() + "-" + newest.endEpoch() + "\"";
        message.setHeader("ETag", etag);
        message.setHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME
                .format(Instant.ofEpochSecond(newest.endEpoch()).atOffset(ZoneOffset.UTC)));
        String asked = message.getHeader("If-None-Match", String.class);
        boolean current = asked != null && (asked.equals(etag) || asked.equals("W/" + etag) || asked.equals("*"));
        exchange.setProperty(NOT_MODIFIED, current);
        if (current) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            message.setBody("");
        }
    }
}
