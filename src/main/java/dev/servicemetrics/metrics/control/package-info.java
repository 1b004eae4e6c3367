/** The Prometheus client and the logic of one cycle: queries, history, the store, the exposition writer. */
package dev.servicemetrics.metrics.control;
