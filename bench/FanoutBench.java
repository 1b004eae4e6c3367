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
 * channel, then measures C cycles (the first cycle seen after the backfill is skipped, it may be partial):
 * per message of a measured cycle the delivery latency from the envelope's server timestamp to receipt;
 * per cycle the clients that missed it, each miss sorted into: never connected, closed (by the server, or
 * the connection failed), skipped (the client got a later cycle but not this one: a silent loss, since a
 * client gets its messages in order) or never arrived (neither this cycle nor a later one by the end of the
 * wait); the server process's CPU and RSS from /proc and this load generator's own CPU, both over the
 * C + 1 whole intervals from the first cycle seen to the first one after the measured ones. After that it
 * waits for the measured cycles' stragglers until every open client has them all, at most -Dgrace=30 s.
 *
 * -Dhook=COMMAND runs a shell command at the end with every client still open (bench/run.sh's heap measurement).
 *
 *   java [-Dgrace=SECONDS] [-Dhook=COMMAND] bench/FanoutBench.java URL CLIENTS CYCLES SERVER_PID LABEL [subscribe]
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
        BitSet connected = new BitSet(clients);
        for (int i = 0; i < pending.size(); i++) {
            try {
                WebSocket ws = pending.get(i).get(60, TimeUnit.SECONDS);
                sockets.add(ws);
                connected.set(i);
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
        // CPU over whole intervals: from the first cycle seen after arming to the first one after the measured
        // ones (cycles + 1 intervals, each with one burst), the server's and this load generator's own
        long armed = System.nanoTime();
        long maxRss = 0;
        while (recorder.cyclesSeen() < 1 && System.nanoTime() - armed < TimeUnit.SECONDS.toNanos(60)) {
            Thread.sleep(20);
        }
        long cpuStart = cpuTicks(pid);
        long ownCpuStart = cpuTicks(ProcessHandle.current().pid());
        long wallStart = System.nanoTime();
        while (recorder.cyclesSeen() < cycles + 2 && System.nanoTime() - wallStart < TimeUnit.SECONDS.toNanos(60L * cycles)) {
            Thread.sleep(20);
            if ((System.nanoTime() - wallStart) / 1_000_000 % 250 < 20) {
                maxRss = Math.max(maxRss, rssKb(pid));
            }
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (cpuTicks(pid) - cpuStart) / 100.0;
        double ownCpu = (cpuTicks(ProcessHandle.current().pid()) - ownCpuStart) / 100.0;
        // the measured cycles' stragglers: wait until every open client has every measured cycle, or the grace ends
        long graceStart = System.nanoTime();
        long grace = TimeUnit.SECONDS.toNanos(Long.getLong("grace", 30));
        while (recorder.incomplete(cycles) > 0 && System.nanoTime() - graceStart < grace) {
            Thread.sleep(100);
            maxRss = Math.max(maxRss, rssKb(pid));
        }
        recorder.disarm();
        maxRss = Math.max(maxRss, rssKb(pid));

        Recorder.Result result = recorder.result(cycles, connected::get);
        String row = String.format("| %s | %d | %d | %.0f | %.0f | %.0f | %d | %d | %d | %d | %d | %d | %.0f %% | %.0f %% | %d | %.0f | %.1f | %s |",
                label, clients, sockets.size(), result.p50(), result.p99(), result.max(), result.missed(),
                result.notConnected(), result.ofClosed(), result.skipped(), result.never(), recorder.closedClients(),
                100 * cpu / wall, 100 * ownCpu / wall, maxRss / 1024, result.throughput(), connectSeconds,
                subscribe ? String.format("%.1f", backfillSeconds) : "-");
        System.out.println(row);
        System.err.printf("%s: CPU window %.1f s (%d intervals); server %.1f s CPU, load generator %.1f s CPU; "
                + "deliveries of the measured cycles after the old window (the last cycle's first receipt + 2 s): %d%n",
                label, wall, cycles + 1, cpu, ownCpu, result.afterOldWindow());
        System.err.println(label + ": per measured cycle, clients missing it: " + result.perCycle());
        if (!recorder.closeCodes.isEmpty()) {
            System.err.println(label + ": closes " + recorder.closeCodes);
        }
        if (System.getenv("BENCH_OUT") != null) {
            Files.writeString(Path.of(System.getenv("BENCH_OUT")), row + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        String hook = System.getProperty("hook");
        if (hook != null) { // e.g. a heap measurement of the server, with every client still open
            new ProcessBuilder("bash", "-c", hook).inheritIO().start().waitFor();
        }
        sockets.parallelStream().forEach(WebSocket::abort);
        System.exit(0);
    }

    /** Latencies and which client saw which cycle, for the cycles that began after arming. */
    static final class Recorder {
        private final int clients;
        private volatile boolean armed;
        private final Map<String, BitSet> seenBy = new ConcurrentHashMap<>();
        private final Map<String, Integer> ordinals = new ConcurrentHashMap<>();
        private final Map<String, long[]> firstAndLast = new ConcurrentHashMap<>();
        private final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        /** When each cycle was first received by any client (ms), by ordinal. */
        private final List<Long> firstReceipt = java.util.Collections.synchronizedList(new ArrayList<>());
        private final long[] latencies = new long[4_000_000];
        private final int[] latencyCycle = new int[4_000_000];
        private final long[] receivedAt = new long[4_000_000];
        private final AtomicInteger count = new AtomicInteger();
        final AtomicInteger histories = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        /** Clients that got a close or an error (server closed or connection failed), each counted once. */
        private final BitSet closedSet = new BitSet();
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

        synchronized void clientClosed(int client) {
            closedSet.set(client);
        }

        synchronized boolean isClosed(int client) {
            return closedSet.get(client);
        }

        synchronized int closedClients() {
            return closedSet.cardinality();
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
            int ordinal = ordinals.computeIfAbsent(id, key -> {
                synchronized (order) {
                    order.add(key);
                    firstReceipt.add(receivedMillis);
                    return order.size() - 1;
                }
            });
            BitSet seen = seenBy.computeIfAbsent(id, key -> new BitSet(clients));
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
                latencyCycle[slot] = ordinal;
                receivedAt[slot] = receivedMillis;
            }
        }

        private List<String> measured(int cycles) {
            List<String> all = new ArrayList<>(order);
            return all.size() <= 1 ? List.of() : all.subList(1, Math.min(cycles + 1, all.size()));
        }

        private int cardinality(String id) {
            BitSet seen = seenBy.get(id);
            synchronized (seen) {
                return seen.cardinality();
            }
        }

        /** (client, measured cycle) pairs still missing for clients that are open. */
        long incomplete(int cycles) {
            List<String> measured = measured(cycles);
            long missing = (long) (cycles - measured.size()) * clients;
            int open = clients - closedClients();
            for (String id : measured) {
                missing += Math.max(0, open - cardinality(id));
            }
            return missing;
        }

        record Result(double p50, double p99, double max, long missed, long notConnected, long ofClosed, long skipped,
                long never, long afterOldWindow, double throughput, String perCycle) {
        }

        /**
         * Skips the first (possibly partial) cycle; counts misses in the next {@code cycles} and says what each
         * is: a client that never connected, one that was closed, one that got a later cycle but not this one
         * (lost: a client gets its messages in order), or one that got neither this cycle nor any later one
         * before the end of the wait.
         */
        Result result(int cycles, java.util.function.IntPredicate connected) {
            List<String> measured = measured(cycles);
            long missed = 0, notConnected = 0, ofClosed = 0, skipped = 0, never = 0;
            List<String> perCycle = new ArrayList<>();
            List<Double> throughputs = new ArrayList<>();
            int[] lastOrdinal = new int[clients];
            Arrays.fill(lastOrdinal, -1);
            List<String> all = new ArrayList<>(order);
            for (int o = 0; o < all.size(); o++) {
                BitSet seen = seenBy.get(all.get(o));
                synchronized (seen) {
                    for (int c = seen.nextSetBit(0); c >= 0; c = seen.nextSetBit(c + 1)) {
                        lastOrdinal[c] = Math.max(lastOrdinal[c], o);
                    }
                }
            }
            for (int m = 0; m < measured.size(); m++) {
                String id = measured.get(m);
                int ordinal = m + 1;
                BitSet seen = seenBy.get(id);
                int missing = 0;
                synchronized (seen) {
                    for (int c = seen.nextClearBit(0); c < clients; c = seen.nextClearBit(c + 1)) {
                        missing++;
                        if (!connected.test(c)) {
                            notConnected++;
                        } else if (isClosed(c)) {
                            ofClosed++;
                        } else if (lastOrdinal[c] > ordinal) {
                            skipped++;
                        } else {
                            never++;
                        }
                    }
                }
                missed += missing;
                perCycle.add(id + "=" + missing);
                long[] span = firstAndLast.get(id);
                throughputs.add(cardinality(id) / Math.max(0.001, (span[1] - span[0]) / 1000.0));
            }
            long absent = (long) (cycles - measured.size()) * clients;
            missed += absent;
            never += absent;
            int n = Math.min(count.get(), latencies.length);
            long oldCutoff = Long.MAX_VALUE;
            if (measured.size() == cycles && firstReceipt.size() > cycles) {
                oldCutoff = firstReceipt.get(cycles) + 2_000;
            }
            long[] kept = new long[n];
            int k = 0;
            long afterOldWindow = 0;
            for (int i = 0; i < n; i++) {
                if (latencyCycle[i] >= 1 && latencyCycle[i] <= measured.size()) {
                    kept[k++] = latencies[i];
                    if (receivedAt[i] > oldCutoff) {
                        afterOldWindow++;
                    }
                }
            }
            long[] sorted = Arrays.copyOf(kept, k);
            Arrays.sort(sorted);
            throughputs.sort(Double::compare);
            return new Result(percentile(sorted, 50), percentile(sorted, 99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1],
                    missed, notConnected, ofClosed, skipped, never, afterOldWindow,
                    throughputs.isEmpty() ? 0 : throughputs.get(throughputs.size() / 2), String.join(", ", perCycle));
        }

        private static double percentile(long[] sorted, int p) {
            return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
        }
    }

    static final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            recorder.closed.incrementAndGet();
            recorder.clientClosed(index);
            recorder.closeCodes.merge(statusCode + " " + reason, 1, Integer::sum);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            recorder.closed.incrementAndGet();
            recorder.clientClosed(index);
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
