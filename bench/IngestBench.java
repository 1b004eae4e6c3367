import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ingest benchmark's client. Sends N distinct alerts as Alertmanager (payload version 4) webhooks of
 * 100 alerts, each webhook its own group, from S concurrent senders; then sends every webhook again and
 * checks with SQL that nothing was created; then, as the baseline, writes the same rows (one incident, the
 * 100 incident_alert rows and their distinct incident_alert_label pairs per webhook, one transaction each,
 * JDBC batches, S threads) into a copy of the schema on the same PostgreSQL. Both are warmed up first with the
 * same rows (BENCH_WARMUP small webhooks, 5,000 unless set), so that the JIT has compiled what a running
 * service runs for every request, as it has in a service that has been up for a while.
 *
 *   java -cp postgresql.jar bench/IngestBench.java SERVICE_URL TOKEN SERVICE_JDBC BASELINE_JDBC ALERTS SENDERS SERVER_PID
 */
public class IngestBench {

    static final int PER_WEBHOOK = 100;
    /** Webhooks of PER_WEBHOOK alerts sent (twice) before the measurement, unless BENCH_WARMUP_LARGE says otherwise. */
    static final int DEFAULT_WARMUP_LARGE = 20;
    /** Small webhooks sent (twice) before the measurement, so that per-request code is compiled as in a running service. */
    static final int DEFAULT_WARMUP_SMALL = 5000;
    static final int SMALL_WEBHOOK = 2;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    static final long PHASE_LIMIT_SECONDS = 900;
    static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");
    static final String[] JOBS = {"node", "api", "db", "cache", "queue"};
    static final String[] SEVERITIES = {"critical", "warning", "warning", "info"};
    static final Pattern OPENED = Pattern.compile("\"opened\":(\\d+)");
    static final Pattern DUPLICATE = Pattern.compile("\"duplicate\":(\\d+)");

    record AlertData(String fingerprint, Instant startsAt, Map<String, String> labels, Map<String, String> annotations,
                     String generatorUrl, String severity) {
    }

    record Webhook(int index, Map<String, String> groupLabels, List<AlertData> alerts, String json) {
    }

    public static void main(String[] args) throws Exception {
        URI webhookUri = URI.create(args[0] + "/api/alertmanager/webhook");
        String token = args[1];
        String serviceJdbc = args[2];
        String baselineJdbc = args[3];
        int alerts = Integer.parseInt(args[4]);
        int senders = Integer.parseInt(args[5]);
        long pid = Long.parseLong(args[6]);
        int webhooks = alerts / PER_WEBHOOK;

        // the JIT compiles a method fully after thousands of calls: without the small webhooks, a method called once
        // a request would still run as first compiled during the whole measurement
        int warmupLarge = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_LARGE", String.valueOf(DEFAULT_WARMUP_LARGE)));
        int warmupSmall = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", String.valueOf(DEFAULT_WARMUP_SMALL)));
        List<Webhook> warmup = new ArrayList<>();
        for (int w = 0; w < warmupLarge; w++) {
            warmup.add(webhook("warmup", w, PER_WEBHOOK));
        }
        for (int w = 0; w < warmupSmall; w++) {
            warmup.add(webhook("warmsmall", w, SMALL_WEBHOOK));
        }
        List<Webhook> storm = new ArrayList<>();
        long bytes = 0;
        for (int w = 0; w < webhooks; w++) {
            Webhook hook = webhook("storm", w, PER_WEBHOOK);
            storm.add(hook);
            bytes += hook.json().length();
        }
        System.err.printf("%d webhooks of %d alerts, %.1f KB each on average%n", webhooks, PER_WEBHOOK, bytes / 1024.0 / webhooks);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).connectTimeout(Duration.ofSeconds(10)).build();
        Phase warm = send(http, webhookUri, token, warmup, senders, pid);
        Phase warmAgain = send(http, webhookUri, token, warmup, senders, pid);
        System.err.println("warm-up: " + warm.describe() + "; again: " + warmAgain.describe());

