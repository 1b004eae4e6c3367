package dev.servicemetrics.incidents.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One of Alertmanager's notification groups: a receiver and the values of the route's {@code group_by}
 * labels. The webhook's {@code receiver} + {@code groupLabels} and the API's
 * {@code /api/v2/alerts/groups} ({@code receiver.name} + {@code labels}) name the same group.
 */
public record AlertGroup(String receiver, Map<String, String> labels) {

    public AlertGroup {
        receiver = receiver == null ? "" : receiver;
        labels = new TreeMap<>(labels);
    }

    /** A fixed-length identity for the unique key: SHA-256 of the receiver and the sorted labels. */
    public String key() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((receiver + "\n" + LabelsJson.write(labels)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JVM has SHA-256", impossible);
        }
    }

    /** alertname=HighLatency, job=api — for titles and log lines. */
    public String describe() {
        return labels.entrySet().stream().map(label -> label.getKey() + "=" + label.getValue())
                .collect(Collectors.joining(", "));
    }
}
