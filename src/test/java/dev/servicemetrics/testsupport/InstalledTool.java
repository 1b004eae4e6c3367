package dev.servicemetrics.testsupport;

import java.io.IOException;
import org.junit.jupiter.api.Assertions;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Prometheus and Alertmanager binaries that tests check our files with. A missing binary
 * fails the test when {@code CI=true} and otherwise skips it, loudly, naming the Debian package.
 */
public enum InstalledTool {
    PROMETHEUS("prometheus", "prometheus"),
    PROMTOOL("promtool", "prometheus"),
    ALERTMANAGER("prometheus-alertmanager", "prometheus-alertmanager"),
    AMTOOL("amtool", "prometheus-alertmanager");

    private final String command;
    private final String debianPackage;

    InstalledTool(String command, String debianPackage) {
        this.command = command;
        this.debianPackage = debianPackage;
    }

    /** The binary's path; fails (CI) or skips (elsewhere) the calling test when it is missing. */
    public Path require() {
        return Tools.require(command, debianPackage);
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

    /** What a finished run said. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }
}
