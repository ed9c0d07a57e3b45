package org.minafoundation.uptime.scores;

import java.time.Instant;
import java.util.List;

/**
 * One processed batch as one producer sees it: counted or not, a point or not, why, said in
 * a sentence, and the producer's submissions of the batch's window.
 */
public record BatchVerdict(int botLogId, Instant start, Instant end, boolean counted, boolean point, Reason reason,
        String detail, List<SubmissionSeen> submissions) {

    /**
     * A submission of the producer as the batch saw it.
     *
     * @param shortlisted its state hash is on the batch's stored shortlist
     * @param weight the weight scoring gave that hash; null when beyond the shortlist
     */
    public record SubmissionSeen(Instant submittedAt, String stateHash, String parent, Long height, Boolean verified,
            String validationError, boolean shortlisted, Integer weight) {
    }
}
