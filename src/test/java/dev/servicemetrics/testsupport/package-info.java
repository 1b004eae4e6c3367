/**
 * Test helpers shared by every feature's tests: real Prometheus and Alertmanager processes, free ports, tool checks,
 * and {@link dev.servicemetrics.testsupport.StackExtension}, which starts them with the service as one stack per class.
 */
package dev.servicemetrics.testsupport;
