package dev.servicemetrics.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The programs (Debian packages) the tests run: the one place that finds them. A missing program fails the test
 * when {@code CI=true} and otherwise skips it, loudly, naming the package to install.
 */
public enum InstalledTool {
    PROMETHEUS("prometheus", "prometheus"),
    PROMTOOL("promtool", "prometheus"),
    ALERTMANAGER("prometheus-alertmanager", "prometheus-alertmanager"),
    AMTOOL("amtool", "prometheus-alertmanager"),
    NODE("node", "nodejs"),
    NPM("npm", "npm"),
    CHROMIUM("chromium", "chromium"),
    CHROMEDRIVER("chromedriver", "chromium-driver"),
    DOCKER_COMPOSE("docker-compose", "docker-compose"),
    /** bench/incidents.sh runs its own cluster with Debian's PostgreSQL 15 server programs and pgbench. */
    POSTGRESQL_15("/usr/lib/postgresql/15/bin/pgbench", "postgresql-15"),
    WRK("wrk", "wrk"),
    PYTHON3("python3", "python3"),
    BC("bc", "bc");

    private final String command;
    private final String debianPackage;

    InstalledTool(String command, String debianPackage) {
        this.command = command;
        this.debianPackage = debianPackage;
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The binary's path (its own when absolute, else in /usr/bin, /usr/local/bin, /usr/sbin or PATH); fails (CI) or skips (elsewhere) the calling test when it is missing. */
    public Path require() {
        if (command.startsWith("/") && Files.isExecutable(Path.of(command))) {
            return Path.of(command);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : ("/usr/bin:/usr/local/bin:/usr/sbin:" + path).split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Path.of(dir, command);
            }
        }
        String message = "'" + command + "' is not installed: apt-get install -y " + debianPackage;
        if (inCi()) {
            Assertions.fail(message + " (CI=true: a missing tool is a failure)");
        }
        System.err.println("\n*** SKIPPED: " + message + " ***\n");
        Assumptions.abort(message);
        return null;
    }

    /** Runs the tool to completion with {@code stdin} as input; output is stdout and stderr merged. */
    public Result run(String stdin, String... arguments) {
        List<String> commandLine = new ArrayList<>(List.of(require().toString()));
        commandLine.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(commandLine).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                Assertions.fail(commandLine + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + commandLine, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + commandLine, e);
        }
    }

    /** {@code promtool check metrics} finds nothing to say about the exposition: it parses, and its linter is content. */
    public static void assertPromtoolClean(String exposition) {
        Result check = PROMTOOL.run(exposition, "check", "metrics");
        assertEquals(0, check.exitCode(), "promtool check metrics:\n" + check.output() + "\n---\n" + exposition);
        assertEquals("", check.output().strip(), "promtool has remarks:\n" + check.output() + "\n---\n" + exposition);
    }

    /** What a finished run said. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }
}
