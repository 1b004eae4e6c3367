/** Storing, searching and counting incidents; turning alerts into incidents; the Alertmanager client and reconciliation. */
package dev.servicemetrics.incidents.control;
