package org.minafoundation.uptime.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every property name the beans read is one the routes set or read, spelled the same. */
class CarriedTest {

    @Test
    void everyCarriedPropertyIsNamedInTheRoutes() throws Exception {
        String routes = routes();
        List<String> names = new ArrayList<>();
        for (Field field : Carried.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
        assertFalse(names.isEmpty());
        for (String name : names) {
            Pattern named = Pattern.compile("name: " + name + "\\b|exchangeProperty\\." + name + "\\b");
            assertTrue(named.matcher(routes).find(), () -> "'" + name + "' is in no route of routes/");
        }
    }

    private static String routes() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }
}
