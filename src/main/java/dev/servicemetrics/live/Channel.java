package dev.servicemetrics.live;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The channels of the /ws protocol a client can subscribe to. */
public enum Channel {
    METRICS, INCIDENTS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Channel> of(String wire) {
        return Arrays.stream(values()).filter(channel -> channel.wire().equals(wire)).findFirst();
    }

    static String names() {
        return String.join(", ", Arrays.stream(values()).map(Channel::wire).toList());
    }
}
