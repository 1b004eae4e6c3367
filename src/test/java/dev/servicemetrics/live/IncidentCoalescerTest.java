package dev.servicemetrics.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IncidentCoalescerTest {

    static final Duration WINDOW = Duration.ofMillis(250);
    static final Instant NOW = Instant.parse("2026-02-09T10:31:02.120Z");

    /** The scheduler, under the test's control: a flush runs only when the test says the window ended. */
    final Queue<Runnable> timer = new ArrayDeque<>();
    final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());
    final List<String> published = Collections.synchronizedList(new ArrayList<>());

    IncidentCoalescer coalescer(int maxEntries) {
        return new IncidentCoalescer(WINDOW, maxEntries, (flush, delay) -> {
            synchronized (timer) {
                timer.add(flush);
            }
            delays.add(delay);
        }, Clock.fixed(NOW, ZoneOffset.UTC), published::add);
    }

    /** Ends the current window: runs the flush scheduled for it. */
    void windowEnds() {
        Runnable flush;
        synchronized (timer) {
            flush = timer.poll();
        }
        assertTrue(flush != null, "a flush was scheduled");
        flush.run();
    }

    int scheduled() {
        synchronized (timer) {
            return timer.size();
        }
    }

    static JsonObject incident(long id, long version, String status) {
        return Json.createObjectBuilder().add("id", id).add("title", "incident " + id).add("status", status)
                .add("version", version).build();
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static List<JsonObject> entries(String message) {
        return json(message).getJsonObject("data").getJsonArray("changes").stream().map(JsonValue::asJsonObject).toList();
    }

    static long id(JsonObject entry) {
        return entry.getJsonObject("incident").getJsonNumber("id").longValue();
    }

    static long version(JsonObject entry) {
        return entry.getJsonObject("incident").getJsonNumber("version").longValue();
    }

    @Test
    void aThousandChangesOfTwentyIncidentsFromSeveralThreadsBecomeOneMessageWithEachLatestVersion() throws Exception {
        IncidentCoalescer coalescer = coalescer(500);
        List<IncidentChange> changes = new ArrayList<>();
        for (int version = 0; version < 50; version++) {
            for (long id = 1; id <= 20; id++) {
                changes.add(version == 0 ? IncidentChange.created(incident(id, 0, "open"))
                        : IncidentChange.updated(incident(id, version, version == 49 ? "acknowledged" : "open")));
            }
        }
        Collections.shuffle(changes, new java.util.Random(10));   // async events arrive in any order

        int threads = 4;
        ExecutorService firing = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                List<IncidentChange> share = changes.subList(t * 250, (t + 1) * 250);
                done.add(firing.submit(() -> {
                    start.await();
                    share.forEach(coalescer::add);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            firing.shutdownNow();
        }

        assertEquals(List.of(), published, "nothing is published on the threads that fire the changes");
        assertEquals(1, scheduled(), "one flush for the window");
        assertEquals(List.of(WINDOW), delays);
        windowEnds();

        assertEquals(1, published.size());
        JsonObject message = json(published.get(0));
        assertEquals("incidents", message.getString("channel"));
        assertEquals("changes", message.getString("type"));
        assertEquals("2026-02-09T10:31:02.120Z", message.getString("timestamp"));
        List<JsonObject> entries = entries(published.get(0));
        assertEquals(20, entries.size());
        assertEquals(20, entries.stream().map(IncidentCoalescerTest::id).distinct().count());
        for (JsonObject entry : entries) {
            assertEquals(49, version(entry), "the highest version of incident " + id(entry));
            assertEquals("acknowledged", entry.getJsonObject("incident").getString("status"));
            assertEquals("created", entry.getString("change"), "it was created within the window");
        }
        assertEquals(0, scheduled(), "nothing more to flush");
    }

    @Test
    void createdAndUpdatedInOneWindowIsOneCreatedEntryWithTheLatestState() {
        IncidentCoalescer coalescer = coalescer(500);
        coalescer.add(IncidentChange.created(incident(7, 0, "open")));
        coalescer.add(IncidentChange.updated(incident(7, 1, "acknowledged")));
        windowEnds();

        List<JsonObject> entries = entries(published.get(0));
        assertEquals(1, entries.size());
        assertEquals("created", entries.get(0).getString("change"));
        assertEquals("acknowledged", entries.get(0).getJsonObject("incident").getString("status"));
    }

    @Test
    void anOlderVersionArrivingLateNeverReplacesANewerOne() {
        IncidentCoalescer coalescer = coalescer(500);
        coalescer.add(IncidentChange.updated(incident(1, 3, "resolved")));
        coalescer.add(IncidentChange.updated(incident(1, 2, "acknowledged")));
        coalescer.add(IncidentChange.updated(incident(2, 2, "acknowledged")));
        coalescer.add(IncidentChange.created(incident(2, 0, "open")));     // the creation's event came last
        windowEnds();

        List<JsonObject> entries = entries(published.get(0));
        assertEquals(List.of(1L, 2L), entries.stream().map(IncidentCoalescerTest::id).toList());
        assertEquals("updated", entries.get(0).getString("change"));
        assertEquals(3, version(entries.get(0)));
        assertEquals("resolved", entries.get(0).getJsonObject("incident").getString("status"));
        assertEquals("created", entries.get(1).getString("change"));
        assertEquals(2, version(entries.get(1)));
    }

    @Test
    void entriesKeepTheOrderInWhichIncidentsFirstChanged() {
        IncidentCoalescer coalescer = coalescer(500);
        for (long id : new long[] {5, 3, 9}) {
            coalescer.add(IncidentChange.updated(incident(id, 1, "open")));
        }
        coalescer.add(IncidentChange.updated(incident(5, 2, "acknowledged")));
        windowEnds();

        assertEquals(List.of(5L, 3L, 9L), entries(published.get(0)).stream().map(IncidentCoalescerTest::id).toList());
    }

    @Test
    void nothingChangedPublishesNothingAndSchedulesNothing() {
        IncidentCoalescer coalescer = coalescer(500);
        assertEquals(0, scheduled(), "no window without a change");
        coalescer.flush();
        assertEquals(List.of(), published);

        coalescer.add(IncidentChange.created(incident(1, 0, "open")));
        windowEnds();
        assertEquals(1, published.size());
        assertEquals(0, scheduled(), "a quiet window after a flush schedules no other");
    }

    @Test
    void aWindowPublishesAtMostTheCapAndTheRestFollowInOrderInTheNextWindows() {
        IncidentCoalescer coalescer = coalescer(3);
        for (long id = 1; id <= 7; id++) {
            coalescer.add(IncidentChange.created(incident(id, 0, "open")));
        }
        windowEnds();
        assertEquals(1, published.size(), "one message per window");
        assertEquals(List.of(1L, 2L, 3L), entries(published.get(0)).stream().map(IncidentCoalescerTest::id).toList());
        assertEquals(4, coalescer.pending());

        coalescer.add(IncidentChange.updated(incident(5, 1, "acknowledged")));   // still waiting: coalesces
        coalescer.add(IncidentChange.updated(incident(1, 1, "acknowledged")));   // already sent: waits its turn
        assertEquals(1, scheduled(), "the rest are scheduled once");
        windowEnds();
        List<JsonObject> second = entries(published.get(1));
        assertEquals(List.of(4L, 5L, 6L), second.stream().map(IncidentCoalescerTest::id).toList());
        assertEquals("created", second.get(1).getString("change"));
        assertEquals(1, version(second.get(1)));

        windowEnds();
        List<JsonObject> third = entries(published.get(2));
        assertEquals(List.of(7L, 1L), third.stream().map(IncidentCoalescerTest::id).toList());
        assertEquals("updated", third.get(1).getString("change"));
        assertEquals(0, scheduled());
        assertEquals(List.of(WINDOW, WINDOW, WINDOW), delays);
    }

    @Test
    void aChangeArrivingWhileAFlushPublishesGoesToTheNextWindow() {
        List<String> seen = new ArrayList<>();
        IncidentCoalescer[] holder = new IncidentCoalescer[1];
        holder[0] = new IncidentCoalescer(WINDOW, 500, (flush, delay) -> timer.add(flush), Clock.fixed(NOW, ZoneOffset.UTC),
                message -> {
                    seen.add(message);
                    if (seen.size() == 1) {
                        holder[0].add(IncidentChange.updated(incident(1, 1, "acknowledged")));
                        assertEquals(0, scheduled(), "no second flush while one runs");
                    }
                });
        holder[0].add(IncidentChange.created(incident(1, 0, "open")));
        windowEnds();
        assertEquals(1, seen.size());
        assertEquals(1, scheduled(), "the change made meanwhile gets its own window");
        windowEnds();
        assertEquals(2, seen.size());
        assertEquals("updated", entries(seen.get(1)).get(0).getString("change"));
        assertEquals(1, version(entries(seen.get(1)).get(0)));
    }

    @Test
    void everyIncidentOfAStormReachesADashboardAndEndsAtItsLatestVersion() throws Exception {
        IncidentCoalescer coalescer = coalescer(100);
        ExecutorService firing = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < 3; t++) {
                long first = t * 500L;
                done.add(firing.submit(() -> {
                    start.await();
                    for (long id = first; id < first + 500; id++) {
                        coalescer.add(IncidentChange.created(incident(id, 0, "open")));
                        coalescer.add(IncidentChange.updated(incident(id, 1, "acknowledged")));
                    }
                    return null;
                }));
            }
            start.countDown();
            // windows end while the storm goes on
            while (!done.stream().allMatch(Future::isDone)) {
                if (scheduled() > 0) {
                    windowEnds();
                } else {
                    Thread.yield();
                }
            }
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            firing.shutdownNow();
        }
        while (scheduled() > 0) {
            windowEnds();
        }

        Map<Long, Long> latest = new HashMap<>();
        for (String message : published) {
            List<JsonObject> entries = entries(message);
            assertTrue(entries.size() <= 100, "capped: " + entries.size());
            for (JsonObject entry : entries) {
                latest.merge(id(entry), version(entry), Math::max);
            }
        }
        assertEquals(1500, latest.size());
        assertTrue(latest.values().stream().allMatch(version -> version == 1), "every incident ends acknowledged");
        assertEquals(0, coalescer.pending());
    }
}
