package dev.servicemetrics.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs the end-to-end tests need (Debian packages). In CI (CI=true) a missing tool fails
 * the test; on a developer's machine the test is skipped with a message naming the package to install.
 */
public final class Tools {

    private Tools() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The path of {@code binary} (looked up in /usr/bin, /usr/local/bin and PATH), or a failure/skip naming {@code debianPackage}. */
    public static Path require(String binary, String debianPackage) {
        Path found = find(binary);
        if (found != null) {
            return found;
        }
        String message = "'" + binary + "' is not installed: apt-get install -y " + debianPackage;
        if (inCi()) {
            Assertions.fail(message + " (CI=true: a missing tool is a failure)");
        }
        System.err.println("\n*** SKIPPED: " + message + " ***\n");
        Assumptions.abort(message);
        return null;
    }

    static Path find(String binary) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : ("/usr/bin:/usr/local/bin:/usr/sbin:" + path).split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
