package org.minafoundation.uptime.config;

/** A password, key or URL that must never reach a log line: it prints as a mask. */
public record Secret(String value) {

    public static final Secret NONE = new Secret("");

    public boolean isSet() {
        return !value.isEmpty();
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return isSet() ? "****" : "(unset)";
    }
}
