package dev.servicemetrics.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * Hostile alert content through webhook, database, API, WebSocket and dashboard: markup, script URLs, a 1 MB
 * value, control characters, a right-to-left override and emoji in labels, annotations and URLs. They are kept
 * as sent (cut with "…" where a column is bounded), shown as text, linked only when http(s), run no script,
 * and break no layout — under the page's Content-Security-Policy, which nothing on the page violates.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileAlertsIT {

    static final String TOKEN = TestTokens.next("hostile");
    /** Each would record that it ran: in a global, and by asking the service for /pwned (a 404 in its access). */
    static final String IMG = "<img src=x onerror=\"window.pwned='img';fetch('/pwned-img')\">";
    static final String SCRIPT = "<script>window.pwned='script';fetch('/pwned-script')</script>";
    static final String SVG = "<svg onload=\"window.pwned='svg'\"></svg>";
    static final String JAVASCRIPT_URL = "javascript:window.pwned='link';fetch('/pwned-link')";
    static final String CONTROL = "bell\u0007 escape\u001b[31m red\u001b[0m tab\t newline\n cr\r del\u007f";
    static final String RTL = "invoice\u202Egpj.exe";
    static final String EMOJI = "🔥 disk 💥 👩‍👩‍👧‍👦 🇫🇷";
    static final String HUGE = "A".repeat(1024 * 1024);
    static final String LONG_WORD = "x".repeat(3000);
    static final String SUMMARY = IMG + SCRIPT + " " + RTL + " " + EMOJI;
    /** What the dashboard shows of them: the bidirectional control made visible. */
    static final String SHOWN_RTL = "invoice[U+202E]gpj.exe";
    static final String SHOWN_SUMMARY = IMG + SCRIPT + " " + SHOWN_RTL + " " + EMOJI;

    static ServiceProcess service;
    static Http http;
    static Browser browser;
    static long incidentId;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        service = ServiceProcess.builder("hostile-alerts-it")
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next())
                .env("API_TOKEN", TOKEN)
                .start();
        http = service.http();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {browser, service}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // the other still needs stopping
            }
        }
    }

    @Test
    @Order(1)
    void pageAndApiCarryThePolicyAndThePageViolatesNothing() {
        for (String path : List.of("/", "/js/main.js", "/api/incidents", "/health", "/api/nope")) {
            HttpResponse<String> response = http.get(path);
            String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'")
                    && policy.contains("connect-src 'self' ws://127.0.0.1:" + service.port()), path + ": " + policy);
            assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(""), path);
        }
        browser.driver.get(service.baseUri().toString());
        browser.waiting(Duration.ofSeconds(20)).until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
        browser.waiting(Duration.ofSeconds(20)).until(d -> !d.findElement(By.id("incident-counts")).getText().isBlank());
        assertEquals(List.of(), browser.cspViolations(), "Content-Security-Policy violations");
        assertTrue(browser.consoleProblems().stream().noneMatch(p -> p.text().contains("Content Security Policy")), browser.consoleProblems().toString());
    }

    @Test
    @Order(2)
    void hostileAlertsAreStoredAsSentOrCutWithAMarker() {
        Instant start = Instant.now().minusSeconds(60);
        Map<String, String> group = Map.of("alertname", "Hostile" + IMG, "long", LONG_WORD);
        Map<String, String> first = new LinkedHashMap<>(group);
        first.put("severity", "critical");
        first.put("instance", RTL);
        first.put("markup", SCRIPT + SVG);
        first.put("control", CONTROL);
        Map<String, String> firstAnnotations = Map.of("summary", SUMMARY, "description", HUGE,
                "runbook_url", JAVASCRIPT_URL, "emoji", EMOJI);
        Map<String, String> second = new LinkedHashMap<>(group);
        second.put("severity", "warning");
        second.put("instance", EMOJI);
        String body = payload(group, List.of(
                alert("a1b2c3d4e5f60001", first, firstAnnotations, start, JAVASCRIPT_URL),
                alert("a1b2c3d4e5f60002", second, Map.of("summary", SUMMARY), start, "data:text/html,<script>window.pwned='data'</script>"),
                alert("a1b2c3d4e5f60003", Map.of("alertname", "Hostile" + IMG, "long", LONG_WORD, "instance", "fine"), Map.of("summary", SUMMARY), start,
                        "http://prometheus.example/graph?g0.expr=up%3D%3D0&x=\"><img src=x onerror=alert(1)>")));
        HttpResponse<String> answer = http.post("/api/alertmanager/webhook", "application/json", body, "Authorization", "Bearer " + TOKEN);
        assertEquals(200, answer.statusCode(), answer.body());
        incidentId = Http.json(answer).getJsonArray("incidents").getJsonNumber(0).longValue();

        JsonObject incident = Http.json(http.get("/api/incidents/" + incidentId));
        assertEquals(SUMMARY + " — 3 alerts", incident.getString("title"), "the common summary, as sent");
        JsonObject alerts = Http.json(http.get("/api/incidents/" + incidentId + "/alerts"));
        JsonObject stored = alerts.getJsonArray("items").stream().map(v -> v.asJsonObject())
                .filter(a -> a.getString("fingerprint").equals("a1b2c3d4e5f60001")).findFirst().orElseThrow();
        JsonObject labels = stored.getJsonObject("labels");
        assertEquals(RTL, labels.getString("instance"));
        assertEquals(SCRIPT + SVG, labels.getString("markup"));
        assertEquals(CONTROL, labels.getString("control"));
        assertEquals(LONG_WORD, labels.getString("long"), "an alert's labels are kept whole");
        String incidentLong = incident.getJsonObject("labels").getString("long");
        assertEquals(LONG_WORD.substring(0, 1023) + "…", incidentLong, "an incident's label value is cut at 1024 with a marker");
        assertEquals(SUMMARY, stored.getJsonObject("annotations").getString("summary"));
        assertEquals(HUGE.length(), stored.getJsonObject("annotations").getString("description").length(), "1 MB kept");
        assertEquals(JAVASCRIPT_URL, stored.getString("generatorUrl"), "stored as sent; only never made a link");
    }

    @Test
    @Order(3)
    void theDashboardShowsThemAsTextRunsNothingAndKeepsItsLayout() {
        browser.forget();
        browser.driver.navigate().refresh();
        browser.waiting(Duration.ofSeconds(20)).until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
        By row = By.cssSelector("#incident-list li[data-id='" + incidentId + "'] .title");
        await(d -> !d.findElements(row).isEmpty(), "#incidents", "a row for incident " + incidentId);
        assertEquals(SHOWN_SUMMARY + " — 3 alerts", browser.driver.findElement(row).getAttribute("textContent"),
                "shown as text, as sent, its right-to-left override visible");
        assertNoLayoutBreak("list");
        browser.screenshot("hostile-list");

        browser.driver.findElement(By.cssSelector("#incident-list li[data-id='" + incidentId + "'] button")).click();
        await(d -> d.findElements(By.cssSelector("#incident-detail .alert-list > li")).size() == 3, "#incident-detail .alerts", "its three alerts");
        String detail = browser.driver.findElement(By.id("incident-detail")).getAttribute("textContent");
        assertTrue(detail.contains(SHOWN_RTL) && detail.contains(EMOJI) && !detail.contains("\u202E"),
                "the right-to-left override is shown, not obeyed; the emoji are text");
        assertTrue(detail.contains("<script>"), "markup is shown, not parsed");

        List<Object> links = browser.js("return [...document.querySelectorAll('#incident-detail a[href]')].map(a => a.href)");
        assertEquals(1, links.size(), "one link, the alert whose generator URL is http: " + links);
        assertTrue(links.get(0).toString().startsWith("http://prometheus.example/graph"), links.toString());
        assertEquals(0L, (Long) browser.js("return document.querySelectorAll('#incident-list img, #incident-list svg, #incident-list script,"
                + " #incident-detail img, #incident-detail svg, #incident-detail script').length"), "no element made from an alert's text");
        assertNoLayoutBreak("detail");
        browser.screenshot("hostile-detail");
        browser.js("document.querySelector('#incident-detail .alerts').scrollIntoView()");
        browser.screenshot("hostile-detail-scrolled");

        assertNull(browser.js("return window.pwned === undefined ? null : window.pwned"), "no script of the alerts ran");
        List<Object> pwnedRequests = browser.js("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('pwned'))");
        assertEquals(List.of(), pwnedRequests, "no request made by the alerts' markup");
        assertFalse(service.log().contains("pwned"), "nothing reached the service either");
        assertEquals(List.of(), browser.cspViolations(), "nothing even tried to break the policy");
    }

    /** Waits for a condition; one that never comes fails with what the element {@code id} showed, and the console. */
    private static void await(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition, String id, String what) {
        try {
            browser.waiting(Duration.ofSeconds(30)).until(condition);
        } catch (org.openqa.selenium.TimeoutException missing) {
            browser.screenshot("hostile-failed");
            String html = browser.js("return document.querySelector(arguments[0]).outerHTML", id);
            throw new AssertionError("no " + what + " within 30 s; #" + id + ": " + html.substring(0, Math.min(4000, html.length()))
                    + "; console: " + browser.consoleProblems() + "; requests: " + browser.failedRequests(), missing);
        }
    }

    private static void assertNoLayoutBreak(String where) {
        Map<String, Object> sizes = browser.js("""
                const d = document.getElementById('incident-detail');
                return {page: document.documentElement.scrollWidth, viewport: window.innerWidth,
                        detail: d.open ? d.scrollWidth : 0, detailBox: d.open ? d.clientWidth : 0,
                        list: document.getElementById('incident-list').scrollWidth,
                        listBox: document.getElementById('incident-list').clientWidth};
                """);
        long page = (Long) sizes.get("page");
        long viewport = (Long) sizes.get("viewport");
        assertTrue(page <= viewport, where + ": the page scrolls sideways: " + sizes);
        assertTrue((Long) sizes.get("detail") <= (Long) sizes.get("detailBox"), where + ": the detail overflows: " + sizes);
        assertTrue((Long) sizes.get("list") <= (Long) sizes.get("listBox"), where + ": the list overflows: " + sizes);
    }

    static JsonObject alert(String fingerprint, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
            String generatorUrl) {
        return Json.createObjectBuilder()
                .add("status", "firing")
                .add("labels", strings(labels))
                .add("annotations", strings(annotations))
                .add("startsAt", startsAt.toString())
                .add("endsAt", "0001-01-01T00:00:00Z")
                .add("generatorURL", generatorUrl)
                .add("fingerprint", fingerprint)
                .build();
    }

    static String payload(Map<String, String> groupLabels, List<JsonObject> alerts) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        alerts.forEach(array::add);
        return Json.createObjectBuilder()
                .add("version", "4")
                .add("groupKey", "{}:" + groupLabels)
                .add("truncatedAlerts", 0)
                .add("status", "firing")
                .add("receiver", "service-metrics")
                .add("groupLabels", strings(groupLabels))
                .add("commonLabels", strings(groupLabels))
                .add("commonAnnotations", strings(Map.of("summary", SUMMARY)))
                .add("externalURL", "http://alertmanager:9093")
                .add("alerts", array)
                .build()
                .toString();
    }

    private static JsonObjectBuilder strings(Map<String, String> values) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        values.forEach(object::add);
        return object;
    }
}
