/**
 * Incidents: Alertmanager alerts (webhook and reconciliation with its API) and manual reports become
 * incidents with a timeline in the database, served and changed through the REST API.
 */
package dev.servicemetrics.incidents;
