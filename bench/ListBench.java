import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The list benchmark's client: C threads, each with its own connection (JDK HttpClient, HTTP/1.1), GET the
 * URL in a closed loop; 5 s of warm-up, then D seconds measured: requests/s, latency p50/p99/max of the
 * answered requests, answers slower than 2 s (what wrk counts as timeouts), requests abandoned after 10 s,
 * non-200 answers, server CPU.
 *
 *   java bench/ListBench.java URL CONNECTIONS SECONDS SERVER_PID
 */
public class ListBench {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final long SLOW_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final int WARMUP_SECONDS = 5;
    static final int MAX_PER_THREAD = 200_000;

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        long pid = Long.parseLong(args[3]);

        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(2)).connectTimeout(TIMEOUT).build());
        }
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
        long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        long[][] latencies = new long[connections][];
        AtomicInteger timeouts = new AtomicInteger();
        Map<String, Integer> other = new ConcurrentHashMap<>();
        AtomicInteger bodyBytes = new AtomicInteger();
        long[] cpu = new long[2];
        Thread sampler = new Thread(() -> {
            try {
                Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
                cpu[0] = cpuTicks(pid);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        sampler.start();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            int index = t;
            HttpClient http = clients.get(t % clients.size());
            Thread thread = new Thread(() -> {
                long[] mine = new long[MAX_PER_THREAD];
                int n = 0;
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
                for (int i = 0; i < MAX_PER_THREAD; i++) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo) {
                        break;
                    }
                    boolean measured = t0 >= measureFrom;
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - t0;
                        if (!measured || System.nanoTime() > measureTo) {
                            continue;
                        }
                        if (response.statusCode() == 200) {
                            mine[n++] = took;
                            bodyBytes.set(response.body().length());
                        } else {
                            other.merge("HTTP " + response.statusCode(), 1, Integer::sum);
                        }
                    } catch (HttpTimeoutException e) {
                        if (measured) {
                            timeouts.incrementAndGet();
                        }
                    } catch (Exception e) {
                        if (measured) {
                            other.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                        }
                    }
                }
                latencies[index] = Arrays.copyOf(mine, n);
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(WARMUP_SECONDS + seconds + 30));
        }
        sampler.join();
        cpu[1] = cpuTicks(pid);
        double wall = (Math.min(System.nanoTime(), measureTo + TimeUnit.SECONDS.toNanos(2)) - measureFrom) / 1e9;
        long[] all = Arrays.stream(latencies).filter(a -> a != null).flatMapToLong(Arrays::stream).sorted().toArray();
        long slow = Arrays.stream(all).filter(n -> n > SLOW_NANOS).count() + timeouts.get();
        System.out.printf("%n| run | connections | s | requests/s | p50 ms | p99 ms | max ms | > 2 s (wrk timeouts) | abandoned at 10 s | other errors | server CPU | body bytes |%n");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        System.out.printf("| service GET %s | %d | %d | %.0f | %.1f | %.1f | %.1f | %d | %d | %s | %.0f %% | %d |%n",
                uri.getPath() + "?" + uri.getQuery(), connections, seconds, all.length / (double) seconds,
                percentile(all, 50), percentile(all, 99), all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6,
                slow, timeouts.get(), other.isEmpty() ? "0" : other.toString(), 100.0 * (cpu[1] - cpu[0]) / 100.0 / wall, bodyBytes.get());
        System.exit(0);
    }

    static double percentile(long[] sorted, int p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static long cpuTicks(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    }
}
