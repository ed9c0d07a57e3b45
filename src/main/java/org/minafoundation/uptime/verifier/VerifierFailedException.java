package org.minafoundation.uptime.verifier;

/** A verifier run that did not succeed: the batch fails and is retried. */
public class VerifierFailedException extends RuntimeException {

    public VerifierFailedException(String message) {
        super(message);
    }
}
