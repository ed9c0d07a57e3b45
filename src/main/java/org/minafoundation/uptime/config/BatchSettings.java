package org.minafoundation.uptime.config;

/** How time is walked: batch length, slices, score window, retries. */
public record BatchSettings(
        int surveyIntervalMinutes,
        int miniBatchNumber,
        int uptimeDaysForScore,
        int retryCount,
        int retryDelaySeconds) {

    static BatchSettings read(VariableReader env) {
        return new BatchSettings(
                env.integer("SURVEY_INTERVAL_MINUTES", 20, 1),
                env.integer("MINI_BATCH_NUMBER", 5, 1),
                env.integer("UPTIME_DAYS_FOR_SCORE", 90, 1),
                env.integer("RETRY_COUNT", 3, 0),
                env.integer("RETRY_DELAY_SECONDS", 10, 0));
    }
}
