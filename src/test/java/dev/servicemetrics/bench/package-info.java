/**
 * Smoke runs of the benchmark scripts in bench/: each script with small parameters, so that the scripts and the
 * baselines they measure against keep working. Their figures are not results (BENCHMARKS.md has those); what
 * they assert is what holds at any load: every script ends, writes its tables, and what a table says must be
 * true is true.
 */
package dev.servicemetrics.bench;
