/**
 * The bundled mock exporter: a plain-JDK program serving the seed's five metrics with values that
 * move on a fixed, seeded timeline, so that the demo's alerts fire and resolve within minutes.
 */
package dev.servicemetrics.mock;
