package dev.servicemetrics.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A server binary started for one test in its own temporary directory, with its log in
 * {@code server.log}; ready once {@code /-/ready} answers 200. Stopping it kills it by PID and
 * deletes the directory.
 */
final class ServerProcess implements AutoCloseable {

    /** Far beyond a start on a loaded machine; a process that exits ends the wait at once. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path directory;
    private final URI uri;
    private final ProcessHandle process;

    private ServerProcess(Path directory, URI uri, ProcessHandle process) {
        this.directory = directory;
        this.uri = uri;
        this.process = process;
    }

    /** Starts {@code command} (already holding the port of {@code uri}) and waits until it is ready. */
    static ServerProcess start(List<String> command, Path directory, URI uri) {
        Process started;
        try {
            started = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("server.log").toFile()).start();
        } catch (IOException e) {
            deleteQuietly(directory);
            throw new UncheckedIOException("cannot start " + command, e);
        }
        ServerProcess server = new ServerProcess(directory, uri, started.toHandle());
        server.awaitReady(command);
        return server;
    }

    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return uri;
    }

    Path directory() {
        return directory;
    }

    long pid() {
        return process.pid();
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri.resolve(pathAndQuery)).timeout(Duration.ofSeconds(5)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    String log() {
        try {
            return Files.readString(directory.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteQuietly(directory);
    }

    private void awaitReady(List<String> command) {
        if (!awaitReady(process, READY_TIMEOUT, () -> {
            try {
                return get("/-/ready").statusCode() == 200;
            } catch (IOException notListeningYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        })) {
            String log = log();
            close();
            throw new IllegalStateException(command.get(0) + " did not become ready at " + uri + ":\n" + log);
        }
    }

    /** The service's settings, which a started server must not inherit from the environment the tests run in. */
    private static final String SERVICE_SETTINGS = "PROMETHEUS_URL|ALERTMANAGER_URL|SCRAPE_INTERVAL|DATABASE_.*"
            + "|(API|WEBHOOK)_TOKEN(S|_FILE)?|AUTH_FAILURE_.*|LIVE_.*|RECONCILE_INTERVAL|CORS_ALLOWED_ORIGINS|METRICS_QUERIES"
            + "|HISTORY_WINDOW|WEBHOOK_MAX_BYTES";

    /** Removes the service's settings from a process's environment: only what the test sets reaches it. */
    static void withoutServiceSettings(Map<String, String> environment) {
        environment.keySet().removeIf(key -> key.matches(SERVICE_SETTINGS));
    }

    /**
     * The one wait-until-ready loop of the processes the tests start (tools, the service, WildFly): true once
     * {@code ready} holds, false as soon as the process exits or when the bound passes. A {@code ready} that throws
     * is not ready yet.
     */
    static boolean awaitReady(ProcessHandle process, Duration bound, BooleanSupplier ready) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            try {
                if (ready.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException notYet) {
                // starting: not listening, or answering errors
            }
            pause(Duration.ofMillis(200));
        }
        return false;
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes a temporary directory tree as far as it can; what is left is not worth failing a test for. */
    static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing a test for
        }
    }
}
