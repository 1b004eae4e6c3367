/** /health in the seed's shape and the Kubernetes probes, evaluated from every feature's health-check beans. */
package dev.servicemetrics.health;
