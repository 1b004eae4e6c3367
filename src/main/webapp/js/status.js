// The header's state: the connection indicator and the "stale" badge with the data's age.
// The age is measured on the server's clock (each envelope carries the server's time), so a browser
// whose clock is off still shows the right age; it is computed the same way on every tick.

import { setText } from './dom.js';
import * as units from './units.js';

export class StatusBar {

    constructor(connection, stale, updated, announcer) {
        this.connection = connection;
        this.announcer = announcer;   // a live region told only of changes, not of every tick
        this.said = { state: null, stale: false };
        this.staleBadge = stale;
        this.updated = updated;
        this.skewMs = 0;            // server clock - browser clock
        this.offsets = [];          // the last few measurements of it
        this.snapshotAt = null;     // server time of the data shown (ms)
        this.serverStale = false;   // the service said so
        this.staleDetail = '';
        this.intervalMs = null;     // the scrape interval, learned from the history step
        this.retryAt = null;
        setInterval(() => this.tick(), 1000);
    }

    /**
     * Every envelope: keeps the estimate of the server's clock current. A message that arrived late makes
     * the server look behind, never ahead, so the largest of the recent offsets is the best estimate.
     */
    heard(envelopeTimestamp) {
        const server = Date.parse(envelopeTimestamp);
        if (!Number.isFinite(server)) return;
        this.offsets.push(server - Date.now());
        if (this.offsets.length > 20) this.offsets.shift();
        this.skewMs = Math.max(...this.offsets);
    }

    serverNow() {
        return Date.now() + this.skewMs;
    }

    connectionState(state, detail) {
        this.connection.dataset.state = state;
        this.retryAt = state === 'waiting' ? detail.retryAt : null;
        this.connection.title = state === 'waiting' ? `WebSocket /ws: ${detail.reason}` : 'WebSocket /ws';
        this.tick();
    }

    snapshot(data) {
        this.snapshotAt = Date.parse(data.timestamp);
        this.serverStale = Boolean(data.stale);
        this.staleDetail = this.serverStale ? 'the service reports its latest snapshot as stale' : '';
        this.tick();
    }

    /** The metrics channel's "stale" message: the last cycle failed. */
    stale(data) {
        this.serverStale = true;
        this.staleDetail = data.detail ? `${data.reason}: ${data.detail}` : (data.reason ?? 'scrape cycle failed');
        if (data.lastSuccess) this.snapshotAt = Date.parse(data.lastSuccess);
        this.tick();
    }

    /** An error envelope: the page sent something the service did not understand (a bug, not the user's). */
    protocolError(message) {
        this.connection.title = `WebSocket /ws: ${message ?? 'error'}`;
    }

    learnInterval(step) {
        this.intervalMs = step;
    }

    /** No update for three intervals (at least 30 s), connected or not, also means stale data. */
    silent() {
        if (this.snapshotAt === null) return false;
        const limit = Math.max(30000, 3 * (this.intervalMs ?? 10000));
        return this.serverNow() - this.snapshotAt > limit;
    }

    tick() {
        const state = this.connection.dataset.state;
        const text = this.connection.querySelector('.text');
        if (state === 'live') {
            setText(text, 'live');
        } else if (state === 'waiting') {
            const seconds = Math.max(0, Math.ceil((this.retryAt - Date.now()) / 1000));
            setText(text, `disconnected · retry in ${seconds} s`);
        } else {
            setText(text, 'connecting…');
        }
        const stale = this.serverStale || this.silent();
        this.staleBadge.hidden = !stale;
        if (stale) {
            const age = this.snapshotAt === null ? '' : ` · data ${units.age(this.serverNow() - this.snapshotAt)} old`;
            setText(this.staleBadge, `stale${age}`);
            this.staleBadge.title = this.staleDetail || 'no update from the service for a while';
        }
        setText(this.updated, this.snapshotAt === null ? '' : `updated ${units.clock(new Date(this.snapshotAt).toISOString())}`);
        this.announce(state, stale);
    }

    announce(state, stale) {
        const messages = [];
        if (state !== this.said.state && state !== 'connecting') {
            if (state === 'live') messages.push('Connected: live updates.');
            if (state === 'waiting') messages.push('Disconnected from the service; reconnecting.');
            this.said.state = state;
        }
        if (stale !== this.said.stale) {
            messages.push(stale ? 'Metrics are stale.' : 'Metrics are current again.');
            this.said.stale = stale;
        }
        if (messages.length) this.announcer.textContent = messages.join(' ');
    }
}
