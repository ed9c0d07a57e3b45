package org.minafoundation.uptime.verifier;

/**
 * One environment variable of a verifier run. A secret one carries {@code secretKey}: on
 * Kubernetes, with WORKER_SECRET_NAME set, it is read from that key of the Secret instead
 * of being written into the Job.
 */
public record WorkerVariable(String name, String value, String secretKey) {

    public static WorkerVariable plain(String name, String value) {
        return new WorkerVariable(name, value, null);
    }

    public static WorkerVariable secret(String name, String value) {
        return new WorkerVariable(name, value, name);
    }

    public boolean isSecret() {
        return secretKey != null;
    }
}
