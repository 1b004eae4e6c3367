// Wires the page to the service: one /ws connection subscribed to metrics and incidents, the incidents
// REST API for lists, details and actions.

import { IncidentDetail } from './incident-detail.js';
import { IncidentList } from './incident-list.js';
import { LiveConnection, channelUrl } from './live.js';
import { MetricsView } from './metrics-view.js';
import { StatusBar } from './status.js';
import { durationMs } from './units.js';

const $ = id => document.getElementById(id);

const status = new StatusBar($('connection'), $('stale'), $('updated'), $('announce'));
const metrics = new MetricsView(document.querySelector('.metrics'));
const incidents = new IncidentList({
    list: $('incident-list'),
    more: $('incident-more'),
    empty: $('incident-empty'),
    error: $('incident-error'),
    counts: $('incident-counts'),
    filters: $('incident-filters'),
}, id => detail.open(id));
const detail = new IncidentDetail($('incident-detail'), incident => incidents.live('updated', incident));

function onMetrics(type, data) {
    switch (type) {
        case 'snapshot':
        case 'update':
            status.snapshot(data);
            metrics.snapshot(data);
            break;
        case 'history':
            status.learnInterval(durationMs(data.step));
            metrics.history(data);
            break;
        case 'stale':
            status.stale(data);
            break;
        default:
            break;
    }
}

function onIncidents(type, data) {
    if (type === 'changes') {
        // a window's changes, coalesced per incident by the service: each as a created/updated message
        for (const { change, incident } of data.changes ?? []) {
            incidents.live(change, incident);
            detail.live(incident);
        }
    } else if (type === 'created' || type === 'updated') {
        incidents.live(type, data);
        detail.live(data);
    } else if (type === 'subscribed') {
        // changes made while this page was disconnected reached no one: catch up once
        incidents.reload();
    }
}

const live = new LiveConnection(channelUrl(window.location), ['metrics', 'incidents'], {
    message(envelope) {
        status.heard(envelope.timestamp);
        if (envelope.channel === 'metrics') onMetrics(envelope.type, envelope.data ?? {});
        else if (envelope.channel === 'incidents') onIncidents(envelope.type, envelope.data ?? {});
        else if (envelope.type === 'error') status.protocolError(envelope.data?.message);
    },
    state(name, detail) {
        status.connectionState(name, detail);
    },
});

incidents.reload();
live.start();
