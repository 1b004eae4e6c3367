package dev.servicemetrics.deploy;

import com.sun.net.httpserver.HttpServer;
import dev.servicemetrics.testsupport.AlertmanagerProcess;
import dev.servicemetrics.testsupport.InstalledTool;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Alertmanager running alertmanager-local.yml posts firing and resolved alerts to the
 * service's webhook path with the token from the credentials file.
 */
class AlertmanagerLocalConfigIT {

    private record Delivery(String path, String authorization, String body) {
    }

    @Test
    void deliversFiringThenResolvedAlertWithBearerTokenFromFile() throws Exception {
        InstalledTool.ALERTMANAGER.require();
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveries.add(new Delivery(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        String config = Files.readString(ServerConfigIT.ALERTMANAGER.resolve("alertmanager-local.yml"))
                .replace("127.0.0.1:8005", "127.0.0.1:" + webhook.getAddress().getPort());
        try (AlertmanagerProcess alertmanager = AlertmanagerProcess.start(config, Map.of("webhook-token", "s3cret\n"))) {
            assertEquals(200, alertmanager.postAlerts(alert(null)));
            Delivery firing = deliveries.poll(30, TimeUnit.SECONDS);
            assertNotNull(firing, "no webhook call within 30 s:\n" + alertmanager.log());
            assertEquals("/api/alertmanager/webhook", firing.path());
            assertEquals("Bearer s3cret", firing.authorization());
            assertTrue(firing.body().contains("\"version\":\"4\""), firing.body());
            assertTrue(firing.body().contains("\"status\":\"firing\""), firing.body());

            assertEquals(200, alertmanager.postAlerts(alert(Instant.now().minusSeconds(1))));
            Delivery resolved = deliveries.poll(30, TimeUnit.SECONDS);
            assertNotNull(resolved, "no resolved notification within 30 s:\n" + alertmanager.log());
            assertTrue(resolved.body().contains("\"status\":\"resolved\""), resolved.body());
        } finally {
            webhook.stop(0);
        }
    }

    private static String alert(Instant endsAt) {
        String ends = endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"";
        return """
                [{"labels":{"alertname":"DiskUsageHigh","severity":"warning","job":"mock-metrics",\
                "instance":"127.0.0.1:8081"},"annotations":{"summary":"Disk usage above 90%%"}%s}]"""
                .formatted(ends);
    }
}
