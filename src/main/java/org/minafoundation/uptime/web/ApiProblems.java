package org.minafoundation.uptime.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import org.apache.camel.Exchange;
import org.minafoundation.uptime.store.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed request into its answer, {@code {"error": code, "message": text}}: the
 * request's own mistake as its 400/404, the database unreachable as 503 (the next request
 * tries again), anything else as 500 with nothing of the exception in it (it is logged).
 */
public final class ApiProblems {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNAVAILABLE = "the scores database cannot be reached just now; try again shortly";

    private final DatabaseGate gate;

    public ApiProblems(DatabaseGate gate) {
        this.gate = gate;
    }

    static ApiProblem unavailable() {
        return new ApiProblem(503, "database_unavailable", UNAVAILABLE);
    }

    public String render(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status;
        String code;
        String message;
        if (cause instanceof ApiProblem problem) {
            status = problem.status();
            code = problem.code();
            message = problem.getMessage();
        } else if (unreachable(cause)) {
            gate.unreachable();
            status = 503;
            code = "database_unavailable";
            message = UNAVAILABLE;
            LOG.warn("Scores request {} answered 503: {}", path(exchange), cause == null ? "" : cause.getMessage());
        } else {
            status = 500;
            code = "internal_error";
            message = "the request failed; it was logged";
            LOG.error("Scores request {} failed", path(exchange), cause);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        ObjectNode body = JSON.createObjectNode();
        body.put("error", code);
        body.put("message", message);
        return ScoresApi.write(body);
    }

    /** An outage, or a statement cut off by its timeout (57014): the next request may well get through. */
    static boolean unreachable(Throwable error) {
        if (DatabaseOutage.unreachable(error)) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String path(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
    }
}
