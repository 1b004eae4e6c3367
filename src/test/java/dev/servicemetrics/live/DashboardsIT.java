package dev.servicemetrics.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.database.DatabaseSettings;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.InContainer;
import dev.servicemetrics.web.Origins;
import dev.servicemetrics.web.Upgrades;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboards' fan-out in Payara Micro with its real WebSocket container and CDI events, without a scrape
 * schedule: many seed clients, snapshots fired as the schedule fires them (SnapshotTrigger), one cycle apart (two
 * fired at once race, and a dashboard rightly drops the older), every open client gets each, and clients that left
 * are no obstacle to the others.
 */
@ExtendWith(ArquillianExtension.class)
class DashboardsIT {

    private static final int CLIENTS = 300;
    /** Far beyond what one fan-out takes on a loaded machine; only a lost message reaches it. */
    private static final Duration BOUND = Duration.ofMinutes(2);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // no schedule in this deployment asks Prometheus; the port only has to be a valid URL's
        InContainer.serverSettings(Map.of("LIVE_MAX_CONNECTIONS_PER_ADDRESS", "0",
                "PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next()));
        return InContainer.deployment("live", "dev.servicemetrics.live", "dev.servicemetrics.metrics.control",
                        "dev.servicemetrics.metrics.entity", "dev.servicemetrics.config")
                .addClasses(Origins.class, Upgrades.class, DatabaseSettings.class);
    }

    @Test
    void everyOpenClientGetsEverySnapshot() throws Exception {
        URI seed = URI.create(base.toString().replaceFirst("^http", "ws"));
        List<SocketClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(SocketClient.connect(seed, null));
            }
            fire(1_000);
            for (SocketClient client : clients) {
                assertEquals(1_000, nextMemory(client), "every client got the first snapshot");
            }

            List<SocketClient> leaving = clients.subList(0, CLIENTS / 2);
            leaving.forEach(SocketClient::close);
            List<SocketClient> staying = List.copyOf(clients.subList(CLIENTS / 2, CLIENTS));
            fire(2_000);
            for (SocketClient client : staying) {
                assertEquals(2_000, nextMemory(client), "every client still open got the second snapshot");
            }
        } finally {
            clients.parallelStream().forEach(SocketClient::close);
        }
    }

    private void fire(double memory) throws Exception {
        HttpResponse<String> fired = SocketClient.HTTP.send(HttpRequest.newBuilder(URI.create(base + "test/snapshot?memory=" + memory))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, fired.statusCode(), fired.body());
    }

    private static double nextMemory(SocketClient client) throws InterruptedException {
        JsonObject message = client.nextJson(BOUND);
        assertTrue(message.containsKey("memory_usage_bytes"), message.toString());
        return message.getJsonNumber("memory_usage_bytes").doubleValue();
    }
}
