package org.minafoundation.uptime.verifier;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.minafoundation.uptime.model.Slice;
import org.minafoundation.uptime.config.WorkerSettings;

/**
 * The child process that verifies one slice on this machine: its arguments, the variables
 * it gets on top of the coordinator's own environment, and a log-safe description.
 *
 * <p>Two shapes (SPEC §3, Local):
 * <ul>
 * <li>Without VERIFIER_COMMAND, the reference's {@code docker run --network host --rm
 * -v <SSL_CERTFILE>:/var/ssl/ssl-cert.crt -e NAME ... <WORKER_IMAGE>:<WORKER_TAG> "<start>" "<end>"}.
 * Every variable goes by name only ({@code -e NAME}): docker copies its value from the
 * environment of the {@code docker} client, which this process sets, so no value (and no
 * secret) is ever on a command line. The container also gets a unique {@code --name} so
 * that a timed-out or interrupted run can be removed: killing the docker client alone
 * leaves the container running.</li>
 * <li>With VERIFIER_COMMAND (split on whitespace), that command plus the two timestamps as
 * its last two arguments; every variable is in its environment, secrets included (it is
 * a process of this machine, as the docker client is).</li>
 * </ul>
 * A variable with an empty value is removed from the child's environment rather than set
 * empty, as an unset value is absent from a Kubernetes pod.
 *
 * @param arguments the command line
 * @param variables every variable to set in the child's environment (empty: remove it)
 * @param secretValues values that must never be logged
 * @param container the docker container's name, when the command is {@code docker run}
 */
public record LocalVerifierCommand(
        List<String> arguments,
        Map<String, String> variables,
        Set<String> secretValues,
        Optional<String> container) {

    /** Where the reference mounts {@code SSL_CERTFILE} inside the verifier container. */
    public static final String CONTAINER_CERTIFICATE = "/var/ssl/ssl-cert.crt";

    /**
     * Passed through to the container by name when the coordinator's environment has it,
     * as the reference does; it is not one of the coordinator's settings.
     */
    static final String POSTGRES_SSLMODE = "POSTGRES_SSLMODE";

    /** Secrets of the coordinator's environment that are not the verifier's. */
    static final List<String> COORDINATOR_ONLY_SECRETS = List.of("WEBHOOK_URL", "POSTGRES_RO_PASSWORD");

    public LocalVerifierCommand {
        arguments = List.copyOf(arguments);
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        secretValues = Set.copyOf(secretValues);
    }

    /**
     * @param variables the slice's variables ({@link WorkerEnvironment#forSlice})
     * @param container the name to give the docker container (ignored with VERIFIER_COMMAND)
     * @param inherited the coordinator's own environment (only read for POSTGRES_SSLMODE)
     */
    public static LocalVerifierCommand of(WorkerSettings worker, Slice slice, List<WorkerVariable> variables,
            String container, Map<String, String> inherited) {
        Set<String> secrets = variables.stream()
                .filter(WorkerVariable::isSecret)
                .map(WorkerVariable::value)
                .filter(v -> v != null && !v.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, String> values = new LinkedHashMap<>();
        variables.forEach(v -> values.put(v.name(), v.value() == null ? "" : v.value()));

        List<String> arguments = new ArrayList<>();
        Optional<String> command = worker.localCommand().map(String::strip).filter(c -> !c.isEmpty());
        if (command.isPresent()) {
            // A process of this machine reads the certificate where it is on this machine.
            worker.sslCertFile().ifPresent(file -> values.put("SSL_CERTFILE", file));
            arguments.addAll(List.of(command.get().split("\\s+")));
            arguments.add(slice.verifierStart());
            arguments.add(slice.verifierEnd());
            return new LocalVerifierCommand(arguments, values, secrets, Optional.empty());
        }

        String image = worker.image().orElseThrow(() -> new IllegalStateException("WORKER_IMAGE is not set"))
                + ":" + worker.tag().orElseThrow(() -> new IllegalStateException("WORKER_TAG is not set"));
        arguments.addAll(List.of("docker", "run", "--network", "host", "--rm", "--name", container));
        if (worker.sslCertFile().isPresent()) {
            arguments.add("-v");
            arguments.add(worker.sslCertFile().get() + ":" + CONTAINER_CERTIFICATE);
            values.put("SSL_CERTFILE", CONTAINER_CERTIFICATE);
        }
        for (String name : values.keySet()) {
            arguments.add("-e");
            arguments.add(name);
        }
        if (inherited.containsKey(POSTGRES_SSLMODE) && !values.containsKey(POSTGRES_SSLMODE)) {
            arguments.add("-e");
            arguments.add(POSTGRES_SSLMODE);
        }
        arguments.add(image);
        arguments.add(slice.verifierStart());
        arguments.add(slice.verifierEnd());
        return new LocalVerifierCommand(arguments, values, secrets, Optional.of(container));
    }

    /** Sets {@link #variables} in {@code environment} (a copy of the coordinator's own). */
    public void applyTo(Map<String, String> environment) {
        // The coordinator's own secrets that no verifier needs (a verifier printing its
        // environment would otherwise log them unmasked).
        COORDINATOR_ONLY_SECRETS.forEach(environment::remove);
        variables.forEach((name, value) -> {
            if (value.isEmpty()) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
        });
    }

    /** The command line as a shell would show it, with any secret value masked. */
    public String describe() {
        return mask(arguments.stream().map(LocalVerifierCommand::quote).collect(Collectors.joining(" ")), secretValues);
    }

    /** {@code text} with every occurrence of each secret replaced by {@code ****}. */
    public static String mask(String text, Collection<String> secrets) {
        String masked = text;
        // longest first, so a secret that contains another one is masked whole
        List<String> longestFirst = secrets.stream().filter(s -> !s.isEmpty())
                .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
        for (String secret : longestFirst) {
            masked = masked.replace(secret, "****");
        }
        return masked;
    }

    private static String quote(String argument) {
        if (!argument.isEmpty() && argument.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
            return argument;
        }
        return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
