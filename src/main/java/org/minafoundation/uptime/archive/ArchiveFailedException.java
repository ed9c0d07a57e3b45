package org.minafoundation.uptime.archive;

/** The archive could not be written or checked; the cleanup was rolled back, nothing deleted. */
public final class ArchiveFailedException extends Exception {

    public ArchiveFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public ArchiveFailedException(String message) {
        super(message);
    }
}
