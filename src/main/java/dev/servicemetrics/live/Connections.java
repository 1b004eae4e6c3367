package dev.servicemetrics.live;

import dev.servicemetrics.config.ServiceConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The open WebSocket connections counted in total and by client address, against LIVE_MAX_CONNECTIONS and
 * LIVE_MAX_CONNECTIONS_PER_ADDRESS (0: no limit). Only addresses with an open connection are remembered, so
 * the map is never larger than the connections themselves.
 */
@ApplicationScoped
public class Connections {

    @Inject
    ServiceConfiguration configuration;

    private final Map<String, Integer> byAddress = new HashMap<>();
    private int total;

    /** Why one more connection from {@code address} would be refused; empty when it fits. */
    synchronized Optional<String> refusal(String address) {
        int max = configuration.liveMaxConnections();
        if (max > 0 && total >= max) {
            return Optional.of("the service holds its most WebSocket connections (" + max + ", LIVE_MAX_CONNECTIONS)");
        }
        int perAddress = configuration.liveMaxConnectionsPerAddress();
        if (address != null && perAddress > 0 && byAddress.getOrDefault(address, 0) >= perAddress) {
            return Optional.of("address " + address + " holds its most WebSocket connections (" + perAddress
                    + ", LIVE_MAX_CONNECTIONS_PER_ADDRESS)");
        }
        return Optional.empty();
    }

    /** Counts a connection that opened, unless it is one too many: then it is not counted and says why. */
    synchronized Optional<String> open(String address) {
        Optional<String> refusal = refusal(address);
        if (refusal.isEmpty()) {
            total++;
            if (address != null) {
                byAddress.merge(address, 1, Integer::sum);
            }
        }
        return refusal;
    }

    synchronized void closed(String address) {
        total = Math.max(0, total - 1);
        if (address != null) {
            byAddress.computeIfPresent(address, (key, open) -> open > 1 ? open - 1 : null);
        }
    }

    synchronized int open() {
        return total;
    }
}
