package org.minafoundation.uptime.verifier.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Kubernetes API on which the first dispatch fails while one of its Jobs is still being
 * created. Its quota refuses the Job of slice 4 (the last slice the split starts, so slices
 * 0 to 3 are started too), and it takes slice 0's Job only once the failed dispatch has
 * listed its Jobs to delete them: until then it answers 429 Too Many Requests, which the
 * client retries with back-off (a request that comes after the listing is taken at once). So
 * slice 0's creation ends after the dispatch looked for its Jobs, however fast each thread
 * runs. Later dispatches are served as usual.
 */
final class LateJobDispatcher extends KubernetesCrudDispatcher {

    static final int REFUSED_SLICE = 4;
    static final int LATE_SLICE = 0;

    /** The group of the first dispatch, from its first Job. */
    private final AtomicReference<String> firstGroup = new AtomicReference<>();
    private volatile boolean firstGroupListed;
    /** The late Job's name, once it was stored (after the listing, by construction). */
    private final AtomicReference<String> lateJob = new AtomicReference<>();

    String firstGroup() {
        return firstGroup.get();
    }

    String lateJob() {
        return lateJob.get();
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        JobRequests.Created job = JobRequests.created(request);
        if (job == null) {
            return super.handleCreate(request);
        }
        firstGroup.compareAndSet(null, job.group());
        if (!job.group().equals(firstGroup.get())) {
            return super.handleCreate(request);
        }
        if (job.slice() == REFUSED_SLICE) {
            return JobRequests.exceededQuota(job.name());
        }
        if (job.slice() == LATE_SLICE) {
            if (!firstGroupListed) {
                return JobRequests.tooManyRequests();
            }
            MockResponse stored = super.handleCreate(request);
            lateJob.set(job.name());
            return stored;
        }
        return super.handleCreate(request);
    }

    @Override
    public MockResponse handleGet(String path) {
        MockResponse response = super.handleGet(path);
        String group = firstGroup.get();
        if (group != null && JobRequests.listsGroup(path, group)) {
            // set after the listing was answered from the store: the late Job is not in it
            firstGroupListed = true;
        }
        return response;
    }
}