        settle(serviceJdbc);
        Map<String, Long> before = counts(serviceJdbc);
        Phase first = send(http, webhookUri, token, storm, senders, pid);
        Map<String, Long> afterFirst = counts(serviceJdbc);
        Phase again = send(http, webhookUri, token, storm, senders, pid);
        Map<String, Long> afterAgain = counts(serviceJdbc);
        System.err.println("first delivery: " + first.describe());
        System.err.println("re-delivery: " + again.describe());
        System.err.println("rows before " + before + ", after the first delivery " + afterFirst + ", after re-delivery " + afterAgain);

        Baseline baselineWarm = baseline(baselineJdbc, warmup, senders);
        System.err.println("baseline warm-up: " + baselineWarm);
        settle(baselineJdbc);
        Map<String, Long> baselineBefore = counts(baselineJdbc);
        Baseline baseline = baseline(baselineJdbc, storm, senders);
        Map<String, Long> baselineRows = diff(counts(baselineJdbc), baselineBefore);
        System.err.println("baseline: " + baseline + " rows " + baselineRows);

        double firstRate = first.ok() * PER_WEBHOOK / first.seconds();
        double againRate = again.ok() * PER_WEBHOOK / again.seconds();
        double baselineRate = (double) webhooks * PER_WEBHOOK / baseline.seconds();
        long baselineAllRows = baseline.rows();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n| run | alerts | senders | s | alerts/s | webhook p50 ms | p99 ms | max ms | non-2xx | server CPU | opened | duplicate |%n"));
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        out.append(first.row("service, first delivery", webhooks * PER_WEBHOOK, senders, firstRate)).append('\n');
        out.append(again.row("service, re-delivery", webhooks * PER_WEBHOOK, senders, againRate)).append('\n');
        out.append(String.format("| baseline, JDBC batches | %d | %d | %.1f | %.0f | %.0f | %.0f | %.0f | - | - | - | - |%n",
                webhooks * PER_WEBHOOK, senders, baseline.seconds(), baselineRate, baseline.p50(), baseline.p99(), baseline.max()));
        out.append(String.format("%n- warm-up before both measurements: %d webhooks of %d alerts and %d of %d alerts (each sent twice to the"
                + " service; written once by the baseline into its own database); then VACUUM (ANALYZE) and CHECKPOINT of the phase's"
                + " database, autovacuum idle%n", warmupLarge, PER_WEBHOOK, warmupSmall, SMALL_WEBHOOK));
        out.append(String.format("- baseline rows: %d in %.1f s = %.0f rows/s (incident %d, incident_alert %d, incident_alert_label %d)%n",
                baselineAllRows, baseline.seconds(), baselineAllRows / baseline.seconds(), baselineRows.get("incident"),
                baselineRows.get("incident_alert"), baselineRows.get("incident_alert_label")));
        out.append(String.format("- **service / baseline = %.2f** (first delivery, alerts/s); re-delivery / baseline = %.2f%n",
                firstRate / baselineRate, againRate / baselineRate));
        out.append("- service rows before: " + before + "\n");
        out.append("- after the first delivery: " + afterFirst + " (+" + diff(afterFirst, before) + ")\n");
        out.append("- after re-delivery: " + afterAgain + " (+" + diff(afterAgain, afterFirst) + ")"
                + (afterAgain.equals(afterFirst) ? " — **nothing created**" : " — **ROWS CHANGED**") + "\n");
        System.out.print(out);
        System.exit(0);
    }

    static Webhook webhook(String prefix, int w, int size) {
        String alertname = switch (prefix) {
            case "warmup" -> "BenchWarmup";
            case "warmsmall" -> "BenchWarmupSmall";
            default -> "BenchStorm";
        } + w;
        String job = JOBS[w % JOBS.length];
        Map<String, String> groupLabels = new LinkedHashMap<>();
        groupLabels.put("alertname", alertname);
        List<AlertData> alerts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String instance = "host-" + w + "-" + i + ".dc" + (i % 3) + ".example.net:9100";
            String severity = SEVERITIES[(w + i) % SEVERITIES.length];
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("alertname", alertname);
            labels.put("instance", instance);
            labels.put("job", job);
            labels.put("severity", severity);
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", job + " on " + instance + " is not healthy");
            annotations.put("description", "The " + job + " target " + instance + " has failed its health check for more"
                    + " than five minutes; requests routed to it are failing and the load balancer is retrying them on the"
                    + " remaining instances. Runbook: https://runbooks.example.net/" + alertname);
            String fingerprint = String.format("%016x", (prefix.hashCode() * 1_000_003L + w) * 1_000_033L + i);
            alerts.add(new AlertData(fingerprint, BASE.plusSeconds(w * 10L + i % 10), labels, annotations,
                    "http://prometheus.example.net/graph?g0.expr=up%7Bjob%3D%22" + job + "%22%7D+%3D%3D+0&g0.tab=1", severity));
        }
        Map<String, String> commonLabels = new LinkedHashMap<>();
        commonLabels.put("alertname", alertname);
        commonLabels.put("job", job);
        StringBuilder json = new StringBuilder(64 * 1024);
        json.append("{\"version\":\"4\",\"groupKey\":").append(quote("{}:{alertname=\"" + alertname + "\"}"))
                .append(",\"truncatedAlerts\":0,\"status\":\"firing\",\"receiver\":\"bench\",\"groupLabels\":").append(object(groupLabels))
                .append(",\"commonLabels\":").append(object(commonLabels))
                .append(",\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager.example.net:9093\",\"alerts\":[");
        for (int i = 0; i < alerts.size(); i++) {
            AlertData a = alerts.get(i);
            json.append(i == 0 ? "" : ",").append("{\"status\":\"firing\",\"labels\":").append(object(a.labels()))
                    .append(",\"annotations\":").append(object(a.annotations()))
                    .append(",\"startsAt\":\"").append(a.startsAt()).append("\",\"endsAt\":\"0001-01-01T00:00:00Z\"")
                    .append(",\"generatorURL\":").append(quote(a.generatorUrl()))
                    .append(",\"fingerprint\":\"").append(a.fingerprint()).append("\"}");
        }
        json.append("]}");
        return new Webhook(w, groupLabels, alerts, json.toString());
    }

    static String object(Map<String, String> map) {
        StringBuilder out = new StringBuilder("{");
        map.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(quote(k)).append(':').append(quote(v)));
        return out.append('}').toString();
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** One pass over the webhooks by S senders; each sender takes the next webhook until none is left. */
    record Phase(double seconds, int ok, Map<String, Integer> failures, long[] millis, long opened, long duplicate,
                 double cpuPercent) {
        String describe() {
            return String.format("%d ok in %.1f s, failures %s, opened %d, duplicate %d, server CPU %.0f %%",
                    ok, seconds, failures, opened, duplicate, cpuPercent);
        }

        String row(String label, int alerts, int senders, double rate) {
            int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
            return String.format("| %s | %d | %d | %.1f | %.0f | %d | %d | %d | %d | %.0f %% | %d | %d |", label, alerts, senders,
                    seconds, rate, percentile(millis, 50), percentile(millis, 99), millis[millis.length - 1], failed,
                    cpuPercent, opened, duplicate);
        }
    }

    static Phase send(HttpClient http, URI uri, String token, List<Webhook> hooks, int senders, long pid) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicLong opened = new AtomicLong();
        AtomicLong duplicate = new AtomicLong();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        long[] millis = new long[hooks.size()];
        Arrays.fill(millis, Long.MAX_VALUE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PHASE_LIMIT_SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long cpuStart = cpuTicks(pid);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            running.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < hooks.size() && System.nanoTime() < deadline) {
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(hooks.get(i).json())).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        millis[i] = (System.nanoTime() - t0) / 1_000_000;
                        if (response.statusCode() / 100 == 2) {
                            ok.incrementAndGet();
                            opened.addAndGet(number(OPENED, response.body()));
                            duplicate.addAndGet(number(DUPLICATE, response.body()));
                        } else {
                            failures.merge("HTTP " + response.statusCode(), 1, Integer::sum);
                            if (failures.size() < 3) {
                                System.err.println("HTTP " + response.statusCode() + ": " + response.body());
                            }
                        }
                    } catch (Exception e) {
                        millis[i] = (System.nanoTime() - t0) / 1_000_000;
                        failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuTicks(pid) - cpuStart) / 100.0;
        pool.shutdown();
        long[] measured = Arrays.stream(millis).filter(m -> m != Long.MAX_VALUE).sorted().toArray();
        return new Phase(seconds, ok.get(), failures, measured, opened.get(), duplicate.get(), 100 * cpu / seconds);
    }

    static long number(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /**
     * The same starting line for each measured phase: the database vacuumed and analysed after its warm-up (as one in
     * use is), a checkpoint taken, and no autovacuum worker left running, so that neither phase pays for the other's writes.
     */
    static void settle(String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "unused"); Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE)");
            s.execute("CHECKPOINT");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(200);
            }
            System.err.println("autovacuum still running after 120 s; measuring anyway");
        }
    }

    static Map<String, Long> counts(String jdbc) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "unused"); Statement s = c.createStatement()) {
            for (String table : List.of("incident", "incident_alert", "incident_alert_label", "incident_group", "incident_event")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    static Map<String, Long> diff(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0L)));
        return d;
    }

    record Baseline(double seconds, long rows, double p50, double p99, double max) {
    }

    /**
     * The same rows the service writes for a new group's alerts, with the service's own INSERT statements
     * for incident_alert and incident_alert_label, in one transaction per webhook on S connections.
     */
    static Baseline baseline(String jdbc, List<Webhook> hooks, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong rows = new AtomicLong();
        long[] millis = new long[hooks.size()];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PHASE_LIMIT_SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Connection> connections = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Connection c = DriverManager.getConnection(jdbc, "postgres", "unused");
            c.setAutoCommit(false);
            connections.add(c);
        }
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (Connection c : connections) {
            running.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < hooks.size() && System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    rows.addAndGet(writeBaseline(c, hooks.get(i)));
                    millis[i] = (System.nanoTime() - t0) / 1_000_000;
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        for (Connection c : connections) {
            c.close();
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Baseline(seconds, rows.get(), percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    static long writeBaseline(Connection c, Webhook hook) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        long rows = 0;
        long incidentId;
        Instant firstStart = hook.alerts().stream().map(AlertData::startsAt).min(Instant::compareTo).orElseThrow();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO incident (id, title, severity, status, source, starts_at,"
                + " created_at, updated_at, version, receiver, group_labels, alerts_firing, alerts_total)"
                + " VALUES (nextval('incident_seq'), ?, ?, 'OPEN', 'ALERTMANAGER', ?, ?, ?, 1, 'bench', ?, ?, ?) RETURNING id")) {
            insert.setString(1, hook.groupLabels().get("alertname") + " (" + hook.alerts().size() + " alerts)");
            insert.setString(2, "CRITICAL");
            insert.setTimestamp(3, Timestamp.from(firstStart));
            insert.setTimestamp(4, now);
            insert.setTimestamp(5, now);
            insert.setString(6, object(hook.groupLabels()));
            insert.setInt(7, hook.alerts().size());
            insert.setInt(8, hook.alerts().size());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                incidentId = rs.getLong(1);
            }
            rows++;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO incident_alert (id, incident_id, fingerprint,"
                + " starts_at, ends_at, status, severity, labels, annotations, generator_url, first_seen_at, last_seen_at)"
                + " VALUES (nextval('incident_alert_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AlertData a : hook.alerts()) {
                insert.setLong(1, incidentId);
                insert.setString(2, a.fingerprint());
                insert.setTimestamp(3, Timestamp.from(a.startsAt()));
                insert.setTimestamp(4, null);
                insert.setString(5, "FIRING");
                insert.setString(6, a.severity().toUpperCase());
                insert.setString(7, object(a.labels()));
                insert.setString(8, object(a.annotations()));
                insert.setString(9, a.generatorUrl());
                insert.setTimestamp(10, now);
                insert.setTimestamp(11, now);
                insert.addBatch();
            }
            rows += insert.executeBatch().length;
        }
        Set<Map.Entry<String, String>> pairs = new LinkedHashSet<>();
        hook.alerts().forEach(a -> a.labels().forEach((k, v) -> pairs.add(Map.entry(k, v))));
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO incident_alert_label (incident_id, label_name,"
                + " label_value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Map.Entry<String, String> pair : pairs) {
                insert.setLong(1, incidentId);
                insert.setString(2, pair.getKey());
                insert.setString(3, pair.getValue());
                insert.addBatch();
            }
            rows += insert.executeBatch().length;
        }
        c.commit();
        return rows;
    }

    static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static long cpuTicks(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    }
}
