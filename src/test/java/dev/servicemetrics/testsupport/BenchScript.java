package dev.servicemetrics.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One of the benchmark scripts of bench/, run by the test suite with small parameters so that it keeps working
 * (a smoke run: its figures mean nothing on a machine running the rest of the suite). Its results go to
 * target/bench-smoke/NAME (BENCH_TARGET), not to the bench/target a developer's real runs append to; the
 * service's own settings are not inherited, only what the test sets.
 */
public final class BenchScript {

    /** The servers' JVM in a smoke run, as the tests start them: C1 only, which starts fastest; a smoke run measures nothing. */
    public static final String SMOKE_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m";

    /** A smoke run starts one to three servers on a loaded machine; far over what one takes, never waited for. */
    private static final Duration BOUND = Duration.ofMinutes(12);

    private final String name;
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> settings;

    private BenchScript(String name, Map<String, String> settings, List<String> command) {
        this.name = name;
        this.settings = settings;
        this.command.addAll(command);
    }

    /** {@code bench/SCRIPT ARGUMENTS...} with these environment variables; NAME names its result directory. */
    public static BenchScript of(String name, Map<String, String> settings, String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", "bench/" + script));
        command.addAll(List.of(arguments));
        return new BenchScript(name, settings, command);
    }

    /** Runs the script to its end and returns its result directory; fails with its output unless it exits 0. */
    public Path run() {
        Path target = Path.of("target", "bench-smoke", name).toAbsolutePath();
        Path log = target.resolveSibling(name + ".log");
        try {
            deleteTree(target);
            Files.createDirectories(target);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            ServerProcess.withoutServiceSettings(builder.environment());
            builder.environment().putAll(settings);
            builder.environment().put("BENCH_TARGET", target.toString());
            Process process = builder.start();
            boolean ended;
            try {
                ended = process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS);
            } finally {
                if (process.isAlive()) {
                    process.destroy(); // the script's trap stops what it started
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly();
                    }
                }
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (!ended) {
                fail(String.join(" ", command) + " did not end within " + BOUND.toMinutes() + " min:\n" + tail(output));
            }
            assertTrue(process.exitValue() == 0,
                    String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + tail(output));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A results file the script wrote, as text. */
    public static String read(Path file) {
        assertTrue(Files.isRegularFile(file), "the script wrote no " + file);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cells of the first Markdown table row of {@code table} whose first cell is {@code first}; fails without one. */
    public static List<String> row(String table, String first) {
        return row(table, first::equals);
    }

    /** The cells of the first Markdown table row of {@code table} whose first cell matches; fails without one. */
    public static List<String> row(String table, Predicate<String> first) {
        return table.lines()
                .filter(line -> line.startsWith("| "))
                .map(BenchScript::cells)
                .filter(cells -> first.test(cells.get(0)))
                .findFirst()
                .orElseGet(() -> fail("no such row in:\n" + table));
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.lastIndexOf('|'));
        return Stream.of(inner.split("\\|", -1)).map(String::strip).toList();
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
