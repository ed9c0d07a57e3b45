package org.minafoundation.uptime.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** A TCP port: 1 to 65535 ({@code minimum} 0 lets 0 mean "none"). */
    int port(String name, int fallback, int minimum) {
        int port = integer(name, fallback, minimum);
        if (port > 65_535) {
            throw new SettingException(name, "'" + port + "' is not a port (at most 65535)");
        }
        return port;
    }

    /** One of {@code allowed}, spelt exactly (Kubernetes' own values are case-sensitive). */
    String oneOf(String name, String fallback, String... allowed) {
        String value = text(name, fallback);
        if (!List.of(allowed).contains(value)) {
            throw new SettingException(name, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    /** A Kubernetes resource quantity such as 500m, 2, 1.5Gi or 4e9; checked here so that no Job is refused later. */
    Optional<String> quantity(String name) {
        Optional<String> value = optional(name);
        if (value.isPresent() && !value.get().matches(
                "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?")) {
            throw new SettingException(name, "'" + value.get() + "' is not a Kubernetes quantity (e.g. 500m, 2, 4Gi)");
        }
        return value;
    }

    /**
     * The variable's path, when set, checked to be a readable file. A value that is a key or
     * certificate itself rather than its path is refused without being repeated: it may be secret.
     */
    Optional<String> readableFile(String name) {
        Optional<String> path = optional(name);
        if (path.isPresent() && (path.get().startsWith("{") || path.get().contains("-----BEGIN"))) {
            throw new SettingException(name, "holds the content itself, not the path of a file with it"
                    + " (the value is not shown)");
        }
        if (path.isPresent() && !Files.isReadable(Path.of(path.get()))) {
            throw new SettingException(name, "'" + path.get() + "' is not a readable file");
        }
        return path;
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
        double parsed;
        try {
            parsed = Double.parseDouble(value.get());
        } catch (NumberFormatException e) {
            throw new SettingException(name, "'" + value.get() + "' is not a number");
        }
        if (!Double.isFinite(parsed)) {
            throw new SettingException(name, "'" + value.get() + "' is not a finite number");
        }
        return Optional.of(parsed);
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
