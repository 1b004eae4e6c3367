// Wires the page to the service: one /ws connection subscribed to metrics and incidents, the incidents
// REST API for lists, details and actions, and the page's address, which holds the open incident, the
// list's filters and the chart range (view-state.js) so that a copied link opens the same view.

import { IncidentDetail } from './incident-detail.js';
import { IncidentList } from './incident-list.js';
import { LiveConnection, channelUrl } from './live.js';
import { MetricsView } from './metrics-view.js';
import { CriticalNotifier } from './notifications.js';
import { StatusBar } from './status.js';
import { durationMs } from './units.js';
import * as viewState from './view-state.js';

const $ = id => document.getElementById(id);

const status = new StatusBar($('connection'), $('stale'), $('updated'), $('announce'));
const metrics = new MetricsView(document.querySelector('.metrics'), () => writeAddress('push'));
const incidents = new IncidentList({
    list: $('incident-list'),
    more: $('incident-more'),
    empty: $('incident-empty'),
    error: $('incident-error'),
    counts: $('incident-counts'),
    filters: $('incident-filters'),
}, id => openIncident(id));
const detail = new IncidentDetail($('incident-detail'), incident => incidents.live('updated', incident));
const notifier = new CriticalNotifier($('notify'), id => openIncident(id));

/** The address of what the page shows now; a new history entry ('push') or the current one changed ('replace'). */
function writeAddress(how) {
    // the dialog's "close" event comes a task later than close(): its open flag is what counts
    const incident = $('incident-detail').open ? detail.id : null;
    const search = viewState.format({ incident, filters: incidents.filter(), range: metrics.chosenRange() });
    if (search === window.location.search) return;
    const url = `${window.location.pathname}${search}`;
    if (how === 'push') window.history.pushState(null, '', url); else window.history.replaceState(null, '', url);
}

function openIncident(id) {
    detail.open(id);
    writeAddress('push');
}

/** Shows what the address asks for (on load, and on back/forward); values the page does not offer are ignored. */
function showAddress(initial) {
    const view = viewState.parse(window.location.search);
    const filtersChanged = incidents.setFilter(view.filters);
    metrics.setRange(view.range);
    if (view.incident === null) {
        if ($('incident-detail').open) $('incident-detail').close();
    } else if (detail.id !== view.incident) {
        detail.open(view.incident, true);
    }
    if (filtersChanged && !initial) incidents.reload();
    writeAddress('replace');
}

$('incident-filters').addEventListener('change', () => writeAddress('push'));
// an incident that never showed (say, an address naming one that does not exist) leaves no history entry
$('incident-detail').addEventListener('close', () => writeAddress(detail.incident ? 'push' : 'replace'));
window.addEventListener('popstate', () => showAddress(false));

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
            writeAddress('replace');
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
        notifier.changes(data.changes);
    } else if (type === 'created' || type === 'updated') {
        incidents.live(type, data);
        detail.live(data);
        notifier.changes([{ change: type, incident: data }]);
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

showAddress(true);
incidents.reload();
live.start();
