package org.minafoundation.uptime.scores;

/**
 * Why a processed batch gave a producer a point or not (SPEC §12), in the order they are
 * tried: the first that holds is the answer.
 */
public enum Reason {
    /** The batch has files_processed = -1: nobody's points count in it. */
    NOT_COUNTED,
    /** No point, and cleanup removed every submission of the batch's window. */
    DATA_REMOVED,
    /** Recomputing the batch from its stored submissions disagrees with its stored points. */
    STORED_DIFFERS,
    /** A points row of the producer in the batch. */
    POINT,
    /** No submission of the producer in the window. */
    NO_SUBMISSION,
    /** Submissions, none verified. */
    NOT_VERIFIED,
    /** Verified submissions, each with a validation error. */
    INVALID,
    /** Valid submissions, all without a usable state hash or key. */
    UNUSABLE,
    /** Valid submissions, none of whose state hashes is on the batch's shortlist. */
    NOT_NEAR_CONSENSUS
}
