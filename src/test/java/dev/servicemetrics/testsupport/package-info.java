/** Test helpers shared by every feature's tests: real Prometheus and Alertmanager processes, free ports, tool checks. */
package dev.servicemetrics.testsupport;
