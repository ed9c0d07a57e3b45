package org.minafoundation.uptime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.config.VerifierMode;
import org.minafoundation.uptime.verifier.VerifierJobSpec;
import org.minafoundation.uptime.verifier.WorkerEnvironment;

/**
 * The manifests in {@code deploy/} parse as Kubernetes objects (fabric8, offline) and fit
 * together: names, service accounts, RBAC, the ConfigMaps and the Secret the coordinator
 * and its verifier Jobs refer to.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of(System.getProperty("basedir", ".")).resolve("deploy");
    private static final String DEPLOYMENT = "uptime-coordinator";
    private static final String ENTRYPOINT_KEY = "entrypoint-worker.sh";

    private static final Map<Path, List<HasMetadata>> BY_FILE = new LinkedHashMap<>();
    private static final List<HasMetadata> ALL = new ArrayList<>();

    @TempDir
    Path folder;

    @BeforeAll
    static void load() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(DEPLOY)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no manifests in " + DEPLOY.toAbsolutePath());
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                Object parsed = Serialization.unmarshal(in);
                List<HasMetadata> items = new ArrayList<>();
                if (parsed instanceof List<?> list) {
                    list.forEach(item -> items.add((HasMetadata) item));
                } else {
                    items.add((HasMetadata) parsed);
                }
                BY_FILE.put(file, items);
                ALL.addAll(items);
            }
        }
    }

    private static <T extends HasMetadata> List<T> all(Class<T> type) {
        return ALL.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T named(Class<T> type, String name) {
        List<T> found = all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).toList();
        assertEquals(1, found.size(), "expected one " + type.getSimpleName() + " named " + name + ", found " + found.size());
        return found.get(0);
    }

    private static Deployment deployment() {
        return named(Deployment.class, DEPLOYMENT);
    }

    private static PodSpec coordinatorPod() {
        return deployment().getSpec().getTemplate().getSpec();
    }

    private static Container coordinatorContainer() {
        List<Container> containers = coordinatorPod().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static String configMapName() {
        return coordinatorContainer().getEnvFrom().stream().map(EnvFromSource::getConfigMapRef)
                .filter(ref -> ref != null).findFirst().orElseThrow().getName();
    }

    private static String secretName() {
        return coordinatorContainer().getEnvFrom().stream().map(EnvFromSource::getSecretRef)
                .filter(ref -> ref != null).findFirst().orElseThrow().getName();
    }

    /** The Secret's values, decoded, whether written as stringData or data. */
    private static Map<String, String> secretValues(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }

    /** The environment the coordinator's pod gets: its ConfigMap, then its Secret. */
    private static Map<String, String> coordinatorEnvironment() {
        Map<String, String> env = new HashMap<>(named(ConfigMap.class, configMapName()).getData());
        env.putAll(secretValues(named(Secret.class, secretName())));
        return env;
    }

    @Test
    void everyFileHoldsOnlyTypedNamespaceAgnosticObjects() {
        assertTrue(BY_FILE.size() >= 5, "manifests: " + BY_FILE.keySet());
        Set<String> seen = new HashSet<>();
        BY_FILE.forEach((file, items) -> {
            assertFalse(items.isEmpty(), file + " holds no object");
            for (HasMetadata item : items) {
                String where = file.getFileName() + ": " + item.getKind() + " " + item.getMetadata().getName();
                assertFalse(item instanceof GenericKubernetesResource, where + " is not a known Kubernetes kind");
                assertNotNull(item.getApiVersion(), where);
                assertNotNull(item.getMetadata().getName(), where + " has no name");
                assertNull(item.getMetadata().getNamespace(), where + " names a namespace: the manifests go to any");
                assertTrue(seen.add(item.getKind() + "/" + item.getMetadata().getName()), where + " is defined twice");
                assertNoUnknownFields(item, where);
            }
        });
        for (Class<? extends HasMetadata> kind : List.of(ServiceAccount.class, Role.class, RoleBinding.class,
                ConfigMap.class, Secret.class, Deployment.class)) {
            assertFalse(all(kind).isEmpty(), "no " + kind.getSimpleName() + " in deploy/");
        }
    }

    @Test
    void deploymentRunsOneCoordinatorAtATime() {
        Deployment deployment = deployment();

        assertEquals(1, deployment.getSpec().getReplicas());
        assertNotNull(deployment.getSpec().getStrategy(), "no strategy: Kubernetes would roll the update");
        assertEquals("Recreate", deployment.getSpec().getStrategy().getType());
        assertNull(deployment.getSpec().getStrategy().getRollingUpdate());
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertFalse(selector.isEmpty());
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        selector.forEach((k, v) -> assertEquals(v, podLabels.get(k), "selector label " + k + " not on the pod"));
    }

    @Test
    void coordinatorContainerImagePortAndResources() {
        Container container = coordinatorContainer();

        assertEquals("uptime-coordinator:latest", container.getImage());
        ContainerPort management = container.getPorts().stream().filter(p -> "management".equals(p.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no port named management"));
        assertEquals(8080, management.getContainerPort());
        Map<String, Quantity> requests = container.getResources().getRequests();
        assertNotNull(requests.get("cpu"), "cpu request");
        assertNotNull(requests.get("memory"), "memory request");
        assertEquals(2, container.getEnvFrom().size());
    }

    @Test
    void probesAndTheManagementPortAgreeWithTheConfiguration() {
        Container container = coordinatorContainer();
        String port = named(ConfigMap.class, configMapName()).getData().get("MANAGEMENT_PORT");

        assertEquals("8080", port, "MANAGEMENT_PORT must be the container's management port");
        assertEquals(Integer.parseInt(port), Settings.from(coordinatorEnvironment()).operations().managementPort());
        for (Probe probe : List.of(container.getLivenessProbe(), container.getReadinessProbe())) {
            assertNotNull(probe);
            IntOrString target = probe.getHttpGet().getPort();
            assertTrue("management".equals(target.getStrVal()) || Integer.valueOf(8080).equals(target.getIntVal()),
                    "probe port " + target);
        }
        assertEquals("/observe/health/live", container.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/observe/health/ready", container.getReadinessProbe().getHttpGet().getPath());
    }

    @Test
    void theScoresAreServedByTheirOwnDeploymentAsTheReadOnlyUserNotByTheCoordinator() {
        Deployment scores = named(Deployment.class, "uptime-scores");
        assertEquals(2, scores.getSpec().getReplicas());
        Map<String, String> podLabels = scores.getSpec().getTemplate().getMetadata().getLabels();
        scores.getSpec().getSelector().getMatchLabels()
                .forEach((k, v) -> assertEquals(v, podLabels.get(k), "selector label " + k + " not on the pod"));
        Container container = scores.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(List.of("serve"), container.getArgs());
        assertEquals(coordinatorContainer().getImage(), container.getImage());
        assertEquals(coordinatorContainer().getEnvFrom(), container.getEnvFrom(), "the same configuration");

        Settings settings = Settings.forTasks(coordinatorEnvironment());
        assertTrue(settings.postgres().readOnlyUser().isPresent(), "POSTGRES_RO_USER");
        assertTrue(settings.postgres().readOnlyPassword().isSet(), "POSTGRES_RO_PASSWORD");
        ContainerPort http = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow();
        assertEquals(settings.scores().port(), http.getContainerPort(), "SCORES_PORT is the container's http port");
        assertEquals("/observe/health/ready", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("management", container.getReadinessProbe().getHttpGet().getPort().getStrVal());

        Service service = named(Service.class, "uptime-scores");
        assertEquals(scores.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
        assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());

        assertTrue(coordinatorContainer().getEnv().stream()
                .anyMatch(e -> e.getName().equals("SCORES_PORT") && e.getValue().equals("0")), "the coordinator serves none");
    }

    @Test
    void deploymentRunsAsAServiceAccountThatExists() {
        String account = coordinatorPod().getServiceAccountName();

        assertEquals("uptime-coordinator", account);
        named(ServiceAccount.class, account);
        assertFalse(account.equals(VerifierJobSpec.SERVICE_ACCOUNT), "the coordinator and its verifiers share an account");
    }

    @Test
    void roleBindingGivesTheCoordinatorsAccountTheRole() {
        String account = coordinatorPod().getServiceAccountName();
        List<RoleBinding> bindings = all(RoleBinding.class).stream()
                .filter(b -> b.getSubjects().stream().anyMatch(s -> isAccount(s, account))).toList();

        assertEquals(1, bindings.size(), "bindings of " + account);
        RoleBinding binding = bindings.get(0);
        Subject subject = binding.getSubjects().stream().filter(s -> isAccount(s, account)).findFirst().orElseThrow();
        assertTrue(subject.getNamespace() == null, "the subject's namespace defaults to the binding's");
        assertEquals("Role", binding.getRoleRef().getKind());
        assertEquals("rbac.authorization.k8s.io", binding.getRoleRef().getApiGroup());
        named(Role.class, binding.getRoleRef().getName());
    }

    private static boolean isAccount(Subject subject, String account) {
        return "ServiceAccount".equals(subject.getKind()) && account.equals(subject.getName());
    }

    @Test
    void roleAllowsRunningAndWatchingTheVerifierJobs() {
        String account = coordinatorPod().getServiceAccountName();
        RoleBinding binding = all(RoleBinding.class).stream()
                .filter(b -> b.getSubjects().stream().anyMatch(s -> isAccount(s, account))).findFirst().orElseThrow();
        Role role = named(Role.class, binding.getRoleRef().getName());

        for (String verb : List.of("create", "get", "list", "watch", "delete")) {
            assertTrue(allows(role, "batch", "jobs", verb), "jobs " + verb);
        }
        assertTrue(allows(role, "batch", "jobs/status", "get"), "jobs/status get");
        assertTrue(allows(role, "", "pods", "get"), "pods get");
        assertTrue(allows(role, "", "pods", "list"), "pods list");
        // and no more than it needs
        assertFalse(allows(role, "", "secrets", "get"), "reads secrets");
        assertFalse(allows(role, "", "pods", "delete"), "deletes pods");
        assertFalse(allows(role, "batch", "jobs", "update"), "updates jobs");
        for (PolicyRule rule : role.getRules()) {
            assertFalse(rule.getVerbs().contains("*") || rule.getResources().contains("*")
                    || rule.getApiGroups().contains("*"), "wildcard rule " + rule);
        }
    }

    private static boolean allows(Role role, String group, String resource, String verb) {
        return role.getRules().stream().anyMatch(rule -> matches(rule.getApiGroups(), group)
                && matches(rule.getResources(), resource) && matches(rule.getVerbs(), verb)
                && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()));
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed != null && (allowed.contains(value) || allowed.contains("*"));
    }

    @Test
    void deploymentTakesItsEnvironmentFromTheConfigMapAndTheSecret() {
        List<EnvFromSource> sources = coordinatorContainer().getEnvFrom();

        assertEquals("uptime-coordinator-config", configMapName());
        assertEquals("uptime-coordinator-secrets", secretName());
        named(ConfigMap.class, configMapName());
        named(Secret.class, secretName());
        for (EnvFromSource source : sources) {
            assertNull(source.getPrefix(), "a prefix would rename the variables");
            if (source.getConfigMapRef() != null) {
                assertTrue(source.getConfigMapRef().getOptional() == null || !source.getConfigMapRef().getOptional());
            }
            if (source.getSecretRef() != null) {
                assertTrue(source.getSecretRef().getOptional() == null || !source.getSecretRef().getOptional());
            }
        }
    }

    @Test
    void configMapHandsTheVerifiersTheSecretTheDeploymentUses() {
        Map<String, String> config = named(ConfigMap.class, configMapName()).getData();

        assertEquals(secretName(), config.get("WORKER_SECRET_NAME"));
        Set<String> secretKeys = secretValues(named(Secret.class, secretName())).keySet();
        for (String key : List.of("POSTGRES_PASSWORD", "CASSANDRA_PASSWORD", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "WEBHOOK_URL")) {
            assertTrue(secretKeys.contains(key), "Secret lacks " + key);
            assertFalse(config.containsKey(key), key + " is in the plain ConfigMap");
        }
        for (String key : List.of("SURVEY_INTERVAL_MINUTES", "MINI_BATCH_NUMBER", "UPTIME_DAYS_FOR_SCORE", "RETRY_COUNT",
                "SUBMISSION_STORAGE", "POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DB", "WORKER_IMAGE", "WORKER_TAG",
                "AWS_REGION", "AWS_S3_BUCKET", "AWS_KEYSPACE", "CASSANDRA_HOST", "CASSANDRA_PORT", "NETWORK_NAME",
                "AUTH_VOLUME_MOUNT_PATH")) {
            assertTrue(config.containsKey(key), "ConfigMap lacks " + key);
        }
        assertFalse(config.get("AUTH_VOLUME_MOUNT_PATH").isBlank(), "every verifier Job mounts the auth volume there");
    }

    @Test
    void secretIsATemplateWithPlaceholdersOnly() {
        Secret secret = named(Secret.class, secretName());

        assertEquals("Opaque", secret.getType());
        secretValues(secret).forEach((key, value) ->
                assertTrue(value.isEmpty() || value.contains("CHANGE"), key + " holds something that is not a placeholder"));
    }

    @Test
    void configMapAndSecretAreAValidKubernetesConfiguration() throws IOException {
        Map<String, String> env = coordinatorEnvironment();
        Set<String> known = variablesTheCoordinatorReads();
        for (String key : env.keySet()) {
            assertTrue(known.contains(key), key + " is not a variable the coordinator reads");
        }

        Settings settings = Settings.from(env);

        assertEquals(VerifierMode.KUBERNETES, settings.worker().mode());
        assertEquals(secretName(), settings.worker().job().secretName().orElseThrow());
        assertTrue(settings.worker().authVolumeMountPath().isPresent());
        assertFalse(settings.postgres().embedded(), "a cluster coordinator needs a real database");
    }

    @Test
    void verifierJobsBuiltFromThisConfigurationReferenceOnlyWhatIsDeployed() {
        Settings settings = Settings.from(coordinatorEnvironment());
        Batch batch = new Batch(Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-01T00:20:00Z"), 1, 5);
        String group = "delegation-verify-24-05-01-00-22-abcde";
        JobSpec spec = new VerifierJobSpec(settings.worker(), settings.batch().retryCount())
                .build(group, new WorkerEnvironment(settings).forSlice(batch.slices().get(0), group + "-0", "10.0.0.1"));
        PodSpec pod = spec.getTemplate().getSpec();

        named(ServiceAccount.class, pod.getServiceAccountName());
        String entrypoint = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow()
                .getConfigMap().getName();
        assertTrue(named(ConfigMap.class, entrypoint).getData().containsKey(ENTRYPOINT_KEY));

        Set<String> secretKeys = secretValues(named(Secret.class, secretName())).keySet();
        List<EnvVar> fromSecret = pod.getContainers().get(0).getEnv().stream()
                .filter(v -> v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null).toList();
        assertEquals(4, fromSecret.size());
        for (EnvVar var : fromSecret) {
            assertEquals(secretName(), var.getValueFrom().getSecretKeyRef().getName());
            assertTrue(secretKeys.contains(var.getValueFrom().getSecretKeyRef().getKey()),
                    var.getName() + " refers to a key the Secret lacks");
        }
    }

    @Test
    void verifierServiceAccountExists() {
        ServiceAccount account = named(ServiceAccount.class, VerifierJobSpec.SERVICE_ACCOUNT);

        assertEquals("delegation-verify", account.getMetadata().getName());
    }

    @Test
    void workerEntrypointConfigMapHasTheScriptTheJobsRun() {
        ConfigMap entrypoint = named(ConfigMap.class, VerifierJobSpec.ENTRYPOINT_CONFIG_MAP);

        assertEquals("delegation-verify-coordinator-worker", entrypoint.getMetadata().getName());
        String script = entrypoint.getData().get(ENTRYPOINT_KEY);
        assertNotNull(script, "no key " + ENTRYPOINT_KEY);
        assertTrue(script.startsWith("#!/bin/sh\n"), "not a sh script");
        assertTrue(script.contains("submission_updater"));
        assertTrue(script.contains("\"$START_TIMESTAMP\" \"$END_TIMESTAMP\""));
    }

    // --- the entrypoint script itself, run with sh against a stand-in submission_updater ---

    private record Run(int exit, List<String> arguments, List<String> output) {
    }

    private Run runEntrypoint(Map<String, String> env) throws Exception {
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Path script = folder.resolve(ENTRYPOINT_KEY);
        Files.writeString(script, named(ConfigMap.class, VerifierJobSpec.ENTRYPOINT_CONFIG_MAP).getData().get(ENTRYPOINT_KEY));
        Path updater = bin.resolve("submission_updater");
        Files.writeString(updater, """
                #!/bin/sh
                for a in "$@"; do echo "arg:$a"; done
                echo "token:${AWS_WEB_IDENTITY_TOKEN_FILE:-}"
                exit "${FAKE_EXIT:-0}"
                """);
        assertTrue(updater.toFile().setExecutable(true));

        ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "entrypoint did not end");
        List<String> lines = output.lines().toList();
        List<String> arguments = lines.stream().filter(l -> l.startsWith("arg:")).map(l -> l.substring(4)).toList();
        return new Run(process.exitValue(), arguments, lines);
    }

    private static Map<String, String> window(String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("START_TIMESTAMP", "2023-11-06 15:35:47.6+0000");
        env.put("END_TIMESTAMP", "2023-11-06 15:36:17.6+0000");
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void entrypointRunsTheVerifierOnItsWindow() throws Exception {
        Run run = runEntrypoint(window());

        assertEquals(0, run.exit(), String.join("\n", run.output()));
        assertEquals(List.of("2023-11-06 15:35:47.6+0000", "2023-11-06 15:36:17.6+0000"), run.arguments());
        assertEquals(List.of("2023-11-06 15:35:47.6+0000", "2023-11-06 15:36:17.6+0000"),
                runEntrypoint(window("NO_CHECKS", "0")).arguments());
        assertEquals(List.of("2023-11-06 15:35:47.6+0000", "2023-11-06 15:36:17.6+0000"),
                runEntrypoint(window("NO_CHECKS", "")).arguments());
    }

    @Test
    void entrypointAddsNoChecksWhenAsked() throws Exception {
        for (String flag : List.of("1", "true")) {
            Run run = runEntrypoint(window("NO_CHECKS", flag));

            assertEquals(0, run.exit(), String.join("\n", run.output()));
            assertEquals(List.of("--no-checks", "2023-11-06 15:35:47.6+0000", "2023-11-06 15:36:17.6+0000"),
                    run.arguments(), "NO_CHECKS=" + flag);
        }
    }

    @Test
    void entrypointFailsWithTheVerifierAndWithoutAWindow() throws Exception {
        assertEquals(3, runEntrypoint(window("FAKE_EXIT", "3")).exit());

        Map<String, String> noEnd = window();
        noEnd.remove("END_TIMESTAMP");
        Run run = runEntrypoint(noEnd);
        assertTrue(run.exit() != 0, "ran without END_TIMESTAMP");
        assertTrue(run.arguments().isEmpty(), "the verifier ran without a window");
    }

    @Test
    void entrypointReadsCredentialsLeftInTheAuthVolume() throws Exception {
        Path auth = Files.createDirectories(folder.resolve("auth"));
        Files.writeString(auth.resolve(".env"), "AWS_WEB_IDENTITY_TOKEN_FILE=/var/auth/token\n");

        Run run = runEntrypoint(window("AUTH_VOLUME_MOUNT_PATH", auth.toString()));
        assertEquals(0, run.exit(), String.join("\n", run.output()));
        assertTrue(run.output().contains("token:/var/auth/token"), String.join("\n", run.output()));

        Run withoutFile = runEntrypoint(window("AUTH_VOLUME_MOUNT_PATH", folder.resolve("empty").toString()));
        assertEquals(0, withoutFile.exit(), String.join("\n", withoutFile.output()));
        assertTrue(withoutFile.output().contains("token:"));
    }

    // --- helpers ---

    /** The variable names the coordinator's Settings reads (string literals in the config package's sources). */
    private static Set<String> variablesTheCoordinatorReads() throws IOException {
        Path folder = Path.of(System.getProperty("basedir", "."))
                .resolve("src/main/java/org/minafoundation/uptime/config");
        Set<String> known = new HashSet<>();
        try (Stream<Path> sources = Files.list(folder)) {
            for (Path source : sources.filter(file -> file.toString().endsWith(".java")).toList()) {
                Matcher names = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"").matcher(Files.readString(source));
                while (names.find()) {
                    known.add(names.group(1));
                }
            }
        }
        assertTrue(known.contains("WORKER_SECRET_NAME") && known.contains("POSTGRES_HOST"), "read " + known);
        return known;
    }

    /**
     * Fails when a field of the manifest is unknown to the Kubernetes model (a typo such as
     * "strategy" misspelt lands in additionalProperties instead of failing the parse).
     */
    private static void assertNoUnknownFields(Object node, String where) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            items.forEach(item -> assertNoUnknownFields(item, where));
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> assertNoUnknownFields(value, where));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    fail(where + ": unknown field(s) " + extra.keySet() + " in " + node.getClass().getSimpleName());
                }
                continue;
            }
            assertNoUnknownFields(value, where);
        }
    }

    /** kustomization.yaml lists every manifest but the Secret template, and nothing else. */
    @Test
    void kustomizationListsEveryManifestButTheSecretTemplate() throws IOException {
        List<String> listed = Files.readAllLines(DEPLOY.resolve("kustomization.yaml")).stream()
                .map(String::strip).filter(l -> l.startsWith("- ")).map(l -> l.substring(2).strip()).sorted().toList();
        List<String> expected = BY_FILE.keySet().stream().map(p -> p.getFileName().toString())
                .filter(name -> !name.equals("coordinator-secret.yaml")).sorted().toList();
        org.junit.jupiter.api.Assertions.assertEquals(expected, listed);
    }
}
