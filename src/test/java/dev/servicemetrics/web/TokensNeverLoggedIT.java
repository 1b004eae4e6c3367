package dev.servicemetrics.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.servicemetrics.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No bearer token, right or wrong, in any line the service wrote during the suite: every test token starts with
 * {@link TestTokens#PREFIX}, and every service the suite started logged to target/it-logs/. Failsafe runs this
 * test in an execution of its own after all the others (pom.xml), so it reads the logs of all of them. chromedriver.log is the browser driver's record of what the tests typed
 * into the page, the token among it: not the service's.
 */
class TokensNeverLoggedIT {

    @Test
    void noLogOfTheSuiteCarriesAToken() throws IOException {
        Path logs = Path.of("target", "it-logs");
        assumeTrue(Files.isDirectory(logs), "no integration test wrote a log before this one");
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            files.filter(file -> file.toString().endsWith(".log") && !file.getFileName().toString().equals("chromedriver.log"))
                    .sorted()
                    .forEach(file -> leaks.addAll(leaks(file)));
        }
        assertEquals(List.of(), leaks, "log lines with a token");
    }

    private static List<String> leaks(Path file) {
        List<String> found = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            int[] number = {0};
            lines.forEach(line -> {
                number[0]++;
                if (line.contains(TestTokens.PREFIX)) {
                    found.add(file.getFileName() + ":" + number[0] + ": " + line.substring(0, Math.min(300, line.length())));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
