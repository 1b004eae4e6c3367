/**
 * The scrape pipeline: every SCRAPE_INTERVAL the cycle asks Prometheus for the configured queries, builds one
 * immutable {@link dev.servicemetrics.metrics.entity.Snapshot} and announces it with a CDI event; /metrics,
 * /api/metrics and the history read the latest one.
 */
package dev.servicemetrics.metrics;
