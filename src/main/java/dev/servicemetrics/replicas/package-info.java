/**
 * What several replicas on one PostgreSQL agree on: every incident change reaches every replica's dashboards
 * (LISTEN/NOTIFY), and one replica at a time reconciles with Alertmanager (an advisory lock). On the embedded
 * H2 database there is one node and all of this steps aside.
 */
package dev.servicemetrics.replicas;
