package dev.servicemetrics.dashboard;

import dev.servicemetrics.testsupport.InstalledTool;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (no Selenium Manager, nothing downloaded),
 * with a fresh profile. Keeps every console message and every failed network request it has seen, so a test
 * can assert that a page produced none.
 */
final class Browser implements AutoCloseable {

    /** A console message (level and text) or a failed request (status or error, and URL). */
    record Problem(String kind, String text) {
        @Override
        public String toString() {
            return kind + ": " + text;
        }
    }

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final List<Problem> console = new ArrayList<>();
    private final List<Problem> network = new ArrayList<>();
    private final List<String> socketCloses = new ArrayList<>();
    private final Map<String, String> urls = new HashMap<>();   // requestId -> URL, to name failed requests

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    static Browser start() {
        Path chromium = InstalledTool.CHROMIUM.require();
        Path chromedriver = InstalledTool.CHROMEDRIVER.require();
        try {
            Path profile = Files.createTempDirectory("dashboard-chromium-");
            Files.createDirectories(Path.of("target", "it-logs"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,800", "--lang=en-US");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            logs.enable(LogType.PERFORMANCE, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort()
                    .withLogOutput(Files.newOutputStream(Path.of("target", "it-logs", "chromedriver.log")))
                    .build();
            Browser browser = new Browser(new ChromeDriver(service, options), service, profile);
            // Debian's Chromium opens its search engine's new-tab page (start.duckduckgo.com) in the first tab,
            // which fails offline: that is the browser's own noise, not the dashboard's, so it is forgotten.
            // Content-Security-Policy violations are kept from the first script of every page on (a script the
            // browser is told to run this way is not subject to the page's policy)
            browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                    window.cspViolations = [];
                    document.addEventListener('securitypolicyviolation',
                        e => window.cspViolations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
                    """));
            browser.driver.get("about:blank");
            browser.size(1280, 800);
            browser.forget();
            return browser;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A wait that also retries when the page replaced an element between finding and reading it. */
    WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    @SuppressWarnings("unchecked")
    <T> T js(String script, Object... arguments) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /**
     * WCAG AA: the visible text elements matched by these selectors whose contrast ratio is below 4.5:1
     * against the first opaque background behind them, each as "selector \"text\" ratio".
     */
    List<Object> poorContrast(String... selectors) {
        return js("""
            const rgb = text => (text.match(/[\\d.]+/g) || []).map(Number);
            const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
            const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
            const background = element => {
                for (let e = element; e; e = e.parentElement) {
                    const c = rgb(getComputedStyle(e).backgroundColor);
                    if (c.length === 3 || c[3] === 1) return c.slice(0, 3);
                }
                return [255, 255, 255];
            };
            const poor = [];
            for (const selector of arguments[0]) {
                for (const element of document.querySelectorAll(selector)) {
                    if (!element.checkVisibility() || !element.textContent.trim()) continue;
                    const fg = luminance(rgb(getComputedStyle(element).color).slice(0, 3));
                    const bg = luminance(background(element));
                    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
                    if (ratio < 4.5) poor.push(`${selector} "${element.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
                }
            }
            return poor;
            """, List.of(selectors));
    }

    /** The page's viewport, exactly (screenshots are this size); a narrow one is emulated as a phone. */
    void size(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** Saves a PNG of the viewport under target/screenshots/NAME.png and returns its path. */
    Path screenshot(String name) {
        try {
            Path directory = Path.of("target", "screenshots");
            Files.createDirectories(directory);
            Path file = directory.resolve(name + ".png");
            Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the logs the browser gathered since the last call; Chromium hands out each entry once. */
    synchronized void collect() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                console.add(new Problem(entry.getLevel().getName(), entry.getMessage()));
            }
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message = Json.createReader(new StringReader(entry.getMessage())).readObject().getJsonObject("message");
            String method = message.getString("method", "");
            JsonObject params = message.getJsonObject("params");
            if (method.equals("Network.requestWillBeSent")) {
                urls.put(params.getString("requestId", ""), params.getJsonObject("request").getString("url", "?"));
            } else if (method.equals("Network.webSocketCreated")) {
                urls.put(params.getString("requestId", ""), params.getString("url", "?"));
            } else if (method.equals("Network.responseReceived")) {
                JsonObject response = params.getJsonObject("response");
                int status = response.getInt("status", 0);
                if (status >= 400) {
                    network.add(new Problem("HTTP " + status, response.getString("url", "?")));
                }
            } else if (method.equals("Network.loadingFailed") && !params.getBoolean("canceled", false)) {
                network.add(new Problem(params.getString("errorText", "failed"),
                        params.getString("type", "?") + " " + urls.getOrDefault(params.getString("requestId", ""), params.toString())));
            } else if (method.equals("Network.webSocketClosed")) {
                socketCloses.add(urls.getOrDefault(params.getString("requestId", ""), "?"));
            } else if (method.equals("Network.webSocketHandshakeResponseReceived")) {
                int status = params.getJsonObject("response").getInt("status", 0);
                if (status != 101) {
                    network.add(new Problem("WebSocket handshake " + status, urls.getOrDefault(params.getString("requestId", ""), "?")));
                }
            }
        }
    }

    /** Console warnings and errors seen since the start (or the last {@link #forget()}). */
    synchronized List<Problem> consoleProblems() {
        collect();
        return List.copyOf(console);
    }

    /** Requests that failed or answered 4xx/5xx since the start (or the last {@link #forget()}). */
    synchronized List<Problem> failedRequests() {
        collect();
        return List.copyOf(network);
    }

    /** The WebSockets (their URLs) that closed since the start (or the last {@link #forget()}), for whatever reason. */
    synchronized List<String> webSocketCloses() {
        collect();
        return List.copyOf(socketCloses);
    }

    synchronized void forget() {
        collect();
        console.clear();
        network.clear();
        socketCloses.clear();
    }

    /** The Content-Security-Policy violations of the current page since it loaded. */
    List<Object> cspViolations() {
        List<Object> violations = js("return window.cspViolations || ['no listener: the page was not loaded after Browser.start']");
        return violations;
    }

    /** sessionStorage, localStorage and the page's address: where the token is kept, and where it is not. */
    Map<String, Object> storage() {
        return js("return {session: Object.assign({}, sessionStorage), local: Object.assign({}, localStorage), url: location.href};");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException leftover) {
                // a temporary profile left behind is not worth failing a test for
            }
        }
    }
}
