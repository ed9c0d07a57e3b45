package org.minafoundation.uptime.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table and .env.example name exactly the variables the
 * configuration object reads, so the documentation cannot drift from the code.
 */
class ConfigurationDocsTest {

    private static final Pattern READ = Pattern.compile("env\\.\\w+\\(\"([A-Z][A-Z0-9_]+)\"");

    /** Settings and the record of each concern beside it (PostgresSettings, WorkerSettings, ...) read them. */
    private static Set<String> variablesRead() throws Exception {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/org/minafoundation/uptime/config"))) {
            for (Path source : sources.filter(file -> file.toString().endsWith(".java")).toList()) {
                Matcher m = READ.matcher(Files.readString(source));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    @Test
    void theReadmeTableListsEveryVariable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Running it for real"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("`([A-Z][A-Z0-9_]{2,})`").matcher(table);
        while (m.find()) {
            documented.add(m.group(1));
        }
        documented.removeAll(Set.of("POSTGRES", "CASSANDRA"));
        assertEquals(variablesRead(), documented);
    }

    @Test
    void envExampleListsEveryVariable() throws Exception {
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of(".env.example"))) {
            Matcher m = Pattern.compile("^([A-Z][A-Z0-9_]+)=").matcher(line);
            if (m.find()) {
                listed.add(m.group(1));
            }
        }
        assertEquals(variablesRead(), listed);
    }
}
