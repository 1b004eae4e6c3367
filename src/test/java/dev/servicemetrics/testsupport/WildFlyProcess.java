package dev.servicemetrics.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The WildFly that the build unpacked and configured (Maven profile "wildfly": system properties
 * {@code wildfly.home} and {@code wildfly.war}) started as a real process on free loopback ports, with
 * target/service-metrics-wildfly.war deployed as ROOT.war, a server base directory of its own (so
 * ./data/ and the deployment are private) and the given environment. Its console output goes to
 * target/it-logs/NAME.log.
 */
public final class WildFlyProcess implements RunningService {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final Process process;
    private final int port;
    private final Path baseDir;
    private final Path log;

    private WildFlyProcess(Process process, int port, Path baseDir, Path log) {
        this.process = process;
        this.port = port;
        this.baseDir = baseDir;
        this.log = log;
    }

    /** Skips the calling test when the build left WildFly out ({@code -Dwildfly.skip}). */
    public static void assumePrepared() {
        Assumptions.assumeTrue(System.getProperty("wildfly.home") != null && System.getProperty("wildfly.war") != null,
                "WildFly is prepared by the Maven profile 'wildfly' (on unless -Dwildfly.skip)");
    }

    /** Starts WildFly with the service deployed and waits until the service serves /health/live. */
    public static WildFlyProcess start(String name, Map<String, String> environment) {
        return start(name, environment, (home, base) -> { });
    }

    /**
     * Starts WildFly as {@link #start(String, Map)} does, after {@code configure} changed its server base
     * directory (e.g. with jboss-cli, as an operator would).
     */
    public static WildFlyProcess start(String name, Map<String, String> environment, Configuration configure) {
        assumePrepared();
        WildFlyProcess wildFly = launch(name, Path.of(System.getProperty("wildfly.home")),
                Path.of(System.getProperty("wildfly.war")), environment, configure);
        wildFly.awaitLive();
        return wildFly;
    }

    /** A change to the server base directory of one WildFly before it starts. */
    @FunctionalInterface
    public interface Configuration {
        void apply(Path home, Path baseDir) throws IOException, InterruptedException;
    }

    private static WildFlyProcess launch(String name, Path home, Path war, Map<String, String> environment,
            Configuration configure) {
        try {
            if (!Files.isRegularFile(home.resolve("bin/standalone.sh")) || !Files.isRegularFile(war)) {
                throw new IllegalStateException(home + " or " + war + " is missing: run the tests with `mvn verify`");
            }
            Path base = Files.createTempDirectory("service-metrics-wildfly-" + name);
            copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
            Files.createDirectories(base.resolve("deployments"));
            Files.copy(war, base.resolve("deployments/ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
            configure.apply(home, base);
            Path logs = Path.of("target", "it-logs").toAbsolutePath();
            Files.createDirectories(logs);
            Path logFile = logs.resolve(name + ".log");
            int port = FreePort.next();
            List<String> command = List.of("bash", home.resolve("bin/standalone.sh").toString(),
                    "-c", "service-metrics.xml",
                    "-Djboss.server.base.dir=" + base,
                    "-Djboss.bind.address=127.0.0.1",
                    "-Djboss.bind.address.management=127.0.0.1",
                    "-Djboss.http.port=" + port,
                    "-Djboss.https.port=" + FreePort.next(),
                    "-Djboss.management.http.port=" + FreePort.next(),
                    "-Djboss.management.https.port=" + FreePort.next());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(base.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            Map<String, String> env = builder.environment();
            ServerProcess.withoutServiceSettings(env);
            env.keySet().removeIf(key -> key.matches("JAVA_OPTS|JBOSS_.*"));
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.io.tmpdir=" + base);
            env.putAll(environment);
            return new WildFlyProcess(builder.start(), port, base, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring WildFly", e);
        }
    }

    private void awaitLive() {
        Http http = http();
        boolean live = ServerProcess.awaitReady(process.toHandle(), START_TIMEOUT, () -> http.get("/health/live").statusCode() == 200);
        if (!live) {
            close();
            throw new IllegalStateException("WildFly did not serve /health/live within " + START_TIMEOUT
                    + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")") + "; see " + log);
        }
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    @Override
    public int port() {
        return port;
    }

    /** WildFly's working directory, where the embedded database lives (./data/). */
    @Override
    public Path workDir() {
        return baseDir;
    }

    @Override
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops WildFly (standalone.sh's java child first: the script does not pass the signal on). */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception notStopping) {
            // forced below
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            ServerProcess.deleteQuietly(baseDir);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

}
