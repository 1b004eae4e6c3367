package dev.servicemetrics.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The application names its resources and providers instead of having them scanned: none may be left out. */
class RestApplicationTest {

    @Test
    void everyResourceAndProviderClassOfTheServiceIsNamed() throws IOException, URISyntaxException {
        Path classes = Path.of(RestApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<Class<?>> annotated;
        try (Stream<Path> files = Files.walk(classes)) {
            annotated = files.map(classes::relativize).map(Path::toString)
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .map(RestApplicationTest::load)
                    .filter(type -> !type.isInterface() && !Modifier.isAbstract(type.getModifiers()))
                    .filter(type -> type.isAnnotationPresent(jakarta.ws.rs.Path.class) || type.isAnnotationPresent(Provider.class))
                    .collect(Collectors.toSet());
        }
        assertEquals(annotated, new RestApplication().getClasses());
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, RestApplicationTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError("cannot load " + name, e);
        }
    }
}
