package org.minafoundation.uptime.config;

/** A setting that cannot be used; the message names the variable and, unless secret, its value. */
public class SettingException extends RuntimeException {

    private final String variable;

    public SettingException(String variable, String message) {
        super(variable + ": " + message);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
