package org.minafoundation.uptime.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to environment variables. An empty value counts as unset, as in the
 * reference's {@code .env} files where {@code NAME=} means "use the default".
 */
final class VariableReader {

    private final Map<String, String> variables;

    VariableReader(Map<String, String> variables) {
        this.variables = variables;
    }

    Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    String text(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    String required(String name, String why) {
        return optional(name).orElseThrow(() -> new SettingException(name, "is required " + why));
    }

    Secret secret(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Secret.NONE : new Secret(value);
    }

    int integer(String name, int fallback, int minimum) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new SettingException(name, "'" + value.get() + "' is not a whole number");
        }
        if (parsed < minimum) {
            throw new SettingException(name, "'" + value.get() + "' must be at least " + minimum);
        }
        return parsed;
    }

    long longInteger(String name, long fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw new SettingException(name, "'" + value.get() + "' is not a whole number");
        }
    }

    Optional<Integer> optionalInteger(String name, int minimum) {
        return optional(name).map(v -> integer(name, 0, minimum));
    }

    Optional<Double> decimal(String name) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(value.get()));
        } catch (NumberFormatException e) {
            throw new SettingException(name, "'" + value.get() + "' is not a number");
        }
    }

    /** "1"/"true"/"yes" and "0"/"false"/"no" (any case); anything else is an error, not false. */
    boolean flag(String name) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return false;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw new SettingException(name, "'" + value.get() + "' is not a flag (use 1/0 or true/false)");
        };
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name());
            }
            throw new SettingException(name, "'" + value.get() + "' is not one of " + allowed);
        }
    }
}
