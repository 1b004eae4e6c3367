/** What the outside touches of the scrape pipeline: the timer, /metrics, /api/metrics, the readiness check. */
package dev.servicemetrics.metrics.boundary;
