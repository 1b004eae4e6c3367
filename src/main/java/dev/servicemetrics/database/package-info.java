/** The datasource (embedded H2 or PostgreSQL, from DATABASE_URL), its versioned migrations and its readiness. */
package dev.servicemetrics.database;
