package org.minafoundation.uptime.config;

/** Where the uptime backend stores submissions (SUBMISSION_STORAGE, case-insensitive). */
public enum SubmissionStorage {
    POSTGRES,
    CASSANDRA
}
