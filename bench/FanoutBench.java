import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fan-out benchmark's client: opens N WebSocket clients (the JDK's), subscribes them to the metrics
 * channel, then measures C cycles: per message the delivery latency from the envelope's server timestamp
 * to receipt, per cycle the clients that missed it, and the server process's CPU and RSS from /proc.
 *
 *   java bench/FanoutBench.java URL CLIENTS CYCLES SERVER_PID LABEL [subscribe]
 */
public class FanoutBench {

    static final Pattern ENVELOPE_TIME = Pattern.compile("\"type\":\"update\",\"timestamp\":\"([^\"]+)\"");
    static final Pattern CYCLE_TIME = Pattern.compile("\"data\":\\{\"timestamp\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        int cycles = Integer.parseInt(args[2]);
        long pid = Long.parseLong(args[3]);
        String label = args[4];
        boolean subscribe = args.length > 5 && args[5].equals("subscribe");

        Recorder recorder = new Recorder(clients);
        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            https.add(HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build());
        }
        List<WebSocket> sockets = new ArrayList<>();
        Semaphore handshakes = new Semaphore(64);
        long connectStart = System.nanoTime();
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            handshakes.acquire();
            int index = i;
            pending.add(https.get(i % https.size()).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, new Listener(index, recorder))
                    .whenComplete((ws, error) -> handshakes.release()));
        }
        int failed = 0;
        for (CompletableFuture<WebSocket> future : pending) {
            try {
                WebSocket ws = future.get(60, TimeUnit.SECONDS);
                sockets.add(ws);
                if (subscribe) {
                    ws.sendText("{\"type\":\"subscribe\",\"channel\":\"metrics\"}", true);
                }
            } catch (Exception e) {
                failed++;
            }
        }
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        System.err.printf("%s: %d connected (%d failed) in %.1f s%n", label, sockets.size(), failed, connectSeconds);

        // a subscriber first gets its snapshot and the whole history: measure the steady state after that
        long backfillStart = System.nanoTime();
        while (subscribe && recorder.histories.get() < sockets.size()
                && System.nanoTime() - backfillStart < TimeUnit.SECONDS.toNanos(180)) {
            Thread.sleep(100);
        }
        double backfillSeconds = (System.nanoTime() - backfillStart) / 1e9;
        System.err.printf("%s: %d of %d histories received %.1f s after the last connection%n",
                label, recorder.histories.get(), sockets.size(), backfillSeconds);
        Thread.sleep(1_000);
        recorder.arm();
        long cpuStart = cpuTicks(pid);
        long wallStart = System.nanoTime();
        long maxRss = 0;
        while (recorder.cyclesSeen() < cycles + 1 && System.nanoTime() - wallStart < TimeUnit.SECONDS.toNanos(60L * cycles)) {
            Thread.sleep(250);
            maxRss = Math.max(maxRss, rssKb(pid));
        }
        Thread.sleep(2_000); // stragglers of the last cycle
        maxRss = Math.max(maxRss, rssKb(pid));
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (cpuTicks(pid) - cpuStart) / 100.0;
        recorder.disarm();

        Recorder.Result result = recorder.result(cycles);
        String row = String.format("| %s | %d | %d | %.0f | %.0f | %.0f | %d | %d | %.0f %% | %d | %.0f | %.1f | %s |",
                label, clients, sockets.size(), result.p50(), result.p99(), result.max(), result.missed(),
                recorder.closed.get(), 100 * cpu / wall, maxRss / 1024, result.throughput(), connectSeconds,
                subscribe ? String.format("%.1f", backfillSeconds) : "-");
        System.out.println(row);
        if (!recorder.closeCodes.isEmpty()) {
            System.err.println(label + ": closes " + recorder.closeCodes);
        }
        if (System.getenv("BENCH_OUT") != null) {
            Files.writeString(Path.of(System.getenv("BENCH_OUT")), row + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        sockets.parallelStream().forEach(WebSocket::abort);
        System.exit(0);
    }

    /** Latencies and which client saw which cycle, for the cycles that began after arming. */
    static final class Recorder {
        private final int clients;
        private volatile boolean armed;
        private final Map<String, BitSet> seenBy = new ConcurrentHashMap<>();
        private final Map<String, long[]> firstAndLast = new ConcurrentHashMap<>();
        private final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        private final long[] latencies = new long[4_000_000];
        private final AtomicInteger count = new AtomicInteger();
        final AtomicInteger histories = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final Map<String, Integer> closeCodes = new ConcurrentHashMap<>();

        Recorder(int clients) {
            this.clients = clients;
        }

        void arm() {
            armed = true;
        }

        void disarm() {
            armed = false;
        }

        int cyclesSeen() {
            return order.size();
        }

        void received(int client, String text, long receivedMillis) {
            if (!armed) {
                return;
            }
            Matcher envelope = ENVELOPE_TIME.matcher(text);
            Matcher cycle = CYCLE_TIME.matcher(text);
            if (!envelope.find() || !cycle.find()) {
                return;
            }
            long sent = Instant.parse(envelope.group(1)).toEpochMilli();
            String id = cycle.group(1);
            BitSet seen = seenBy.computeIfAbsent(id, key -> {
                order.add(key);
                return new BitSet(clients);
            });
            synchronized (seen) {
                seen.set(client);
            }
            long[] span = firstAndLast.computeIfAbsent(id, key -> new long[] {sent, receivedMillis});
            synchronized (span) {
                span[1] = Math.max(span[1], receivedMillis);
            }
            int slot = count.getAndIncrement();
            if (slot < latencies.length) {
                latencies[slot] = receivedMillis - sent;
            }
        }

        record Result(double p50, double p99, double max, long missed, double throughput) {
        }

        /** Skips the first (possibly partial) cycle; counts misses in the next {@code cycles}. */
        Result result(int cycles) {
            List<String> measured = new ArrayList<>(order);
            if (!measured.isEmpty()) {
                measured.remove(0);
            }
            measured = measured.subList(0, Math.min(cycles, measured.size()));
            long missed = 0;
            List<Double> throughputs = new ArrayList<>();
            for (String id : measured) {
                missed += clients - seenBy.get(id).cardinality();
                long[] span = firstAndLast.get(id);
                throughputs.add(seenBy.get(id).cardinality() / Math.max(0.001, (span[1] - span[0]) / 1000.0));
            }
            missed += (long) (cycles - measured.size()) * clients;
            long[] all = Arrays.copyOf(latencies, Math.min(count.get(), latencies.length));
            Arrays.sort(all);
            throughputs.sort(Double::compare);
            return new Result(percentile(all, 50), percentile(all, 99), all.length == 0 ? Double.NaN : all[all.length - 1],
                    missed, throughputs.isEmpty() ? 0 : throughputs.get(throughputs.size() / 2));
        }

        private static double percentile(long[] sorted, int p) {
            return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
        }
    }

    static final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            recorder.closed.incrementAndGet();
            recorder.closeCodes.merge(statusCode + " " + reason, 1, Integer::sum);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            recorder.closed.incrementAndGet();
            recorder.closeCodes.merge("error " + error, 1, Integer::sum);
        }

        private final int index;
        private final Recorder recorder;
        private final StringBuilder partial = new StringBuilder();

        Listener(int index, Recorder recorder) {
            this.index = index;
            this.recorder = recorder;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.currentTimeMillis();
                if (partial.indexOf("\"type\":\"history\"") > 0 && partial.indexOf("\"type\":\"history\"") < 40) {
                    recorder.histories.incrementAndGet();
                } else {
                    recorder.received(index, partial.toString(), now);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    static long cpuTicks(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }
}
