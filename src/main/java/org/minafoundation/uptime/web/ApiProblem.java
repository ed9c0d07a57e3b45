package org.minafoundation.uptime.web;

/**
 * A request the service answers with an error of its own: the HTTP status, a stable code for
 * programs and a sentence for people ({@code {"error": code, "message": message}}).
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;

    public ApiProblem(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiProblem badRequest(String code, String message) {
        return new ApiProblem(400, code, message);
    }

    public static ApiProblem notFound(String message) {
        return new ApiProblem(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
