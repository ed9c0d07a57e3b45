package org.minafoundation.uptime.verifier.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes API whose quota refuses the Job of slice 0, and whose creation of slice 4's
 * Job ends only after the failed dispatch had time to list its Jobs: the Job is stored two
 * seconds after its request, answered at three.
 */
final class LateJobDispatcher extends KubernetesCrudDispatcher {

    private static final Pattern JOB_NAME = Pattern.compile("\"(delegation-verify-[0-9-]{14}-[a-z0-9]{10})-(\\d)\"");
    private static final Duration STORED_AFTER = Duration.ofSeconds(2);
    private static final Duration ANSWERED_AFTER = Duration.ofSeconds(3);

    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    /** Group of each late Job, with when it was stored. */
    final Map<String, Instant> lateJobsStored = new ConcurrentHashMap<>();
    /** When a dispatch's Jobs were listed (for deletion). */
    final List<Instant> listings = new CopyOnWriteArrayList<>();

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        byte[] body = request.getBody().getBytes();
        Matcher job = JOB_NAME.matcher(new String(body, UTF_8));
        if (!request.getPath().contains("/jobs") || !job.find()) {
            return super.handleCreate(request);
        }
        if (job.group(2).equals("0")) {
            return new MockResponse().setResponseCode(403).setBody("""
                    {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
                     "message":"jobs \\"%s\\" is forbidden: exceeded quota"}""".formatted(job.group()));
        }
        if (job.group(2).equals("4")) {
            RecordedRequest copy = new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                    request.getHeaders(), new Buffer(body));
            String group = job.group(1);
            later.schedule(() -> {
                super.handleCreate(copy);
                lateJobsStored.put(group, Instant.now());
            }, STORED_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            return new MockResponse().setResponseCode(201).setBody(new String(body, UTF_8)).setBodyDelay(ANSWERED_AFTER);
        }
        return super.handleCreate(request);
    }

    @Override
    public MockResponse handleGet(String path) {
        if (path.contains("/jobs?") && path.contains("labelSelector")) {
            listings.add(Instant.now());
        }
        return super.handleGet(path);
    }

    void close() {
        later.shutdownNow();
    }
}
