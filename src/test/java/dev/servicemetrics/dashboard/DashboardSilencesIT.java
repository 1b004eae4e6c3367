package dev.servicemetrics.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.AlertmanagerProcess;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.InstalledTool;
import dev.servicemetrics.testsupport.ServiceProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Silencing from the dashboard's detail view against a real Alertmanager with no webhook: the incident
 * comes from reconciliation (every 2 s here), and so do the "silenced" badges of its
 * row and its alert once Alertmanager holds the alert back. The tests share one page and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardSilencesIT {

    /** A loaded machine may need several reconciliation runs and a slow page load. */
    static final Duration PATIENCE = Duration.ofSeconds(120);
    static final String TOKEN = "dashboard-silences-it-" + UUID.randomUUID();
    static final String CONFIG = """
            route:
              receiver: nobody
              group_by: ['alertname']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: nobody
            """;
    static final String NAME = "DashboardSilence" + UUID.randomUUID().toString().substring(0, 8);
    static final String SUMMARY = "replica lag on " + NAME;
    static final Map<String, String> LABELS = Map.of("alertname", NAME, "instance", "db-1:9100", "severity", "warning");

    static AlertmanagerProcess alertmanager;
    static ServiceProcess service;
    static Http http;
    static Browser browser;
    static long id;
    static String silenceId;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        alertmanager = AlertmanagerProcess.start(CONFIG, Map.of());
        service = ServiceProcess.builder("dashboard-silences-it")
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("ALERTMANAGER_URL", alertmanager.uri().toString())
                .env("SCRAPE_INTERVAL", "1")
                .env("RECONCILE_INTERVAL", "2s")
                .env("API_TOKEN", TOKEN)
                .start();
        http = service.http();
        alertmanager.raise(LABELS, Map.of("summary", SUMMARY), Instant.now().minusSeconds(30));
        assertTrue(Http.eventually(PATIENCE, () -> incidents().getInt("total") == 1),
                "reconciliation opened the incident; see " + service.log());
        id = incidents().getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {browser, service, alertmanager}) {
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
        browser.screenshot("silences-" + test.getTestMethod().orElseThrow().getName());
    }

    @Test
    @Order(1)
    void aDurationThatIsNoneIsRefusedBeforeAnythingIsSent() {
        browser.driver.get(service.baseUri().toString());
        browser.waiting(Duration.ofSeconds(30)).until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
        row().findElement(By.tagName("button")).click();
        WebElement dialog = dialog();
        browser.waiting(Duration.ofSeconds(15)).until(d -> dialog.findElement(By.id("detail-title")).getText().equals(SUMMARY));
        WebElement silences = browser.waiting(Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOf(
                dialog.findElement(By.cssSelector("section.silences"))));

        WebElement custom = silences.findElement(By.cssSelector("input[name=custom]"));
        custom.sendKeys("2h30");
        assertTrue(silences.findElement(By.cssSelector("input[name=duration][value=custom]")).isSelected(), "typing chooses custom");
        silences.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement error = dialog.findElement(By.cssSelector(".error"));
        browser.waiting(Duration.ofSeconds(10)).until(d -> error.isDisplayed());
        assertEquals("\"2h30\" is not a duration: write it like 2h30m, 90m or 1d.", error.getText());
        assertEquals("true", custom.getAttribute("aria-invalid"));
        assertFalse(dialog.findElement(By.cssSelector("form.token")).isDisplayed(), "nothing to send, so no token asked for");
        assertEquals(List.of(), silencesOf(id), "nothing was sent");
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    @Test
    @Order(2)
    void silencingForAnHourWithACommentMakesTheSilenceInAlertmanagerAndShowsIt() {
        WebElement dialog = dialog();
        WebElement silences = dialog.findElement(By.cssSelector("section.silences"));
        silences.findElement(By.cssSelector("input[name=duration][value='1h']")).click();
        silences.findElement(By.id("silence-comment")).sendKeys("failing over the replica");
        silences.findElement(By.cssSelector("button[type=submit]")).click();

        // the first action asks for the token, then carries on
        WebElement token = browser.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        token.sendKeys(TOKEN);
        dialog.findElement(By.id("actor-input")).sendKeys("selenium");
        token.submit();

        Map<String, Object> shown = browser.waiting(Duration.ofSeconds(30)).until(d -> silenceShown("[data-state=active]"));
        silenceId = (String) shown.get("id");
        String line = (String) shown.get("text");
        assertTrue(line.contains("by selenium") && line.contains("failing over the replica") && line.contains("until "), line);
        assertFalse(dialog.findElement(By.cssSelector(".error")).isDisplayed(), dialog.findElement(By.cssSelector(".error")).getText());
        assertTrue(dialog.findElement(By.cssSelector(".unsilence")).isDisplayed(), "an active silence can be unsilenced");
        browser.waiting(Duration.ofSeconds(15)).until(d -> dialog.findElement(By.cssSelector(".timeline")).getText().contains("silenced by selenium"));

        JsonObject inAlertmanager = amtoolSilence(silenceId);
        assertEquals("failing over the replica", inAlertmanager.getString("comment"));
        assertEquals("selenium", inAlertmanager.getString("createdBy"));
        assertEquals("active", inAlertmanager.getJsonObject("status").getString("state"));
        JsonObject matcher = inAlertmanager.getJsonArray("matchers").getJsonObject(0);
        assertEquals(List.of("alertname", NAME), List.of(matcher.getString("name"), matcher.getString("value")));
        Duration length = Duration.between(Instant.parse(inAlertmanager.getString("startsAt")), Instant.parse(inAlertmanager.getString("endsAt")));
        // Alertmanager moves a start that has passed to its own now, a few milliseconds later
        assertTrue(length.compareTo(Duration.ofMinutes(59)) > 0 && length.compareTo(Duration.ofHours(1)) <= 0, length.toString());
        JsonObject recorded = silencesOf(id).get(0);
        assertEquals(Duration.ofHours(1), Duration.between(Instant.parse(recorded.getString("startsAt")), Instant.parse(recorded.getString("endsAt"))));
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    @Test
    @Order(3)
    void onceReconciledTheRowAndTheAlertShowTheSilencedBadge() {
        Map<String, Object> rowBadge = browser.waiting(PATIENCE).withMessage(() -> "row: " + row().getText())
                .until(d -> badge("#incident-list li[data-id='" + id + "'] .hold[data-hold=silenced]"));
        assertEquals("silenced", rowBadge.get("shown"));
        assertTrue(row().findElement(By.tagName("button")).getAttribute("aria-label").endsWith(", 1 of 1 firing alerts silenced"),
                row().findElement(By.tagName("button")).getAttribute("aria-label"));

        Map<String, Object> alertBadge = browser.waiting(Duration.ofSeconds(30))
                .withMessage(() -> "alerts: " + dialog().findElement(By.cssSelector(".alert-list")).getText())
                .until(d -> badge("#incident-detail .alert-list .hold[data-hold=silenced]"));
        assertEquals("silenced by " + silenceId.substring(0, 8), alertBadge.get("shown"));
        assertEquals("Silenced in Alertmanager by silence " + silenceId, alertBadge.get("said"), "what a screen reader says");
        assertEquals(List.of(), browser.poorContrast("#incident-detail *", "#incident-list .hold"), "text below 4.5:1 contrast");
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    @Test
    @Order(4)
    void unsilencingExpiresItAndTheBadgesGoAway() {
        WebElement dialog = dialog();
        dialog.findElement(By.cssSelector(".unsilence")).click();
        Map<String, Object> expired = browser.waiting(Duration.ofSeconds(30))
                .until(d -> silenceShown("[data-silence-id='" + silenceId + "'][data-state=expired]"));
        assertTrue(((String) expired.get("text")).contains("by selenium"), expired.toString());
        browser.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#incident-detail .unsilence")));
        assertEquals("expired", amtoolSilence(silenceId).getJsonObject("status").getString("state"));

        browser.waiting(PATIENCE).withMessage(() -> "row: " + row().getText())
                .until(d -> row().findElements(By.cssSelector(".hold")).isEmpty());
        browser.waiting(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("#incident-detail .alert-list .hold")).isEmpty()
                && !d.findElements(By.cssSelector("#incident-detail .alert-list > li")).isEmpty());
        assertFalse(row().findElement(By.tagName("button")).getAttribute("aria-label").contains("silenced"));
        assertEquals(List.of(), browser.consoleProblems());
        assertEquals(List.of(), browser.failedRequests());
    }

    @Test
    @Order(5)
    void alertmanagerDownIsShownInTheDetailAndNothingIsRecorded() {
        int before = silencesOf(id).size();
        alertmanager.stop();
        WebElement dialog = dialog();
        dialog.findElement(By.cssSelector("section.silences input[name=duration][value='4h']")).click();
        dialog.findElement(By.cssSelector("section.silences button[type=submit]")).click();
        WebElement error = dialog.findElement(By.cssSelector(".error"));
        browser.waiting(Duration.ofSeconds(30)).until(d -> error.isDisplayed());
        assertTrue(error.getText().contains("did not answer"), error.getText());
        assertEquals(before, silencesOf(id).size());

        String silence = "/api/incidents/" + id + "/silence";
        Predicate<Browser.Problem> expected503 = p -> p.text().contains(silence) && p.text().contains("503");
        assertEquals(List.of(), browser.consoleProblems().stream().filter(expected503.negate()).toList());
        assertEquals(List.of(), browser.failedRequests().stream()
                .filter(p -> !(p.kind().equals("HTTP 503") && p.text().endsWith(silence))).toList());
        assertEquals(1, browser.failedRequests().size(), "the one refused silence: " + browser.failedRequests());
    }

    private static WebElement dialog() {
        return browser.waiting(Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-detail")));
    }

    private static WebElement row() {
        return browser.waiting(PATIENCE).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#incident-list li[data-id='" + id + "']")));
    }

    /**
     * The first badge matching the selector: its visible words and the sentence a screen reader says instead,
     * read at once (the page may redraw it at any moment); null when there is none.
     */
    private static Map<String, Object> badge(String selector) {
        return browser.js("""
                const badge = document.querySelector(arguments[0]);
                return badge && badge.checkVisibility() ? {shown: badge.querySelector('[aria-hidden=true]').textContent,
                        said: badge.querySelector('.visually-hidden').textContent} : null;
                """, selector);
    }

    /** The detail's first silence line matching the selector, its id and text read at once; null when there is none. */
    private static Map<String, Object> silenceShown(String selector) {
        return browser.js("""
                const line = document.querySelector('#incident-detail .silence-list li' + arguments[0]);
                return line && line.checkVisibility() ? {id: line.dataset.silenceId, text: line.innerText} : null;
                """, selector);
    }

    private static JsonObject incidents() {
        return Http.json(http.get("/api/incidents?label=alertname:" + NAME));
    }

    private static List<JsonObject> silencesOf(long incident) {
        return Http.json(http.get("/api/incidents/" + incident + "/silences")).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    /** {@code amtool silence query} (active, then expired too): the silence as Alertmanager holds it. */
    private static JsonObject amtoolSilence(String id) {
        StringBuilder seen = new StringBuilder();
        for (boolean expired : new boolean[] {false, true}) {
            String[] arguments = expired
                    ? new String[] {"--alertmanager.url=" + alertmanager.uri(), "silence", "query", "--expired", "-o", "json"}
                    : new String[] {"--alertmanager.url=" + alertmanager.uri(), "silence", "query", "-o", "json"};
            InstalledTool.Result answer = InstalledTool.AMTOOL.run("", arguments);
            assertEquals(0, answer.exitCode(), answer.output());
            seen.append(answer.output()).append('\n');
            JsonArray silences = Json.createReader(new StringReader(answer.output())).readArray();
            for (JsonValue silence : silences) {
                if (id.equals(silence.asJsonObject().getString("id"))) {
                    return silence.asJsonObject();
                }
            }
        }
        throw new AssertionError("amtool does not show silence " + id + ":\n" + seen);
    }
}
