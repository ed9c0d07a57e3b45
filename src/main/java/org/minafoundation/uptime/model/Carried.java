package org.minafoundation.uptime.model;

/**
 * The exchange properties the routes carry from step to step and the beans read, named
 * exactly as {@code routes/*.yaml} names them ({@code setProperty: name: ...},
 * {@code ${exchangeProperty.name}}). One place, so that a bean and a route cannot drift
 * apart by a typo (CarriedTest reads the route files to hold that).
 */
public final class Carried {

    /** The {@link Batch} of this pass (routes/coordinator.yaml, plan-batch). */
    public static final String BATCH = "batch";
    /** {@code System.nanoTime()} when the pass took its batch: the batch's processing time. */
    public static final String BATCH_STARTED = "batchStarted";
    /** What became of a failed attempt: a {@link BatchFailure}. */
    public static final String BATCH_FAILURE = "batchFailure";
    /** The name shared by the verifier Jobs of one dispatch. */
    public static final String VERIFIER_GROUP = "verifierGroup";
    /** This slice's Job belongs to a failed dispatch and may still run: the route deletes it. */
    public static final String ABANDONED_JOB = "abandonedJob";
    /** The failure that ended a dispatch, before its unfinished Jobs are deleted. */
    public static final String DISPATCH_FAILURE = "dispatchFailure";
    /** When verification of the batch started, and how long it took (bot_logs.processing_time). */
    public static final String VERIFICATION_STARTED = "verificationStarted";
    public static final String VERIFICATION_SECONDS = "verificationSeconds";
    /** The batch's {@link BatchSubmissions}, its score, and what its commit wrote ({@link BatchResult}). */
    public static final String SUBMISSIONS = "submissions";
    public static final String SCORE = "score";
    public static final String RESULT = "result";
    /** The statuses read from the spreadsheet, and what applying them changed (application-status.yaml). */
    public static final String APPLICATION_STATUSES = "applicationStatuses";
    public static final String APPLIED_STATUSES = "appliedStatuses";

    private Carried() {
    }
}
