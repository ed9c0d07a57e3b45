package org.minafoundation.uptime.submissions;

import org.minafoundation.uptime.batch.Batch;

/** Where the verified submissions of a batch are read from (SUBMISSION_STORAGE). */
public interface SubmissionSource {

    BatchSubmissions load(Batch batch) throws Exception;
}
