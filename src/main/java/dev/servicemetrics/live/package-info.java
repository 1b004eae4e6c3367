/**
 * Live push to dashboards over WebSocket: the seed's flat metrics channel at {@code /}, the channel protocol
 * at {@code /ws} (metrics, and incidents coalesced per 250 ms window), and the registry of connected
 * dashboards that fans every message out without letting one slow client hold up the others.
 */
package dev.servicemetrics.live;
