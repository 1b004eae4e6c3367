// The alerts of the incident open in the detail view: a page at a time from GET /api/incidents/{id}/alerts
// (in the order they joined), "More alerts" following nextCursor, each with its status, severity and what
// Alertmanager holds it back by (a silence, an inhibiting alert). When the incident's alert count changes
// the alerts shown are fetched again, one request at a time however many changes arrive meanwhile.
// Alert data is only ever set as text.

import { alertCountText, distinctLabels, sameAlertCount, webLink } from './alerts.js';
import { getJson } from './api.js';
import { holdBadge, shown } from './dom.js';
import { alertHolds } from './silences.js';
import * as units from './units.js';

const PAGE = 100;
const MAX_LIMIT = 500;

function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
}

export class IncidentAlerts {

    /** @param onError told of a page that could not be loaded, with the service's words */
    constructor(section, onError) {
        this.section = section;
        this.onError = onError;
        this.list = section.querySelector('.alert-list');
        this.summary = section.querySelector('.alert-summary');
        this.more = section.querySelector('.more-alerts');
        this.incident = null;
        this.cursor = null;
        this.generation = 0;
        this.busy = false;
        this.again = false;      // a change arrived while a page was loading: fetch once more afterwards
        this.more.addEventListener('click', () => this.load(PAGE, false));
    }

    clear() {
        this.generation++;
        this.incident = null;
        this.cursor = null;
        this.busy = false;
        this.again = false;
        this.list.replaceChildren();
        this.summary.textContent = '';
        this.more.hidden = true;
        this.section.hidden = true;
    }

    /** The incident shown in the detail, first or changed: its first page, or the pages shown again if its count moved. */
    follow(incident) {
        if (this.incident?.id !== incident.id) {
            this.clear();
            this.incident = incident;
            this.showSummary();
            this.load(PAGE, true);
            return;
        }
        const changed = !sameAlertCount(this.incident.alertCount, incident.alertCount);
        this.incident = incident;
        this.showSummary();
        if (!changed) return;
        if (this.busy) {
            this.again = true;
        } else {
            this.load(Math.min(MAX_LIMIT, Math.max(PAGE, this.list.children.length)), true);
        }
    }

    showSummary() {
        const count = this.incident.alertCount;
        this.section.hidden = !count?.total;
        this.summary.textContent = alertCountText(count);
    }

    /** One page: the first (replacing what is shown) or the next after the cursor. */
    async load(limit, replace) {
        const incident = this.incident;
        if (!incident || !incident.alertCount?.total || (!replace && !this.cursor)) return;
        const generation = this.generation;
        this.busy = true;
        this.more.disabled = true;
        try {
            const page = await getJson(`api/incidents/${incident.id}/alerts`, { limit, cursor: replace ? null : this.cursor });
            if (generation !== this.generation) return;
            const items = page.items.map(alert => this.item(alert));
            if (replace) this.list.replaceChildren(...items); else this.list.append(...items);
            this.cursor = page.nextCursor;
            this.more.hidden = !this.cursor;
            this.more.textContent = `More alerts (${units.count(this.list.children.length)} of ${units.count(this.incident.alertCount?.total)} shown)`;
        } catch (error) {
            if (generation === this.generation) this.onError(`The alerts could not be loaded. ${error.message}`);
        } finally {
            if (generation === this.generation) {
                this.busy = false;
                this.more.disabled = false;
                if (this.again) {
                    this.again = false;
                    this.load(Math.min(MAX_LIMIT, Math.max(PAGE, this.list.children.length)), true);
                }
            }
        }
    }

    item(alert) {
        const li = element('li', 'alert');
        li.dataset.status = alert.status;
        li.dataset.fingerprint = alert.fingerprint;
        const head = element('p', 'alert-head');
        head.append(element('span', `status al-${alert.status === 'firing' ? 'firing' : 'resolved'}`, alert.status), ' ',
            element('span', `severity sev-${alert.severity}`, alert.severity), ' ');
        const since = element('time', 'muted', alert.endsAt
            ? `${units.clock(alert.startsAt)} – ${units.clock(alert.endsAt)}`
            : `since ${units.clock(alert.startsAt)}`);
        since.dateTime = alert.startsAt;
        head.append(since);
        // what Alertmanager holds back: "silenced by 3f2a9c1e", "inhibited by <fingerprint>"
        for (const hold of alertHolds(alert)) head.append(' ', holdBadge(hold));
        const link = webLink(alert.generatorUrl);
        if (link) {
            const a = element('a', null, 'Prometheus');
            a.href = link;
            a.rel = 'noopener noreferrer';
            a.target = '_blank';
            head.append(' ', a);
        }
        li.append(head);
        const labels = distinctLabels(alert.labels, this.incident?.labels);
        if (labels.length) {
            const box = element('ul', 'kv');
            for (const [key, value] of labels) {
                const label = element('li');
                label.append(element('span', 'k', shown(key)), element('span', 'v', shown(value)));
                box.append(label);
            }
            li.append(box);
        }
        return li;
    }
}
