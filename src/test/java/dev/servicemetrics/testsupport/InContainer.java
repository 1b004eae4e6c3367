package dev.servicemetrics.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The micro-deployments of the in-container tests (Arquillian, Payara Micro, src/test/resources/arquillian.xml):
 * the packages a test names, with the service's own resources (configuration, migrations) and
 * the libraries of the built WAR, so that CDI, EJB and JPA wire them as they do in the service.
 */
public final class InContainer {

    private static final String DATABASE = "dev.servicemetrics.database";
    /** The database's resources: they name its datasource and its configuration source. */
    private static final List<String> DATABASE_RESOURCES = List.of("META-INF/persistence.xml",
            "META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource");
    private static final List<String> RESOURCE_DIRECTORIES = List.of("db/migration", "dev/servicemetrics");

    private InContainer() {
    }

    /**
     * A WAR of the service's resources and libraries and the given packages (each with its subpackages), plus the
     * top-level package's shared classes; with the database package, the persistence unit too.
     */
    public static WebArchive deployment(String name, String... packages) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackages(false, "dev.servicemetrics")
                .addPackages(true, packages);
        war.addAsResource("META-INF/microprofile-config.properties");
        if (List.of(packages).contains(DATABASE)) {
            DATABASE_RESOURCES.forEach(war::addAsResource);
        }
        Path classes = Path.of(property("inContainer.classes"));
        for (String directory : RESOURCE_DIRECTORIES) {
            try (Stream<Path> files = Files.walk(classes.resolve(directory))) {
                files.filter(Files::isRegularFile).filter(file -> !file.toString().endsWith(".class"))
                        .forEach(file -> war.addAsResource(file.toFile(), classes.relativize(file).toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (Stream<Path> jars = Files.list(Path.of(property("inContainer.libraries")))) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).forEach(jar -> war.addAsLibrary(jar.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return war;
    }

    /**
     * The system properties of the next Payara Micro that Arquillian starts (it reads them with --systemProperties):
     * the service's settings by their variable names (DATABASE_URL, PROMETHEUS_URL, ...) and, for MicroProfile
     * Config, by their property names. Call it from the {@code @Deployment} method, which runs before the start.
     */
    public static void serverSettings(Map<String, String> settings) {
        Properties properties = new Properties();
        settings.forEach((variable, value) -> {
            properties.setProperty(variable, value);
            properties.setProperty(variable.toLowerCase().replace('_', '.'), value);
        });
        Path file = Path.of(property("inContainer.systemProperties"));
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "written by " + InContainer.class.getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is unset: run the in-container tests with"
                    + " mvn verify (failsafe sets it, see pom.xml)");
        }
        return value;
    }
}
