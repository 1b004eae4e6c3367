package dev.servicemetrics.dashboard;

import dev.servicemetrics.testsupport.TestTokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.mock.MockExporter;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Patience;
import dev.servicemetrics.testsupport.PrometheusProcess;
import dev.servicemetrics.testsupport.ServiceProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * The dashboard at / in real headless Chromium, against the built service with two bundled mock exporters
 * and a real Prometheus scraping it every second; the service runs a 2 s cycle. The tests share one page
 * and run in order: what one leaves (an incident, its acknowledgement) is what the next one looks at.
 * Each saves a screenshot under target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    static final String TOKEN = TestTokens.next("dashboard");
    static final int INTERVAL_SECONDS = 2;
    /** The bound of every wait in the browser; a loaded machine runs late, and a bound only keeps a dead page from hanging. */
    static final Duration PATIENCE = Patience.ofIntervals(Duration.ofSeconds(INTERVAL_SECONDS));
    static final String PROMETHEUS_YAML = """
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: mock-metrics
                static_configs:
                  - targets: ["127.0.0.1:%d", "127.0.0.1:%d"]
            """;

    static MockExporter exporter;
    static MockExporter secondExporter;   // a second target: one line per instance
    static PrometheusProcess prometheus;
    static ServiceProcess service;
    static Path serviceDir;
    static int servicePort;
    static Http http;
    static Browser browser;
    static long incidentId;
    static String incidentTitle;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        exporter = MockExporter.start("127.0.0.1", 0, 42);
        secondExporter = MockExporter.start("127.0.0.1", 0, 7);
        prometheus = PrometheusProcess.start(prometheusYaml());
        serviceDir = Files.createTempDirectory("dashboard-it-service-");
        servicePort = FreePort.next();
        service = startService();
        http = service.http();
        assertTrue(Http.eventually(Duration.ofSeconds(60), () -> http.get("/api/metrics").statusCode() == 200
                        && http.get("/api/metrics/history?name=memory_usage_bytes").body().contains("],[")),
                "no snapshot with history within 60 s; see " + service.log());
    }

    static String prometheusYaml() {
        return PROMETHEUS_YAML.formatted(exporter.uri().getPort(), secondExporter.uri().getPort());
    }

    /** Alertmanager is pointed at a closed port: reconciliation then leaves the webhook's incidents alone. */
    static ServiceProcess startService() {
        return ServiceProcess.builder("dashboard-it")
                .port(servicePort)
                .workDir(serviceDir)
                .env("PROMETHEUS_URL", prometheus.uri().toString())
                .env("ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next())
                .env("SCRAPE_INTERVAL", String.valueOf(INTERVAL_SECONDS))
                .env("HISTORY_WINDOW", "5m")
                .env("API_TOKEN", TOKEN)
                .start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {browser, service, prometheus, exporter, secondExporter}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // the others still need stopping
            }
        }
    }

    /** Each test answers for the console messages and failed requests of its own steps. */
    @BeforeEach
    void forgetEarlierProblems() {
        browser.forget();
    }

    @AfterEach
    void screenshot(TestInfo test) {
        browser.screenshot(test.getTestMethod().orElseThrow().getName());
    }

    @Test
    @Order(1)
    void pageLoadsLiveWithoutConsoleErrorsOrFailedRequests() {
        browser.driver.get(service.baseUri().toString());
        awaitLive();
        browser.waiting(PATIENCE).until(d -> !text(".card[data-card=memory] .v").isBlank());
        browser.waiting(PATIENCE).until(d -> !text("#incident-counts").isBlank());
        awaitTheNextUpdateDrawn();
        assertEquals(List.of(), browser.consoleProblems(), "console warnings or errors");
        assertEquals(List.of(), browser.failedRequests(), "failed requests");
        List<Object> badResources = browser.js("return performance.getEntriesByType('resource')"
                + ".filter(e => e.responseStatus >= 400).map(e => e.name)");
        assertEquals(List.of(), badResources);
        assertTrue(text(".card[data-card=memory] .v").matches("[\\d.]+ (MiB|GiB)"), text(".card[data-card=memory] .v"));
        assertTrue(text(".card[data-card=disk] .v").matches("[\\d.]+ %"), text(".card[data-card=disk] .v"));
        assertTrue(text(".card[data-card=requests] .v").matches("[\\d.]+ req/s"), text(".card[data-card=requests] .v"));
        assertTrue(text(".card[data-card=latency] .v").matches("[\\d.]+ (ms|s)"), text(".card[data-card=latency] .v"));
        assertTrue(text(".card[data-card=latency] .sub").startsWith("p95 · p50 "), text(".card[data-card=latency] .sub"));
        assertTrue(text(".card[data-card=cpu] .v").matches("[\\d.]+ %"), text(".card[data-card=cpu] .v"));
        for (String card : List.of("cpu", "memory", "disk", "requests", "latency")) {
            List<String> instances = browser.driver.findElements(By.cssSelector(".card[data-card=" + card + "] .instance"))
                    .stream().map(WebElement::getText).toList();
            assertEquals(List.of("127.0.0.1:" + exporter.uri().getPort(), "127.0.0.1:" + secondExporter.uri().getPort()).stream().sorted().toList(),
                    instances, card + ": one line per instance");
        }
        assertReadableContrast("h1", "h2", "h3", ".pill", ".muted", ".card .v", ".card .sub", ".card .instance",
                "figcaption", ".unit", ".u-legend th", ".u-legend td", ".filters label", "select", ".counts");
    }

    @Test
    @Order(2)
    void metricValuesDifferBetweenTwoSnapshots() {
        List<String> first = updatedAndCards();
        assertTrue(first.get(0).startsWith("updated "), first.get(0));
        // a new snapshot, as the page itself dates it; the bound only keeps a dead page from hanging the suite
        browser.waiting(PATIENCE).until(d -> !updatedAndCards().get(0).equals(first.get(0)));
        List<String> second = updatedAndCards();
        assertFalse(second.get(1).equals(first.get(1)),
                "the cards of the snapshot " + first.get(0) + " and of " + second.get(0) + " are the same: " + second.get(1));
    }

    /** Until the page drew a cycle's update that came after now: whatever that does wrong is in the console by then. */
    private void awaitTheNextUpdateDrawn() {
        String shown = updatedAndCards().get(0);
        browser.waiting(PATIENCE).until(d -> !updatedAndCards().get(0).equals(shown));
    }

    /** The page's time of the snapshot it shows and the cards it drew from it, read in one go (one JS task sets both). */
    private List<String> updatedAndCards() {
        return browser.js("return [document.getElementById('updated').textContent, document.getElementById('cards').innerText];");
    }

    @Test
    @Order(3)
    void chartsAreFullFromTheBackfillAtOnceAndMoveEveryCycle() {
        long refreshed = System.currentTimeMillis();
        browser.driver.navigate().refresh();
        awaitLive();
        // drawn from the history message right after subscribing, not point by point: a point older than the
        // page can only come from the backfill (browser and service share this machine's clock)
        browser.waiting(PATIENCE).until(d -> points("memory") >= 5);
        assertTrue(Long.parseLong(attribute("memory", "data-first")) < refreshed, "the chart starts before the page was loaded");
        for (String chart : List.of("requests", "latency", "cpu", "memory")) {
            browser.waiting(PATIENCE).until(d -> points(chart) >= 5);
            assertCanvasDrawn(chart);
        }
        assertEquals("6", attribute("latency", "data-series"), "p50, p95 and p99 of each instance");
        for (String chart : List.of("requests", "cpu", "memory")) {
            assertEquals("2", attribute(chart, "data-series"), chart + ": one line per instance");
        }
        String legend = browser.driver.findElement(By.cssSelector("figure[data-chart=memory] .u-legend")).getText();
        assertTrue(legend.contains("127.0.0.1:" + exporter.uri().getPort()) && legend.contains("127.0.0.1:" + secondExporter.uri().getPort()), legend);
        assertCanvasDrawn("histogram");
        assertTrue(points("histogram") >= 4, "one bar per bucket: " + points("histogram"));
        String last = attribute("memory", "data-last");
        browser.waiting(PATIENCE).until(d -> !attribute("memory", "data-last").equals(last));
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.cspViolations(), "the charts keep to the Content-Security-Policy");
    }

    @Test
    @Order(4)
    void incidentPostedToTheWebhookAppearsWithoutReload() {
        browser.js("window.sameDocument = 'yes'");
        incidentTitle = "disk almost full " + UUID.randomUUID().toString().substring(0, 8);   // the group's summary
        HttpResponse<String> posted = postWebhook(webhook("DashboardItAlert", incidentTitle, "critical"));
        assertEquals(200, posted.statusCode(), posted.body());
        WebElement row = browser.waiting(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//ol[@id='incident-list']/li[.//span[@class='title' and text()=" + xpathLiteral(incidentTitle) + "]]")));
        incidentId = Long.parseLong(row.getAttribute("data-id"));
        assertEquals("open", row.findElement(By.cssSelector(".status")).getText().toLowerCase());
        assertEquals("critical", row.findElement(By.cssSelector(".severity")).getText().toLowerCase());
        assertEquals("1/1 firing", row.findElement(By.cssSelector(".alert-count")).getText());
        assertEquals("yes", browser.js("return window.sameDocument"), "the page was not reloaded");
        browser.waiting(PATIENCE).until(d -> text("#incident-counts").startsWith("1 open · 0 acknowledged"));
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    @Test
    @Order(5)
    void acknowledgingInThePageChangesTheStatusThroughTheApi() {
        WebElement row = incidentRow();
        row.findElement(By.tagName("button")).click();
        WebElement dialog = browser.waiting(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-detail")));
        browser.waiting(PATIENCE).until(d -> dialog.findElement(By.id("detail-title")).getText().equals(incidentTitle));
        browser.waiting(PATIENCE).until(d -> dialog.findElement(By.cssSelector(".timeline")).getText().contains("opened"));

        // no token yet: the page asks for it; a wrong one is refused with the service's own words
        dialog.findElement(By.cssSelector("[data-action=acknowledge]")).click();
        WebElement tokenInput = browser.waiting(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        tokenInput.sendKeys("not-the-token");
        dialog.findElement(By.id("actor-input")).sendKeys("selenium");
        tokenInput.submit();
        WebElement error = dialog.findElement(By.cssSelector(".error"));
        browser.waiting(PATIENCE).until(d -> error.isDisplayed() && error.getText().contains("token"));
        assertTrue(error.getText().startsWith("The token was refused. Unauthorized: "), error.getText());
        browser.screenshot("acknowledge-wrong-token");

        WebElement again = browser.waiting(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        again.sendKeys(TOKEN);
        again.submit();
        browser.waiting(PATIENCE).until(d -> dialog.findElement(By.cssSelector(".badges .status")).getText().equalsIgnoreCase("acknowledged"));
        browser.waiting(PATIENCE).until(d -> dialog.findElement(By.cssSelector(".timeline")).getText().contains("acknowledged by selenium"));
        assertFalse(error.isDisplayed(), error.getText());

        JsonObject incident = Http.json(http.get("/api/incidents/" + incidentId));
        assertEquals("acknowledged", incident.getString("status"));
        assertEquals("selenium", incident.getString("acknowledgedBy"));
        // the list row changed in place: the same element, a new status
        browser.waiting(PATIENCE).until(d -> row.findElement(By.cssSelector(".status")).getText().equalsIgnoreCase("acknowledged"));
        Map<String, Object> storage = browser.storage();
        assertEquals(TOKEN, ((Map<?, ?>) storage.get("session")).get("service-metrics.apiToken"));
        assertFalse(storage.get("url").toString().contains(TOKEN), storage.toString());
        assertFalse(((Map<?, ?>) storage.get("local")).containsValue(TOKEN), "never in localStorage");

        WebElement note = dialog.findElement(By.id("note-text"));
        note.sendKeys("looking into it from the dashboard");
        dialog.findElement(By.cssSelector("form.note button")).click();
        browser.waiting(PATIENCE).until(d -> dialog.findElement(By.cssSelector(".timeline")).getText().contains("looking into it from the dashboard"));
        assertReadableContrast("#incident-detail *", "#incident-list .severity", "#incident-list .status",
                "#incident-list .title", "#incident-list time");
        browser.screenshot("acknowledge-detail");
        dialog.sendKeys(Keys.ESCAPE);
        browser.waiting(PATIENCE).until(ExpectedConditions.invisibilityOf(dialog));

        Predicate<Browser.Problem> expected401 = p -> p.text().contains("/api/incidents/" + incidentId + "/acknowledge") && p.text().contains("401");
        assertEquals(List.of(), browser.consoleProblems().stream().filter(expected401.negate()).toList());
        assertEquals(List.of(), browser.failedRequests().stream()
                .filter(p -> !(p.kind().equals("HTTP 401") && p.text().endsWith("/api/incidents/" + incidentId + "/acknowledge"))).toList());
    }

    @Test
    @Order(6)
    void filtersByStatusAndSeverity() {
        choose("status", "open");
        browser.waiting(PATIENCE).until(d -> rows().isEmpty() && browser.driver.findElement(By.id("incident-empty")).isDisplayed());
        choose("status", "acknowledged");
        browser.waiting(PATIENCE).until(d -> rows().size() == 1);
        choose("severity", "info");
        browser.waiting(PATIENCE).until(d -> rows().isEmpty());
        choose("severity", "critical");
        browser.waiting(PATIENCE).until(d -> rows().size() == 1);
        browser.screenshot("filters-acknowledged-critical");
        choose("severity", "");
        choose("status", "open,acknowledged");
        browser.waiting(PATIENCE).until(d -> rows().size() == 1);
        browser.waiting(PATIENCE).until(d -> text("#incident-counts").startsWith("0 open · 1 acknowledged"));
        assertEquals(List.of(), browser.consoleProblems());
    }

    @Test
    @Order(7)
    void keyboardReachesAnIncidentAndOpensItsDetail() {
        browser.driver.findElement(By.tagName("body")).click();
        WebElement target = incidentRow().findElement(By.tagName("button"));
        boolean reached = false;
        for (int i = 0; i < 40 && !reached; i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            reached = target.equals(browser.driver.switchTo().activeElement());
        }
        assertTrue(reached, "Tab reaches the incident row");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        WebElement dialog = browser.waiting(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-detail")));
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.waiting(PATIENCE).until(ExpectedConditions.invisibilityOf(dialog));
    }

    @Test
    @Order(8)
    void newIncidentsAreInsertedNewestFirst() {
        for (String[] alert : new String[][] {{"HighMemory", "memory above 800 MB", "warning"},
                {"ExporterRestarted", "the mock exporter restarted", "info"}}) {
            HttpResponse<String> posted = postWebhook(webhook(alert[0], alert[1], alert[2]));
            assertEquals(200, posted.statusCode(), posted.body());
            pause(Duration.ofMillis(50));
        }
        browser.waiting(PATIENCE).until(d -> rows().size() == 3);
        assertEquals(List.of("info", "warning", "critical"),
                rows().stream().map(row -> row.getAttribute("data-severity")).toList(), "newest first");
        browser.waiting(PATIENCE).until(d -> text("#incident-counts").startsWith("2 open · 1 acknowledged"));
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("dashboard");   // the README's picture: docs/dashboard.png
        assertEquals(List.of(), browser.consoleProblems());
    }

    @Test
    @Order(9)
    void changesMadeElsewhereUpdateTheRowsInPlace() {
        List<WebElement> shown = rows();
        WebElement memory = shown.get(1);
        WebElement restarted = shown.get(0);
        long memoryId = Long.parseLong(memory.getAttribute("data-id"));
        long restartedId = Long.parseLong(restarted.getAttribute("data-id"));
        browser.js("window.sameDocument = 'elsewhere'");

        String[] auth = {"Authorization", "Bearer " + TOKEN, "X-Actor", "someone-else"};
        assertEquals(200, http.post("/api/incidents/" + memoryId + "/acknowledge", "application/json", "{}", auth).statusCode());
        browser.waiting(PATIENCE).until(d -> memory.findElement(By.cssSelector(".status")).getText().equalsIgnoreCase("acknowledged"));
        assertEquals(200, http.post("/api/incidents/" + restartedId + "/resolve", "application/json", "{}", auth).statusCode());
        browser.waiting(PATIENCE).until(ExpectedConditions.stalenessOf(restarted));
        assertEquals(2, rows().size(), "a resolved incident leaves the open & acknowledged list");
        assertEquals(memory, rows().get(0), "the same row element, changed in place");
        browser.waiting(PATIENCE).until(d -> text("#incident-counts").startsWith("0 open · 2 acknowledged"));
        assertEquals("elsewhere", browser.js("return window.sameDocument"));
        assertEquals(List.of(), browser.consoleProblems());
    }

    @Test
    @Order(10)
    void phoneWidthHasNoHorizontalScrolling() {
        browser.size(390, 844);
        try {
            browser.waiting(PATIENCE).until(d -> ((Number) browser.js("return window.innerWidth")).longValue() <= 390);
            long overflow = browser.js("return document.documentElement.scrollWidth - window.innerWidth");
            assertTrue(overflow <= 0, "page wider than the screen by " + overflow + " px");
            browser.screenshot("phone");
            browser.js("document.getElementById('incidents').scrollIntoView()");
            browser.screenshot("phone-incidents");
        } finally {
            browser.size(1280, 800);
        }
    }

    @Test
    @Order(11)
    void staleBadgeAppearsWhenPrometheusStopsAndGoesAwayWhenItReturns() {
        browser.js("window.scrollTo(0, 0)");
        WebElement stale = browser.driver.findElement(By.id("stale"));
        assertFalse(stale.isDisplayed());
        int port = prometheus.port();
        prometheus.close();
        try {
            browser.waiting(PATIENCE).until(d -> stale.isDisplayed());
            browser.waiting(PATIENCE).until(d -> stale.getText().matches("stale · data \\d+ s old"));
            browser.screenshot("stale");
        } finally {
            prometheus = PrometheusProcess.start(prometheusYaml(), port);
        }
        browser.waiting(PATIENCE).until(d -> !stale.isDisplayed());
        assertEquals("live", text("#connection .text"));
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    @Test
    @Order(12)
    void thousandsOfIncidentsArePagedAndTheListStaysLive() throws Exception {
        // 1,500 groups of one alert each, as Alertmanager would notify them: one notification per group
        int many = 1500;
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        String[] severities = {"warning", "info", "critical"};
        List<List<String>> notifications = new ArrayList<>();
        for (int i = 0; i < many; i++) {
            notifications.add(List.of(webhook("Storm" + i, "alert " + i + " of a storm", severities[i % 3], dayAgo.plusSeconds(i))));
        }
        long slowClosedBefore = slowClientsClosed();
        postEachInOrder(notifications);
        browser.waiting(Duration.ofSeconds(120)).until(d -> text("#incident-counts").startsWith("1,500 open · 2 acknowledged"));
        browser.waiting(Duration.ofSeconds(30)).until(d -> rows().size() == 100);
        assertTrue(browser.driver.findElement(By.id("incident-more")).isDisplayed(), "more pages to load");

        // scrolled to the bottom as a reader would, again if live changes moved the list meanwhile (under load the one
        // scroll could land while rows were still being replaced, and the page then waited for the next scroll)
        browser.waiting(Duration.ofSeconds(15)).until(d -> {
            int shown = rows().size();
            if (shown < 200) {
                browser.js("const scroller = document.querySelector('.incident-scroll'); scroller.scrollTop = scroller.scrollHeight");
            }
            return shown == 200;
        });

        choose("severity", "info");
        browser.waiting(Duration.ofSeconds(15)).until(d -> rows().size() == 100
                && rows().stream().allMatch(row -> "info".equals(row.getAttribute("data-severity"))));
        browser.screenshot("thousands-filtered");
        choose("severity", "");

        // the 1,500 creations reach the page coalesced into a few "changes" messages (at most one per 250 ms),
        // so its backlog at the service never overflows: the page is not closed (1013) and the next alert
        // still arrives on the same connection, without a reload
        String title = "one more alert after the storm";
        assertEquals(200, postWebhook(webhook("AfterTheStorm", title, "critical")).statusCode());
        browser.waiting(Duration.ofSeconds(30)).until(d -> !rows().isEmpty()
                && rows().get(0).findElement(By.cssSelector(".title")).getText().equals(title));
        assertEquals(slowClosedBefore, slowClientsClosed(), "no dashboard was closed for being slow during the storm");
        assertTrue(rows().size() <= 200, "the list holds the pages loaded, not every incident: " + rows().size());
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    @Test
    @Order(13)
    void aStormOfTenThousandAlertsInTwentyGroupsIsTwentyRowsWhileTheDashboardStaysConnected() throws Exception {
        awaitLive(Duration.ofSeconds(60));   // the previous test's storm may have closed the page's connection (1013)
        // from here on every change of the page's connection indicator is kept: a closed socket shows as "waiting"
        browser.js("""
                window.connectionStates = [];
                const indicator = document.getElementById('connection');
                new MutationObserver(() => window.connectionStates.push(indicator.dataset.state))
                        .observe(indicator, {attributes: true, attributeFilter: ['data-state']});
                """);
        browser.forget();

        // 20 groups of 500 alerts, each group notified 5 times with 100 new alerts, the groups at once
        String storm = "storm-" + UUID.randomUUID().toString().substring(0, 8);
        int groups = 20;
        int notificationsPerGroup = 5;
        int alertsPerNotification = 100;
        Instant startsAt = Instant.now();
        List<List<String>> notifications = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            String shard = "shard-%02d".formatted(g);
            Map<String, String> groupLabels = Map.of("alertname", "DashboardStorm", "storm", storm, "shard", shard);
            Map<String, String> common = new TreeMap<>(groupLabels);
            common.put("severity", g % 2 == 0 ? "critical" : "warning");
            Map<String, String> annotations = Map.of("summary", "Storm " + storm + " on " + shard);
            List<String> ofGroup = new ArrayList<>();
            for (int n = 0; n < notificationsPerGroup; n++) {
                List<String> alerts = new ArrayList<>();
                for (int i = 0; i < alertsPerNotification; i++) {
                    Map<String, String> labels = new TreeMap<>(common);
                    labels.put("instance", "host-" + (n * alertsPerNotification + i));
                    alerts.add(alert(labels, annotations, startsAt));
                }
                ofGroup.add(payload(groupLabels, common, annotations, alerts));
            }
            notifications.add(ofGroup);
        }
        postEachInOrder(notifications);

        JsonObject page = Http.json(http.get("/api/incidents?label=storm:" + storm + "&limit=100"));
        assertEquals(groups, page.getInt("total"), page.toString());
        for (JsonObject incident : page.getJsonArray("items").getValuesAs(JsonObject.class)) {
            assertEquals(500, incident.getJsonObject("alertCount").getInt("total"), incident.toString());
        }

        // the page: one row per group (not one per alert), each row's count kept current up to 500/500
        browser.waiting(Duration.ofSeconds(90)).withMessage(() -> "the storm's rows show " + stormRowCounts(storm)).until(d -> {
            List<Object> counts = stormRowCounts(storm);
            return counts.size() == groups && counts.stream().allMatch("500/500 firing"::equals);
        });
        browser.screenshot("storm-rows");

        // and it never lost its connection on the way
        assertEquals("live", browser.driver.findElement(By.id("connection")).getAttribute("data-state"));
        assertEquals("live", text("#connection .text"));
        List<Object> states = browser.js("return window.connectionStates");
        assertTrue(states.stream().allMatch("live"::equals), "the connection indicator changed during the storm: " + states);
        assertEquals(List.of(), browser.webSocketCloses(), "no WebSocket closed during the storm");

        // the detail of one group lists its alerts a page at a time, each with the labels its group does not share
        WebElement stormRow = browser.js("""
                return [...document.querySelectorAll('#incident-list li')]
                        .find(li => li.querySelector('.title').textContent.includes(arguments[0])).querySelector('button');
                """, storm);
        stormRow.click();
        WebElement dialog = browser.waiting(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-detail")));
        browser.waiting(PATIENCE).until(d -> dialog.findElement(By.id("detail-title")).getText().contains(storm));
        browser.waiting(Duration.ofSeconds(30)).until(d -> alertItems().size() == 100);
        assertEquals("500/500 firing", dialog.findElement(By.cssSelector(".alert-summary")).getText());
        String group = dialog.findElement(By.cssSelector(".labels")).getText();
        assertTrue(group.contains("shard") && group.contains(storm), group);
        assertEquals(List.of("instance"), alertItems().stream().distinct().toList(), "only the label that sets each alert apart");
        assertEquals(100L, ((Number) browser.js("""
                return [...document.querySelectorAll('#incident-detail .alert-list > li')]
                        .filter(li => li.dataset.status === 'firing' && /^host-\\d+$/.test(li.querySelector('.kv .v').textContent)).length;
                """)).longValue());
        WebElement more = dialog.findElement(By.cssSelector(".more-alerts"));
        assertTrue(more.isDisplayed(), "more alerts to load");
        browser.js("""
                const alerts = document.querySelector('#incident-detail .alerts');
                alerts.querySelector('.alert-scroll').scrollTop = 0;
                alerts.scrollIntoView({block: 'end'});
                """);
        browser.screenshot("dashboard-alerts");   // the README's picture: docs/dashboard-alerts.png
        more.click();
        browser.waiting(Duration.ofSeconds(30)).until(d -> alertItems().size() == 200);
        browser.waiting(PATIENCE).until(d -> more.getText().equals("More alerts (200 of 500 shown)"));
        assertReadableContrast("#incident-detail .alerts *", "#incident-list .alert-count");
        dialog.sendKeys(Keys.ESCAPE);
        browser.waiting(PATIENCE).until(ExpectedConditions.invisibilityOf(dialog));

        assertEquals(List.of(), browser.webSocketCloses());
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    @Test
    @Order(20)
    void reconnectsAfterTheServiceRestartsAndBackfillsAgain() {
        service.close();
        browser.waiting(Duration.ofSeconds(15)).until(d -> text("#connection .text").startsWith("disconnected · retry in"));
        browser.screenshot("disconnected");
        browser.js("window.sameDocument = 'still'");
        service = startService();
        http = service.http();
        awaitLive(Duration.ofSeconds(60));
        browser.waiting(PATIENCE).until(d -> points("memory") >= 5 && !text(".card[data-card=memory] .v").isBlank());
        assertEquals("still", browser.js("return window.sameDocument"), "reconnected without a reload");
        // the incidents list is reloaded (by itself again if the starting service answered an error at first)
        // and still shows the acknowledged incident
        browser.waiting(Duration.ofSeconds(40)).until(d -> !d.findElement(By.id("incident-error")).isDisplayed()
                && !text("#incident-counts").isBlank());
        incidentRow();
        // while the service was away or starting, requests may fail; once it is back, nothing does
        browser.forget();
        awaitTheNextUpdateDrawn();
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    /** websocket_clients_closed_total{reason="slow"} at /mpmetrics: clients closed with 1013. */
    private static long slowClientsClosed() {
        Matcher count = Pattern.compile(
                "websocket_clients_closed_total\\{[^}]*reason=\"slow\"[^}]*} ([0-9.]+)").matcher(http.get("/mpmetrics").body());
        return count.find() ? (long) Double.parseDouble(count.group(1)) : 0;
    }

    private static void awaitLive() {
        awaitLive(PATIENCE);
    }

    private static void awaitLive(Duration timeout) {
        browser.waiting(timeout).until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
    }

    private static String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    private static String attribute(String chart, String name) {
        String value = browser.driver.findElement(By.cssSelector("figure[data-chart=" + chart + "]")).getAttribute(name);
        return value == null ? "" : value;
    }

    private static int points(String chart) {
        String value = attribute(chart, "data-points");
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }

    /**
     * The chart's canvas has a size and coloured pixels: the grid and the axis labels are grey, so only drawn
     * lines or bars (the palette's saturated colours) count.
     */
    private static void assertCanvasDrawn(String chart) {
        Map<String, Object> canvas = browser.js("""
                const canvas = document.querySelector(`figure[data-chart=${arguments[0]}] canvas`);
                if (!canvas) return {width: 0, height: 0, painted: 0};
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 0; i < pixels.length; i += 4) {
                    const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
                    if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 60) painted++;
                }
                return {width: canvas.width, height: canvas.height, painted};
                """, chart);
        assertTrue(((Number) canvas.get("width")).intValue() > 100 && ((Number) canvas.get("height")).intValue() > 50, chart + ": " + canvas);
        assertTrue(((Number) canvas.get("painted")).intValue() > 200, chart + " has drawn pixels: " + canvas);
    }

    /**
     * WCAG AA: every visible text element matched by these selectors has a contrast ratio of at least 4.5:1
     * against the first opaque background behind it.
     */
    private static void assertReadableContrast(String... selectors) {
        assertEquals(List.of(), browser.poorContrast(selectors), "text below 4.5:1 contrast");
    }

    private static WebElement incidentRow() {
        return browser.waiting(PATIENCE).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#incident-list li[data-id='" + incidentId + "']")));
    }

    /** The alert counts of the rows whose title names this storm, read in the page at once. */
    private static List<Object> stormRowCounts(String storm) {
        return browser.js("""
                return [...document.querySelectorAll('#incident-list li')]
                        .filter(li => li.querySelector('.title').textContent.includes(arguments[0]))
                        .map(li => li.querySelector('.alert-count').textContent);
                """, storm);
    }

    /** The label names each alert of the open detail shows, joined: "instance" for an alert showing only that. */
    private static List<Object> alertItems() {
        return browser.js("""
                return [...document.querySelectorAll('#incident-detail .alert-list > li')]
                        .map(li => [...li.querySelectorAll('.kv .k')].map(k => k.textContent).join(','));
                """);
    }

    private static List<WebElement> rows() {
        return browser.driver.findElements(By.cssSelector("#incident-list li"));
    }

    private static void choose(String filter, String value) {
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.cssSelector("#incident-filters select[name=" + filter + "]")))
                .selectByValue(value);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String xpathLiteral(String text) {
        return "'" + text.replace("'", "") + "'";
    }

    /** POSTs one notification to the webhook as Alertmanager does: HTTP/1.1, bearer token, a generous timeout. */
    private static HttpResponse<String> postWebhook(String body) {
        return http.sendOverHttp11(http.request("/api/alertmanager/webhook", "Authorization", "Bearer " + TOKEN,
                        "Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /**
     * Sends each list of notifications in its order, eight lists at a time, as Alertmanager does: a group's
     * notifications one after another, different groups at once. Every one must be accepted.
     */
    private static void postEachInOrder(List<List<String>> notifications) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (List<String> group : notifications) {
                sent.add(senders.submit(() -> {
                    for (String body : group) {
                        HttpResponse<String> posted = postWebhook(body);
                        assertEquals(200, posted.statusCode(), posted.body());
                    }
                    return null;
                }));
            }
            for (Future<?> one : sent) {
                one.get(10, TimeUnit.MINUTES);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    /** A notification of a group of its own with one firing alert, started now: its title is the summary. */
    private static String webhook(String alertname, String summary, String severity) {
        return webhook(alertname, summary, severity, Instant.now());
    }

    private static String webhook(String alertname, String summary, String severity, Instant startsAt) {
        Map<String, String> labels = Map.of("alertname", alertname, "severity", severity, "instance", "mock:8081");
        Map<String, String> group = Map.of("alertname", alertname, "test", UUID.randomUUID().toString().substring(0, 8));
        return payload(group, labels, Map.of("summary", summary), List.of(alert(labels, Map.of("summary", summary), startsAt)));
    }

    /** Alertmanager's webhook (version 4) for one group: common labels and annotations are what all its alerts share. */
    private static String payload(Map<String, String> groupLabels, Map<String, String> commonLabels,
                                  Map<String, String> commonAnnotations, List<String> alerts) {
        return """
                {"version":"4","groupKey":%s,"truncatedAlerts":0,"status":"firing",
                 "receiver":"service-metrics","groupLabels":%s,"commonLabels":%s,"commonAnnotations":%s,
                 "externalURL":"http://alertmanager:9093","alerts":[%s]}
                """.formatted(jsonString("{}:" + json(groupLabels)), json(groupLabels), json(commonLabels), json(commonAnnotations),
                String.join(",", alerts));
    }

    private static String alert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt) {
        String fingerprint = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return """
                {"status":"firing","labels":%s,"annotations":%s,"startsAt":"%s","endsAt":"0001-01-01T00:00:00Z",
                 "generatorURL":"http://prometheus:9090/graph?g0.expr=disk_usage_percent","fingerprint":"%s"}"""
                .formatted(json(labels), json(annotations), startsAt, fingerprint);
    }

    private static String json(Map<String, String> values) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        new TreeMap<>(values).forEach(object::add);
        return object.build().toString();
    }

    private static String jsonString(String text) {
        return Json.createValue(text).toString();
    }
}
