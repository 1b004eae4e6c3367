/** The values that travel: the query list entries, the snapshot and its series, the cycle's failures. */
package dev.servicemetrics.metrics.entity;
