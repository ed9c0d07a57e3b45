package org.minafoundation.uptime.verifier.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the test Kubernetes APIs need to tell the coordinator's Job requests apart, and their refusals. */
final class JobRequests {

    private static final Pattern JOB_NAME = Pattern.compile("\"((delegation-verify-[0-9-]{14}-[a-z0-9]{10})-(\\d))\"");

    /** A verifier Job asked for: its name, its dispatch's group and its slice. */
    record Created(String name, String group, int slice) {
    }

    private JobRequests() {
    }

    /** The verifier Job a create request asks for, or null for anything else. */
    static Created created(RecordedRequest request) {
        if (!request.getPath().contains("/jobs")) {
            return null;
        }
        Matcher job = JOB_NAME.matcher(new String(request.getBody().getBytes(), UTF_8));
        return job.find() ? new Created(job.group(1), job.group(2), Integer.parseInt(job.group(3))) : null;
    }

    /** A listing of one dispatch's Jobs by their group label (as the failed dispatch does before deleting them). */
    static boolean listsGroup(String path, String group) {
        return path.contains("/jobs?") && path.contains("labelSelector") && path.contains(group);
    }

    static MockResponse exceededQuota(String job) {
        return status(403, "Forbidden", "jobs \\\"" + job + "\\\" is forbidden: exceeded quota");
    }

    /** The API is busy: the client tries again with back-off (fabric8 retries 429 and 5xx). */
    static MockResponse tooManyRequests() {
        return status(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later");
    }

    static MockResponse deletionForbidden(String path) {
        return status(403, "Forbidden", "deleting " + path + " is forbidden: the service account may not delete Jobs");
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setBody("""
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"%s","code":%d,"message":"%s"}"""
                .formatted(reason, code, message));
    }
}
