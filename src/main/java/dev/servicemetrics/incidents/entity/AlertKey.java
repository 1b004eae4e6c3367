package dev.servicemetrics.incidents.entity;

import java.time.Instant;

/** Alertmanager's identity of one firing of an alert: the same key twice is the same incident. */
public record AlertKey(String fingerprint, Instant startsAt) {
}
