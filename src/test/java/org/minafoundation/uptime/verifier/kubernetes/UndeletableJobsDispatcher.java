package org.minafoundation.uptime.verifier.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kubernetes API whose quota refuses the Job of slice 4 once the other four Jobs of its
 * dispatch exist (until then it answers 429, which the client retries), and which refuses
 * to delete any Job: the failed dispatch finds four unfinished Jobs and cannot delete them.
 */
final class UndeletableJobsDispatcher extends KubernetesCrudDispatcher {

    static final int REFUSED_SLICE = 4;

    /** Jobs stored per dispatch. */
    private final Map<String, AtomicInteger> stored = new ConcurrentHashMap<>();
    /** Deletions of Jobs refused. */
    final AtomicInteger deletionsRefused = new AtomicInteger();

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        JobRequests.Created job = JobRequests.created(request);
        if (job == null) {
            return super.handleCreate(request);
        }
        AtomicInteger ofGroup = stored.computeIfAbsent(job.group(), g -> new AtomicInteger());
        if (job.slice() == REFUSED_SLICE) {
            return ofGroup.get() < REFUSED_SLICE ? JobRequests.tooManyRequests() : JobRequests.exceededQuota(job.name());
        }
        MockResponse response = super.handleCreate(request);
        ofGroup.incrementAndGet();
        return response;
    }

    @Override
    public MockResponse handleDelete(String path) {
        if (path.contains("/jobs")) {
            deletionsRefused.incrementAndGet();
            return JobRequests.deletionForbidden(path);
        }
        return super.handleDelete(path);
    }
}
