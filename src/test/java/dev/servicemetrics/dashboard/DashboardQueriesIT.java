package dev.servicemetrics.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.PrometheusProcess;
import dev.servicemetrics.testsupport.ServiceProcess;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard of a service started with a METRICS_QUERIES list of its own: three metrics of a real
 * Prometheus scraping itself, none of them the seed's. Also what the page keeps in its address (the open
 * incident, the filters, the chart range) and the opt-in notification of new critical incidents, with the
 * browser's Notification API replaced by a recorder (headless Chromium shows none).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardQueriesIT {

    static final String TOKEN = "dashboard-queries-it-" + UUID.randomUUID();
    static final String QUERIES = """
            # NAME                          TYPE     HISTORY  PROMQL
            process_resident_memory_bytes   gauge    yes      process_resident_memory_bytes{job="prometheus"}
            prometheus_http_requests_total  counter  yes      prometheus_http_requests_total
            scrape_duration_seconds         gauge    no       scrape_duration_seconds
            """;
    static final List<String> METRICS = List.of("process_resident_memory_bytes", "prometheus_http_requests_total", "scrape_duration_seconds");

    /** Records notifications instead of showing them; the permission the "user" gave survives reloads (localStorage). */
    static final String NOTIFICATION_RECORDER = """
            window.recordedNotifications = [];
            window.permissionRequests = 0;
            class RecordedNotification extends EventTarget {
                constructor(title, options) { super(); window.recordedNotifications.push({title, ...(options || {})}); }
                close() {}
                static get permission() { return localStorage.getItem('test.permission') || 'default'; }
                static async requestPermission() {
                    window.permissionRequests++;
                    localStorage.setItem('test.permission', 'granted');
                    return 'granted';
                }
            }
            window.Notification = RecordedNotification;
            """;

    static PrometheusProcess prometheus;
    static ServiceProcess service;
    static Http http;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", NOTIFICATION_RECORDER));
        int prometheusPort = FreePort.next();
        prometheus = PrometheusProcess.start("""
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: prometheus
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(prometheusPort), prometheusPort);
        Path dir = Files.createTempDirectory("dashboard-queries-it-");
        Path queries = dir.resolve("queries.txt");
        Files.writeString(queries, QUERIES);
        service = ServiceProcess.builder("dashboard-queries-it")
                .port(FreePort.next())
                .workDir(dir)
                .env("PROMETHEUS_URL", prometheus.uri().toString())
                .env("ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next())
                .env("SCRAPE_INTERVAL", "2")
                .env("HISTORY_WINDOW", "15m")
                .env("METRICS_QUERIES", queries.toString())
                .env("API_TOKEN", TOKEN)
                .start();
        http = service.http();
        assertTrue(Http.eventually(Duration.ofSeconds(90), () -> http.get("/api/metrics").statusCode() == 200
                        && METRICS.stream().allMatch(name -> http.get("/api/metrics").body().contains("\"name\":\"" + name + "\",\"labels\""))
                        && http.get("/api/metrics/history?name=process_resident_memory_bytes").body().contains("],[")),
                "no snapshot of the three metrics with history within 90 s; see " + service.log());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {browser, service, prometheus}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // the others still need stopping
            }
        }
    }

    @BeforeEach
    void forgetEarlierProblems() {
        browser.forget();
    }

    @AfterEach
    void screenshot(TestInfo test) {
        browser.screenshot("queries-" + test.getTestMethod().orElseThrow().getName());
    }

    @Test
    @Order(1)
    void aQueryListOfItsOwnShowsACardWithValuesAndAChartPerMetric() {
        browser.driver.get(service.baseUri().toString());
        awaitLive();
        browser.waiting(Duration.ofSeconds(30)).until(d -> visibleCards().equals(METRICS));
        assertEquals(List.of(), browser.driver.findElements(By.cssSelector(".card[data-card]")).stream().filter(WebElement::isDisplayed).toList(),
                "the seed's cards are hidden: the service scrapes none of their metrics");
        assertEquals(List.of(), browser.driver.findElements(By.cssSelector("figure[data-chart]")).stream().filter(WebElement::isDisplayed).toList());

        browser.waiting(Duration.ofSeconds(30)).until(d -> value("process_resident_memory_bytes").matches("[\\d.]+ (KiB|MiB|GiB)"));
        // a counter is a rate per second, from consecutive samples (or its history)
        browser.waiting(Duration.ofSeconds(30)).until(d -> value("prometheus_http_requests_total").matches("[\\d.]+[kM]? /s"));
        browser.waiting(Duration.ofSeconds(30)).until(d -> value("scrape_duration_seconds").matches("[\\d.]+ (µs|ms|s)"));
        String help = browser.driver.findElement(By.cssSelector(".card[data-metric=process_resident_memory_bytes] .help")).getText();
        assertFalse(help.isBlank(), "the HELP Prometheus declares for the metric");
        assertTrue(browser.driver.findElement(By.cssSelector(".card[data-metric=prometheus_http_requests_total] .sub")).getText().startsWith("total "));

        for (String metric : METRICS) {
            browser.waiting(Duration.ofSeconds(30)).withMessage(() -> metric + " chart points: " + attribute(metric, "data-points"))
                    .until(d -> points(metric) >= 3);
            assertCanvasDrawn(metric);
        }
        assertEquals("15m", new Select(browser.driver.findElement(By.id("chart-range"))).getFirstSelectedOption().getText(),
                "the charts start over HISTORY_WINDOW");
        assertEquals(List.of("5m", "15m"), new Select(browser.driver.findElement(By.id("chart-range"))).getOptions().stream()
                .map(WebElement::getText).toList(), "only ranges up to HISTORY_WINDOW");
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    @Test
    @Order(2)
    void switchingTheRangeRedrawsEveryChartFromTheHistoryApi() {
        browser.js("performance.clearResourceTimings()");
        new Select(browser.driver.findElement(By.id("chart-range"))).selectByValue("5m");
        for (String metric : METRICS) {
            browser.waiting(Duration.ofSeconds(30)).withMessage(() -> "history requests: " + historyRequests())
                    .until(d -> historyRequests().stream().anyMatch(url -> url.contains("name=" + metric + "&range=5m")));
            browser.waiting(Duration.ofSeconds(30)).until(d -> "5m".equals(attribute(metric, "data-range")) && points(metric) >= 3);
            assertCanvasDrawn(metric);
        }
        assertTrue(browser.driver.getCurrentUrl().contains("range=5m"), browser.driver.getCurrentUrl());
        // the charts go on moving with each cycle
        String last = attribute("process_resident_memory_bytes", "data-last");
        browser.waiting(Duration.ofSeconds(30)).until(d -> !attribute("process_resident_memory_bytes", "data-last").equals(last));
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    @Test
    @Order(3)
    void notificationsOfNewCriticalIncidentsAreAskedForOnlyOnClick() {
        WebElement button = browser.driver.findElement(By.id("notify"));
        assertTrue(button.isDisplayed());
        assertEquals(0L, ((Number) browser.js("return window.permissionRequests")).longValue(), "not asked before the click");
        assertEquals("false", button.getAttribute("aria-pressed"));
        button.click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> "true".equals(button.getAttribute("aria-pressed")));
        assertEquals(1L, ((Number) browser.js("return window.permissionRequests")).longValue());
        assertEquals("on", browser.js("return localStorage.getItem('service-metrics.notifyCritical')"));

        createIncident("a warning that does not notify " + UUID.randomUUID(), "warning");
        String critical = "critical " + UUID.randomUUID();
        long id = createIncident(critical, "critical");
        browser.waiting(Duration.ofSeconds(30)).until(d -> rowWithTitle(critical) != null);
        browser.waiting(Duration.ofSeconds(10)).until(d -> !recordedNotifications().isEmpty());
        assertEquals(List.of("Critical: " + critical), recordedNotifications(), "one notification, for the critical incident only");
        assertEquals("incident-" + id, browser.js("return window.recordedNotifications[0].tag"));

        // the choice is remembered across loads
        browser.driver.navigate().refresh();
        awaitLive();
        browser.waiting(Duration.ofSeconds(10)).until(d -> "true".equals(d.findElement(By.id("notify")).getAttribute("aria-pressed")));
        assertEquals(0L, ((Number) browser.js("return window.permissionRequests")).longValue());
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    @Test
    @Order(4)
    void aCopiedLinkReopensTheSameIncidentWithTheSameFiltersAndBackAndForwardWork() {
        String word = "link" + UUID.randomUUID().toString().substring(0, 8);
        String title = "disk full on " + word;
        long id = createIncident(title, "critical");
        createIncident("memory high on " + word, "warning");
        browser.driver.get(service.baseUri().toString());
        awaitLive();

        choose("severity", "critical");
        choose("sort", "-severity");
        WebElement search = browser.driver.findElement(By.cssSelector("#incident-filters input[name=q]"));
        search.sendKeys(word, Keys.ENTER);
        browser.waiting(Duration.ofSeconds(15)).until(d -> rowTitles().equals(List.of(title)));
        new Select(browser.driver.findElement(By.id("chart-range"))).selectByValue("5m");
        rowWithTitle(title).findElement(By.tagName("button")).click();
        WebElement dialog = browser.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-detail")));
        browser.waiting(Duration.ofSeconds(10)).until(d -> dialog.findElement(By.id("detail-title")).getText().equals(title));
        String link = browser.driver.getCurrentUrl();
        assertTrue(link.contains("incident=" + id) && link.contains("severity=critical") && link.contains("q=" + word)
                && link.contains("sort=-severity") && link.contains("range=5m"), link);

        // back closes the incident, forward opens it again
        browser.driver.navigate().back();
        browser.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.invisibilityOf(dialog));
        assertFalse(browser.driver.getCurrentUrl().contains("incident="), browser.driver.getCurrentUrl());
        assertTrue(browser.driver.getCurrentUrl().contains("q=" + word), "the filters stay: " + browser.driver.getCurrentUrl());
        browser.driver.navigate().forward();
        browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("incident-detail")).isDisplayed()
                && d.findElement(By.id("detail-title")).getText().equals(title));
        assertEquals(link, browser.driver.getCurrentUrl());

        // a fresh page load of the copied link
        browser.driver.get("about:blank");
        browser.driver.get(link);
        WebElement reopened = browser.waiting(Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-detail")));
        browser.waiting(Duration.ofSeconds(15)).until(d -> reopened.findElement(By.id("detail-title")).getText().equals(title));
        assertEquals("critical", selected("severity"));
        assertEquals("-severity", selected("sort"));
        assertEquals(word, browser.driver.findElement(By.cssSelector("#incident-filters input[name=q]")).getAttribute("value"));
        browser.waiting(Duration.ofSeconds(15)).until(d -> rowTitles().equals(List.of(title)));
        browser.waiting(Duration.ofSeconds(15)).until(d -> "5m".equals(new Select(d.findElement(By.id("chart-range"))).getFirstSelectedOption().getText()));
        assertEquals(link, browser.driver.getCurrentUrl(), "the address stays as it was");
        browser.screenshot("queries-link-reopened");
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    @Test
    @Order(5)
    void valuesTheAddressMustNotHaveAreIgnored() {
        browser.driver.get(service.baseUri() + "?incident=abc&status=bogus&severity=urgent&sort=nope&range=7x&label=novalue&q=");
        awaitLive();
        browser.waiting(Duration.ofSeconds(10)).until(d -> !d.findElement(By.id("incident-counts")).getText().isBlank());
        assertFalse(browser.driver.findElement(By.id("incident-detail")).isDisplayed());
        assertEquals("open,acknowledged", selected("status"));
        assertEquals("", selected("severity"));
        assertEquals("-startedAt", selected("sort"));
        browser.waiting(Duration.ofSeconds(10)).until(d -> "15m".equals(new Select(d.findElement(By.id("chart-range"))).getFirstSelectedOption().getText()));
        assertEquals(service.baseUri().toString(), browser.driver.getCurrentUrl(), "the address says what is shown");
        assertFalse(browser.driver.findElement(By.id("incident-error")).isDisplayed());
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    private static long createIncident(String title, String severity) {
        HttpResponse<String> created = http.post("/api/incidents", "application/json",
                "{\"title\":\"" + title + "\",\"severity\":\"" + severity + "\"}", "Authorization", "Bearer " + TOKEN);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject incident = Http.json(created);
        return incident.getJsonNumber("id").longValue();
    }

    private static void awaitLive() {
        browser.waiting(Duration.ofSeconds(20)).until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
    }

    private static List<String> visibleCards() {
        return browser.driver.findElements(By.cssSelector(".card[data-metric]")).stream()
                .filter(WebElement::isDisplayed).map(card -> card.getAttribute("data-metric")).toList();
    }

    private static String value(String metric) {
        List<WebElement> values = browser.driver.findElements(By.cssSelector(".card[data-metric=" + metric + "] .v"));
        return values.isEmpty() ? "" : values.get(0).getText();
    }

    private static String attribute(String metric, String name) {
        String value = browser.driver.findElement(By.cssSelector("figure[data-metric=" + metric + "]")).getAttribute(name);
        return value == null ? "" : value;
    }

    private static int points(String metric) {
        String value = attribute(metric, "data-points");
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }

    private static List<String> historyRequests() {
        return browser.js("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/api/metrics/history'))");
    }

    private static List<String> recordedNotifications() {
        return browser.js("return window.recordedNotifications.map(n => n.title)");
    }

    private static List<String> rowTitles() {
        return browser.js("return [...document.querySelectorAll('#incident-list li .title')].map(t => t.textContent)");
    }

    private static WebElement rowWithTitle(String title) {
        return browser.js("return [...document.querySelectorAll('#incident-list li')].find(li => li.querySelector('.title').textContent === arguments[0]) || null", title);
    }

    private static void choose(String filter, String value) {
        new Select(browser.driver.findElement(By.cssSelector("#incident-filters select[name=" + filter + "]"))).selectByValue(value);
    }

    private static String selected(String filter) {
        return browser.driver.findElement(By.cssSelector("#incident-filters select[name=" + filter + "]")).getAttribute("value");
    }

    /** The chart's canvas has a size and coloured pixels (the grid and labels are grey; lines are the palette's colours). */
    private static void assertCanvasDrawn(String metric) {
        Map<String, Object> canvas = browser.js("""
                const canvas = document.querySelector(`figure[data-metric=${arguments[0]}] canvas`);
                if (!canvas) return {width: 0, height: 0, painted: 0};
                // read from a copy: reading the chart's own canvas again and again makes Chromium warn
                const copy = document.createElement('canvas');
                copy.width = canvas.width;
                copy.height = canvas.height;
                const context = copy.getContext('2d', {willReadFrequently: true});
                context.drawImage(canvas, 0, 0);
                const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
                let painted = 0;
                for (let i = 0; i < pixels.length; i += 4) {
                    const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
                    if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 60) painted++;
                }
                return {width: canvas.width, height: canvas.height, painted};
                """, metric);
        assertTrue(((Number) canvas.get("width")).intValue() > 100 && ((Number) canvas.get("height")).intValue() > 50, metric + ": " + canvas);
        assertTrue(((Number) canvas.get("painted")).intValue() > 100, metric + " has drawn pixels: " + canvas);
    }
}
