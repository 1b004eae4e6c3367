package dev.servicemetrics.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Patience;
import dev.servicemetrics.testsupport.ServiceProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The service calls only what its operator configured. Out of the box Payara Micro reports its use to
 * www.payara.fish, and its Hazelcast to phonehome.hazelcast.com after probing the cloud metadata endpoints
 * (169.254.169.254, metadata.google.internal) — at every start, from every replica, unasked. Here every HTTP(S)
 * request of the service's JVM goes through a proxy that records its first line; the service's own calls to
 * Prometheus and Alertmanager show that the proxy sees what the JVM sends.
 */
class NoCallsHomeIT {

    static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

    @Test
    void theOnlyRequestsLeavingTheServiceAreToItsPrometheusAndAlertmanager() throws IOException {
        try (RecordingProxy proxy = new RecordingProxy();
             ServiceProcess service = ServiceProcess.builder("no-calls-home-it")
                     .jvmOption("-Dhttp.proxyHost=127.0.0.1").jvmOption("-Dhttp.proxyPort=" + proxy.port())
                     .jvmOption("-Dhttps.proxyHost=127.0.0.1").jvmOption("-Dhttps.proxyPort=" + proxy.port())
                     .env("PROMETHEUS_URL", "http://prometheus.invalid:9090")
                     .env("ALERTMANAGER_URL", "http://alertmanager.invalid:9093")
                     .env("SCRAPE_INTERVAL", String.valueOf(SCRAPE_INTERVAL.toSeconds()))
                     .start()) {
            // the usage reports leave at start; a few scrape cycles later they would have been seen
            assertTrue(Http.eventually(Patience.ofIntervals(SCRAPE_INTERVAL),
                    () -> proxy.requests().stream().filter(line -> line.contains("//prometheus.invalid:9090/api/v1/")).count() >= 10),
                    "the service's own calls to Prometheus go through the proxy: " + proxy.requests());
            List<String> others = proxy.requests().stream()
                    .filter(line -> !line.contains("//prometheus.invalid:9090/") && !line.contains("//alertmanager.invalid:9093/"))
                    .toList();
            assertEquals(List.of(), others, "nothing else leaves the service");
        }
    }

    /** Accepts connections on loopback, keeps each one's first line ("GET http://… HTTP/1.1", "CONNECT host:443 …"), closes it. */
    static final class RecordingProxy implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final Thread accepting = new Thread(this::accept, "recording-proxy");

        RecordingProxy() throws IOException {
            accepting.setDaemon(true);
            accepting.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> requests() {
            return List.copyOf(requests);
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.setSoTimeout(5_000);
                    String first = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
                    if (first != null) {
                        requests.add(first);
                    }
                } catch (IOException closedOrSlow) {
                    if (socket.isClosed()) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
