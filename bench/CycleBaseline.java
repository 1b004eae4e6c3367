import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scrape cycle benchmark's client (bench/cycle.sh). Watches the running service's cycles and, between
 * two of them (half an interval after each measured cycle started), sends the same calls directly to the same
 * Prometheus: the instant queries of the query list (a histogram as its _bucket, _sum and _count), and — in
 * the cycles where the service sent them — the range queries over HISTORY_WINDOW and the metadata call;
 * same endpoints, same POST form parameters (query, timeout; start, end, step), on a pool of as many threads
 * as the service's cycle has calls in flight (ScrapeSchedule.CONCURRENT_CALLS). The baseline cycle's time
 * is from the first submission to the last body read (no JSON parsing: that is part of the service's work).
 *
 * Per service cycle: its duration from the service's own gauge scrape_cycle_last_duration_seconds (read
 * right after the snapshot appeared; the snapshot's cycleDurationMs is read too, as a cross-check), and
 * the number of calls it sent, from its counter prometheus_queries_total — which tells the baseline which
 * calls to mirror. Prometheus' own prometheus_http_requests_total over the measured window cross-checks
 * both counts.
 *
 *   java bench/CycleBaseline.java SERVICE_URL PROMETHEUS_URL SERVICE_PID INTERVAL_S HISTORY_WINDOW QUERIES_FILE
 *        WARMUP CYCLES OUT_MD RAW_FILE
 */
public class CycleBaseline {

    static final int CONCURRENT_CALLS = 4; // ScrapeSchedule.CONCURRENT_CALLS
    static final int MAX_POINTS = 500; // HistoryBook.MAX_POINTS
    static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");
    static final Pattern CYCLE_MS = Pattern.compile("\"cycleDurationMs\":(\\d+)");
    static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})?"); // MetricQuery.SELECTOR

    record Entry(List<String> instants, String range) {
    }

    record Call(String kind, String path, String form) {
    }

    record Row(int cycle, Instant serviceStart, double serviceMs, long snapshotMs, long serviceCalls,
               double baselineMs, int baselineCalls, String composition) {
    }

    static HttpClient http;

    public static void main(String[] args) throws Exception {
        String service = args[0];
        String prometheus = args[1];
        long pid = Long.parseLong(args[2]);
        int interval = Integer.parseInt(args[3]);
        Duration window = duration(args[4]);
        Path queriesFile = Path.of(args[5]);
        int warmup = Math.max(1, Integer.parseInt(args[6]));
        int cycles = Integer.parseInt(args[7]);
        Path out = Path.of(args[8]);
        Path raw = Path.of(args[9]);

        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        long timeoutMs = Math.max(500, Math.min(5_000, interval * 1000L / 2)); // PrometheusConnection.readTimeout
        String timeout = timeoutMs + "ms";
        long step = Math.max(1, Math.max(interval, (window.toSeconds() + MAX_POINTS - 1) / MAX_POINTS)); // HistoryBook.stepFor

        List<Entry> entries = new ArrayList<>();
        List<String> instants = new ArrayList<>();
        List<String> ranges = new ArrayList<>();
        for (String line : Files.readAllLines(queriesFile)) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+", 4);
            String promql = f[3].strip();
            int firstInstant = instants.size();
            if (f[1].equalsIgnoreCase("histogram")) {
                Matcher m = SELECTOR.matcher(promql);
                if (!m.matches()) {
                    throw new IllegalArgumentException("histogram " + f[0] + " is not a selector");
                }
                String matchers = m.group(2) == null ? "" : m.group(2);
                for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
                    instants.add(m.group(1) + suffix + matchers);
                }
            } else {
                instants.add(promql);
            }
            if (f[2].equalsIgnoreCase("yes")) {
                ranges.add(promql);
            }
            entries.add(new Entry(List.copyOf(instants.subList(firstInstant, instants.size())), f[2].equalsIgnoreCase("yes") ? promql : null));
        }
        int i = instants.size();
        int r = ranges.size();
        System.out.printf("query list: %d instant queries, %d range queries (step %ds, window %ds), timeout %s%n",
                i, r, step, window.toSeconds(), timeout);

        // The first snapshot: the service has started and Prometheus answered it.
        String[] snap = null;
        for (int t = 0; t < 600 && snap == null; t++) {
            snap = snapshot(service);
            if (snap == null) {
                Thread.sleep(500);
            }
        }
        if (snap == null) {
            throw new IllegalStateException("the service produced no snapshot");
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_CALLS);
        List<Row> rows = new ArrayList<>();
        Instant last = Instant.parse(snap[0]);
        long queries = serviceQueries(service);
        int missed = 0;
        int seen = 0; // snapshots seen after the first
        long[] promBefore = null;
        long cpuServiceBefore = 0;
        long cpuClientBefore = 0;
        String loadBefore = null;
        long wallBefore = 0;
        while (rows.size() < cycles) {
            if (seen == warmup - 1 || (promBefore == null && seen >= warmup - 1)) {
                promBefore = prometheusRequests(prometheus);
                cpuServiceBefore = cpuTicks(pid);
                cpuClientBefore = clientCpuNanos();
                loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
                wallBefore = System.nanoTime();
            }
            // Wait for the next cycle's snapshot: first poll a quarter interval after its tick.
            sleepUntil(last.plusMillis(interval * 1250L));
            String[] next;
            Instant deadline = Instant.now().plusSeconds(3L * interval);
            while (true) {
                next = snapshot(service);
                if (next != null && !Instant.parse(next[0]).equals(last)) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("no new snapshot within " + 3 * interval + " s after " + last);
                }
                Thread.sleep(50);
            }
            String[] metrics = ownMetrics(service);
            long queriesNow = (long) Double.parseDouble(metric(metrics[0], "prometheus_queries_total"));
            double serviceMs = Double.parseDouble(metric(metrics[0], "scrape_cycle_last_duration_seconds")) * 1000;
            Instant started = Instant.parse(next[0]);
            long calls = queriesNow - queries;
            int spanned = (int) Math.round(Duration.between(last, started).toMillis() / (interval * 1000.0));
            last = started;
            queries = queriesNow;
            seen++;
            if (spanned != 1) {
                missed++;
                System.out.printf("cycle at %s came %d intervals after the previous one (a skipped tick or a missed snapshot); not measured%n", started, spanned);
                if (seen >= warmup) {
                    promBefore = null; // the window restarts after the gap
                    seen = warmup - 1;
                }
                continue;
            }
            // warm-up cycles are sent too, unmeasured, so that both JVMs' compilers have seen the same calls
            boolean measured = seen >= warmup;
            // The calls this cycle sent: the instant queries, plus the range queries and/or the metadata.
            long extra = calls - i;
            boolean withRanges = extra >= r && r > 0;
            boolean withMetadata = extra - (withRanges ? r : 0) == 1;
            if (extra < 0 || extra - (withRanges ? r : 0) > 1) {
                System.out.printf("cycle at %s sent %d calls, not a composition of %d instant, %d range, 1 metadata%n", started, calls, i, r);
            }
            sleepUntil(started.plusMillis(interval * 500L));
            Instant now = Instant.now();
            long end = now.getEpochSecond() / step * step;
            long begin = end - window.toSeconds();
            // in the order ScrapeCycle.plan submits them: the metadata, then per entry its instant part(s) and its range
            List<Call> plan = new ArrayList<>();
            if (withMetadata) {
                plan.add(new Call("metadata", "/api/v1/metadata", null));
            }
            for (Entry entry : entries) {
                for (String promql : entry.instants()) {
                    plan.add(new Call("instant", "/api/v1/query", form("query", promql, "timeout", timeout)));
                }
                if (withRanges && entry.range() != null) {
                    plan.add(new Call("range", "/api/v1/query_range", form("query", entry.range(), "start", seconds(begin),
                            "end", seconds(end), "step", step + "s", "timeout", timeout)));
                }
            }
            double baselineMs = cycle(pool, prometheus, plan);
            if (!measured) {
                continue;
            }
            String composition = i + " instant" + (withRanges ? " + " + r + " range" : "") + (withMetadata ? " + metadata" : "");
            rows.add(new Row(rows.size() + 1, started, serviceMs, Long.parseLong(next[1]), calls, baselineMs, plan.size(), composition));
            System.out.printf("cycle %2d  service %7.2f ms (snapshot %s ms, %d calls)  baseline %7.2f ms (%d calls)  %s%n",
                    rows.size(), serviceMs, next[1], calls, baselineMs, plan.size(), composition);
        }
        long wall = System.nanoTime() - wallBefore;
        long[] promAfter = prometheusRequests(prometheus);
        long cpuService = cpuTicks(pid) - cpuServiceBefore;
        long cpuClient = clientCpuNanos() - cpuClientBefore;
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        pool.shutdownNow();

        int n = rows.size();
        double[] s = rows.stream().mapToDouble(Row::serviceMs).sorted().toArray();
        double[] b = rows.stream().mapToDouble(Row::baselineMs).sorted().toArray();
        double[] sm = rows.stream().mapToDouble(Row::snapshotMs).sorted().toArray();
        long serviceCalls = rows.stream().mapToLong(Row::serviceCalls).sum();
        long baselineCalls = rows.stream().mapToLong(Row::baselineCalls).sum();
        long promQueries = (promAfter[0] + promAfter[1]) - (promBefore[0] + promBefore[1]);
        long promMetadata = promAfter[2] - promBefore[2];
        double ticks = 100.0; // USER_HZ
        String summary = String.format(Locale.ROOT,
                "| %s | %d s | %d (+%d warm-up) | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | **%.2f×** | **%.2f×** | %.0f / %.0f | %.1f / %.1f / %d | %.0f ms (%.0f %%) | %.0f ms | %s → %s |",
                Instant.now().toString().substring(0, 16).replace('T', ' '), interval, n, warmup,
                percentile(s, 50), percentile(s, 99), mean(s),
                percentile(b, 50), percentile(b, 99), mean(b),
                mean(s) / mean(b), percentile(s, 50) / percentile(b, 50),
                percentile(sm, 50), mean(sm),
                serviceCalls / (double) n, baselineCalls / (double) n, promQueries + promMetadata,
                cpuService / ticks * 1000 / n, cpuService / ticks * 1e11 / wall,
                cpuClient / 1e6 / n, load(loadBefore), load(loadAfter));
        System.out.println(summary);
        System.out.printf("Prometheus counted %d query + query_range and %d metadata calls in the window; service %d + baseline %d = %d%s%n",
                promQueries, promMetadata, serviceCalls, baselineCalls, serviceCalls + baselineCalls,
                promQueries + promMetadata == serviceCalls + baselineCalls ? " (match)" : " (MISMATCH)");
        if (missed > 0) {
            System.out.println(missed + " cycles not measured (gaps)");
        }
        if (!Files.exists(out)) {
            Files.writeString(out, "| run (UTC) | interval | cycles | service cycle p50 / p99 / mean ms | baseline cycle p50 / p99 / mean ms"
                    + " | ratio of means | ratio of p50s | snapshot cycleDurationMs p50 / mean | calls per cycle: service / baseline / Prometheus counted (both, window)"
                    + " | service CPU per cycle (share of one core) | client CPU per cycle | load average before → after |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        }
        Files.writeString(out, summary + "\n", StandardOpenOption.APPEND);
        StringBuilder text = new StringBuilder("cycle\tservice_start\tservice_ms\tsnapshot_ms\tservice_calls\tbaseline_ms\tbaseline_calls\tcomposition\n");
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "%d\t%s\t%.3f\t%d\t%d\t%.3f\t%d\t%s%n", row.cycle(), row.serviceStart(), row.serviceMs(),
                    row.snapshotMs(), row.serviceCalls(), row.baselineMs(), row.baselineCalls(), row.composition()));
        }
        text.append(String.format(Locale.ROOT, "# prometheus: query+query_range %d, metadata %d; service calls %d; baseline calls %d%n",
                promQueries, promMetadata, serviceCalls, baselineCalls));
        text.append("# service cpu ticks ").append(cpuService).append(", client cpu ns ").append(cpuClient)
                .append(", wall ns ").append(wall).append(", loadavg before ").append(loadBefore).append(" after ").append(loadAfter).append('\n');
        text.append(summary).append('\n');
        Files.writeString(raw, text.toString());
    }

    /** Submits every call to the pool, waits for all; the milliseconds from the first submission to the last body. */
    static double cycle(ExecutorService pool, String prometheus, List<Call> calls) throws Exception {
        long started = System.nanoTime();
        List<Future<Integer>> futures = new ArrayList<>();
        for (Call call : calls) {
            futures.add(pool.submit(() -> {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(prometheus + call.path())).timeout(Duration.ofSeconds(5));
                if (call.form() == null) {
                    request.GET();
                } else {
                    request.header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(call.form()));
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 || !response.body().contains("\"status\":\"success\"")) {
                    throw new IllegalStateException(call + ": HTTP " + response.statusCode() + " " + response.body());
                }
                return response.body().length();
            }));
        }
        for (Future<Integer> future : futures) {
            future.get();
        }
        return (System.nanoTime() - started) / 1e6;
    }

    /** [timestamp, cycleDurationMs] of the latest snapshot, or null before the first. */
    static String[] snapshot(String service) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service + "/api/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            Matcher ts = TIMESTAMP.matcher(response.body());
            Matcher ms = CYCLE_MS.matcher(response.body());
            return ts.find() && ms.find() ? new String[] {ts.group(1), ms.group(1)} : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    static String[] ownMetrics(String service) throws Exception {
        for (String path : new String[] {"/mpmetrics/application", "/mpmetrics?scope=application", "/mpmetrics"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("prometheus_queries_total")) {
                return new String[] {response.body()};
            }
        }
        throw new IllegalStateException("no prometheus_queries_total at " + service + "/mpmetrics");
    }

    static long serviceQueries(String service) throws Exception {
        return (long) Double.parseDouble(metric(ownMetrics(service)[0], "prometheus_queries_total"));
    }

    static String metric(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in the service's own metrics");
        }
        return m.group(2);
    }

    /** Prometheus' own request counters: [/api/v1/query, /api/v1/query_range, /api/v1/metadata], all codes. */
    static long[] prometheusRequests(String prometheus) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create(prometheus + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long[] counts = new long[3];
        String[] handlers = {"/api/v1/query", "/api/v1/query_range", "/api/v1/metadata"};
        for (String line : text.split("\n")) {
            if (!line.startsWith("prometheus_http_requests_total{")) {
                continue;
            }
            for (int h = 0; h < handlers.length; h++) {
                if (line.contains("handler=\"" + handlers[h] + "\"")) {
                    counts[h] += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return counts;
    }

    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    }

    static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static String form(String... pairs) {
        StringBuilder form = new StringBuilder();
        for (int p = 0; p < pairs.length; p += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(pairs[p], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[p + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    /** As PrometheusQueries.seconds: epoch seconds with three decimals. */
    static String seconds(long epochSeconds) {
        return BigDecimal.valueOf(epochSeconds * 1000).movePointLeft(3).toPlainString();
    }

    static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)").matcher(text);
        Duration total = Duration.ZERO;
        int consumed = 0;
        while (m.find()) {
            long v = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(v);
                case "s" -> Duration.ofSeconds(v);
                case "m" -> Duration.ofMinutes(v);
                case "h" -> Duration.ofHours(v);
                case "d" -> Duration.ofDays(v);
                case "w" -> Duration.ofDays(7 * v);
                default -> Duration.ofDays(365 * v);
            });
            consumed += m.group().length();
        }
        if (consumed != text.length() || total.isZero()) {
            throw new IllegalArgumentException("not a Prometheus duration: " + text);
        }
        return total;
    }

    static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    static String load(String loadavg) {
        return String.join(" ", Arrays.copyOf(loadavg.split(" "), 3));
    }
}
