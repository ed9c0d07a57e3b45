package org.minafoundation.uptime.model;

/** What one committed batch wrote: its {@code bot_logs} id and a few counts for the log line. */
public record BatchResult(int botLogId, int points, int producersScored, int shortlisted) {
}
