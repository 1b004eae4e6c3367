/** The scrape pipeline: Prometheus client, scrape cycle, snapshot, /metrics exposition and history. */
package dev.servicemetrics.metrics;
