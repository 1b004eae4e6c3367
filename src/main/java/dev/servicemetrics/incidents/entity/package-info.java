/** The incident, its timeline and the values that travel: alerts, views, filters, statistics, change events. */
package dev.servicemetrics.incidents.entity;
