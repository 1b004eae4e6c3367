/** The service's configuration: read once through MicroProfile Config, validated at start, injected where used. */
package dev.servicemetrics.config;
