/** What the outside touches: the incidents REST resource, the Alertmanager webhook, the reconciliation timer, readiness. */
package dev.servicemetrics.incidents.boundary;
