package dev.servicemetrics.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's static files work offline: every file the page or a module refers to is in the WAR
 * (src/main/webapp or the uPlot WebJar of the version the pom names), and nothing is fetched from elsewhere.
 */
class DashboardFilesTest {

    static final Path WEBAPP = Path.of("src", "main", "webapp");
    static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"#]+)\"");
    static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:[^'\"]*\\s+from\\s+)?['\"]([^'\"]+)['\"]");
    static final Pattern WEBJAR = Pattern.compile("webjars/uplot/([^/]+)/");

    @Test
    void everyFileThePageNamesIsInTheWar() throws IOException {
        String html = Files.readString(WEBAPP.resolve("index.html"));
        List<String> references = all(REFERENCE, html);
        assertTrue(references.contains("js/main.js"), references.toString());
        assertTrue(references.contains("favicon.svg"), "a favicon, so the browser asks for no missing /favicon.ico");
        for (String reference : references) {
            assertServed(reference, "index.html");
        }
    }

    @Test
    void everyModuleImportResolves() throws IOException {
        for (Path module : modules()) {
            for (String target : all(IMPORT, Files.readString(module))) {
                Path resolved = WEBAPP.relativize(module.getParent().resolve(target).normalize());
                assertServed(resolved.toString().replace('\\', '/'), WEBAPP.relativize(module).toString());
            }
        }
    }

    @Test
    void nothingIsLoadedFromAnotherHost() throws IOException {
        List<Path> files = new ArrayList<>(modules());
        files.add(WEBAPP.resolve("index.html"));
        files.add(WEBAPP.resolve("dashboard.css"));
        for (Path file : files) {
            String text = Files.readString(file);
            assertFalse(Pattern.compile("(?:src|href|from|import|url)\\s*[=(]?\\s*['\"]?(?:https?:)?//").matcher(text).find(),
                    file + " refers to another host");
        }
    }

    @Test
    void theUplotVersionIsThePomsEverywhere() throws IOException {
        Matcher pom = Pattern.compile("<uplot.version>([^<]+)</uplot.version>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(pom.find());
        List<String> versions = new ArrayList<>(all(WEBJAR, Files.readString(WEBAPP.resolve("index.html"))));
        for (Path module : modules()) {
            versions.addAll(all(WEBJAR, Files.readString(module)));
        }
        assertFalse(versions.isEmpty());
        versions.forEach(version -> assertEquals(pom.group(1), version, "uPlot version in the page vs the pom"));
    }

    private static void assertServed(String path, String from) {
        if (path.startsWith("webjars/")) {
            assertNotNull(DashboardFilesTest.class.getClassLoader().getResource("META-INF/resources/" + path),
                    from + " names " + path + ", which no WebJar on the classpath holds");
        } else {
            assertTrue(Files.isRegularFile(WEBAPP.resolve(path)), from + " names " + path + ", which is not in src/main/webapp");
        }
    }

    private static List<Path> modules() throws IOException {
        try (Stream<Path> files = Files.walk(WEBAPP.resolve("js"))) {
            return files.filter(file -> file.toString().endsWith(".js")).sorted().toList();
        }
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
