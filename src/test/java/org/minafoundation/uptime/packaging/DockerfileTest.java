package org.minafoundation.uptime.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the Dockerfile is checked by reading it: standard base
 * images, a non-root user, the jar the build makes, and sources it copies that exist.
 */
class DockerfileTest {

    private final List<String> lines = Files.readAllLines(Path.of("Dockerfile"));

    DockerfileTest() throws Exception {
    }

    private List<String> instructions(String keyword) {
        return lines.stream().filter(l -> l.startsWith(keyword + " ")).toList();
    }

    @Test
    void buildsWithMavenAndRunsOnAJava17Jre() {
        List<String> from = instructions("FROM");
        assertEquals(2, from.size());
        assertTrue(from.get(0).matches("FROM maven:3\\.9-eclipse-temurin-17 AS build"), from.get(0));
        assertEquals("FROM eclipse-temurin:17-jre", from.get(1));
    }

    @Test
    void runsTheFatJarAsANonRootUser() {
        assertEquals(List.of("USER coordinator"), instructions("USER"));
        assertTrue(String.join("\n", lines).contains("useradd --system --uid 10001"));
        assertTrue(instructions("COPY").contains(
                "COPY --from=build /build/target/uptime-coordinator.jar /app/uptime-coordinator.jar"));
        assertTrue(instructions("ENTRYPOINT").get(0).contains("/app/uptime-coordinator.jar"));
    }

    @Test
    void everyCopiedSourceExistsInTheCheckout() {
        Pattern copy = Pattern.compile("^COPY (?!--from)(\\S+) ");
        for (String line : instructions("COPY")) {
            Matcher m = copy.matcher(line);
            if (m.find()) {
                assertTrue(Files.exists(Path.of(m.group(1))), line);
            }
        }
    }

    @Test
    void setsTheKeyspacesCertificateTheRoutesAndTheManagementAndScoresPorts() {
        String text = String.join("\n", lines);
        assertTrue(text.contains("SSL_CERTFILE=/app/certs/keyspaces-bundle.pem"));
        assertTrue(text.contains("Starfield_Class_2_CA") && text.contains("Amazon_Root_CA_1"));
        assertTrue(text.contains("ROUTES_DIR=/app/routes"));
        assertEquals(List.of("EXPOSE 8080 8081"), instructions("EXPOSE"));
        assertTrue(text.contains("SCORES_PORT=8081"));
        assertTrue(text.contains("HEALTHCHECK") && text.contains("${MANAGEMENT_PORT}/observe/health/live"));
    }
}
