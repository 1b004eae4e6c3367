package dev.servicemetrics.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built service (target/service-metrics-microbundle.jar) started as a real process on a free
 * loopback port, with its own working directory (so ./data/ is private) and environment.
 * Its output goes to target/it-logs/NAME.log.
 */
public final class ServiceProcess implements RunningService {

    /** A Payara Micro start beside other tests on a loaded two-core machine (it took over 2 min at load 26-27): bounds a hang. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    /** Pre-boot commands the tests add to the bundle's own: the HTTP listener on 127.0.0.1 only. */
    private static final Path LOOPBACK = Path.of("src/test/resources/payara/loopback.asadmin").toAbsolutePath();
    /** Names started in this test run: a name's first start begins a fresh log, a restart appends to it. */
    private static final java.util.Set<String> LAUNCHED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Process process;
    private final int port;
    private final Path workDir;
    private final Path log;

    private ServiceProcess(Process process, int port, Path workDir, Path log) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        this.log = log;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private final Map<String, String> env = new HashMap<>();
        private int port;
        private Path workDir;
        private String maxHeap = "512m";
        private final List<String> jvmOptions = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder port(int fixedPort) {
            this.port = fixedPort;
            return this;
        }

        /** The JVM's -Xmx (512m unless told): several replicas on one small machine get less each. */
        public Builder maxHeap(String size) {
            this.maxHeap = size;
            return this;
        }

        /** One more option for the JVM, such as a system property (-Dhttp.proxyHost=…). */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Reuse a working directory (and so the embedded database) across restarts. */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** Starts the process without waiting for it to be ready. */
        public ServiceProcess launch() {
            try {
                Path bundle = Path.of(System.getProperty("microbundle", "target/service-metrics-microbundle.jar")).toAbsolutePath();
                if (!Files.exists(bundle)) {
                    throw new IllegalStateException(bundle + " is missing: run the tests with `mvn verify`");
                }
                int chosen = port > 0 ? port : FreePort.next();
                Path dir = workDir != null ? workDir : Files.createTempDirectory("service-metrics-" + name);
                Path logs = Path.of("target", "it-logs").toAbsolutePath();
                Files.createDirectories(logs);
                Path logFile = logs.resolve(name + ".log");
                List<String> command = new ArrayList<>(List.of(
                        javaBinary(), "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-Djava.io.tmpdir=" + dir.resolve("tmp")));
                command.addAll(jvmOptions);
                command.addAll(List.of("-jar", bundle.toString(),
                        "--port", String.valueOf(chosen), "--nocluster",
                        "--prebootcommandfile", LOOPBACK.toString()));
                Files.createDirectories(dir.resolve("tmp"));
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(LAUNCHED.add(name)
                                ? ProcessBuilder.Redirect.to(logFile.toFile())
                                : ProcessBuilder.Redirect.appendTo(logFile.toFile()));
                ServerProcess.withoutServiceSettings(builder.environment());
                builder.environment().putAll(env);
                return new ServiceProcess(builder.start(), chosen, dir, logFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Starts the process and waits until it serves /health/live. */
        public ServiceProcess start() {
            ServiceProcess service = launch();
            service.awaitLive();
            return service;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public void awaitLive() {
        Http http = http();
        boolean live = ServerProcess.awaitReady(process.toHandle(), START_TIMEOUT, () -> http.get("/health/live").statusCode() == 200);
        if (!live) {
            close();
            throw new IllegalStateException("service did not become live within " + START_TIMEOUT
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

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the process to exit on its own; returns its exit code, or -1 when it is still running. */
    public int awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * SIGKILL, as the kernel's OOM killer or a node that loses power would: no shutdown hook, no transaction
     * finished, no connection closed. Returns once the process is gone.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
