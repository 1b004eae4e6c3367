package dev.servicemetrics.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Payara parses every class of every jar in the deployed WAR's WEB-INF/lib at each start (its annotation scan,
 * which nothing in Payara 6 turns off per jar). The WAR inside the microbundle therefore carries only the
 * application's own classes and resource-only jars (the front end's WebJars); the database drivers and Flyway,
 * which hold no annotated class, are on Payara Micro's class path (MICRO-INF/lib). The plain WAR keeps them all,
 * for any other server.
 */
class MicrobundleLayoutIT {

    static final Path MICROBUNDLE = Path.of(System.getProperty("microbundle", "target/service-metrics-microbundle.jar"));
    static final Path WAR = Path.of("target/service-metrics.war");
    static final Set<String> SERVER_LIBRARY_CLASSES = Set.of(
            "org/h2/Driver.class", "org/postgresql/Driver.class", "org/flywaydb/core/Flyway.class",
            "org/flywaydb/database/postgresql/PostgreSQLDatabaseType.class");

    @Test
    void theBundledWarsLibrariesHoldNoClassesForPayaraToParse() throws IOException {
        List<String> librariesWithClasses = new ArrayList<>();
        try (JarFile bundle = new JarFile(MICROBUNDLE.toFile())) {
            ZipEntry war = bundle.getEntry("MICRO-INF/deploy/ROOT.war");
            assertTrue(war != null, "the microbundle deploys ROOT.war");
            try (ZipInputStream entries = new ZipInputStream(bundle.getInputStream(war))) {
                for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                    if (entry.getName().startsWith("WEB-INF/lib/") && entry.getName().endsWith(".jar")
                            && !classesIn(entries).isEmpty()) {
                        librariesWithClasses.add(entry.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), librariesWithClasses);
    }

    @Test
    void theDriversAndFlywayAreOnPayaraMicrosClassPathInTheBundleAndInThePlainWar() throws IOException {
        Set<String> onServerClassPath = new TreeSet<>();
        try (JarFile bundle = new JarFile(MICROBUNDLE.toFile())) {
            for (ZipEntry entry : bundle.stream().filter(entry -> entry.getName().matches("MICRO-INF/lib/[^/]+\\.jar")).toList()) {
                try (InputStream jar = bundle.getInputStream(entry)) {
                    onServerClassPath.addAll(classesIn(jar));
                }
            }
        }
        assertTrue(onServerClassPath.containsAll(SERVER_LIBRARY_CLASSES), "MICRO-INF/lib holds " + SERVER_LIBRARY_CLASSES);

        Set<String> inWarLibraries = new TreeSet<>();
        try (ZipInputStream war = new ZipInputStream(Files.newInputStream(WAR))) {
            for (ZipEntry entry; (entry = war.getNextEntry()) != null; ) {
                if (entry.getName().startsWith("WEB-INF/lib/") && entry.getName().endsWith(".jar")) {
                    inWarLibraries.addAll(classesIn(war));
                }
            }
        }
        assertTrue(inWarLibraries.containsAll(SERVER_LIBRARY_CLASSES), "the plain WAR still carries them");
    }

    /** The class files of the jar whose bytes {@code jar} is reading (left unclosed: it may be an entry of another zip). */
    static Set<String> classesIn(InputStream jar) throws IOException {
        Set<String> classes = new TreeSet<>();
        ZipInputStream entries = new ZipInputStream(jar);
        for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
            if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                classes.add(entry.getName());
            }
        }
        return classes;
    }
}
