// The incidents panel: one page at a time from GET /api/incidents (keyset cursor, newest first), rows keyed
// by id and changed in place by the incidents channel. Nothing is re-rendered or re-polled on a timer:
// a reload happens on a filter change and after a (re)connection, and even then rows are reused by id.
// The counts are always the service's totals for a filter, asked again (debounced) after a change.

import { alertCountText } from './alerts.js';
import { getJson } from './api.js';
import { holdBadge, setText, shown } from './dom.js';
import { incidentHolds } from './silences.js';
import * as units from './units.js';

const PAGE = 100;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*:.+$/;
const COUNT_DEBOUNCE_MS = 1500;
const RELOAD_DEBOUNCE_MS = 1000;
const RETRY_FIRST_MS = 2000;
const RETRY_MAX_MS = 30000;

/** Newest first, then the higher id: the order of the API's default sort. */
function before(a, b) {
    const at = Date.parse(a.startedAt) - Date.parse(b.startedAt);
    return at !== 0 ? at > 0 : a.id > b.id;
}

export class IncidentList {

    constructor(elements, onOpen) {
        this.el = elements;
        this.onOpen = onOpen;
        this.rows = new Map();        // id -> <li>
        this.incidents = new Map();   // id -> incident shown in that row
        this.cursor = null;
        this.total = null;
        this.generation = 0;
        this.loading = false;
        this.countTimer = null;
        this.reloadTimer = null;
        this.capacity = PAGE;         // rows the loaded pages hold; live inserts beyond it trigger a reload
        this.retryMs = 0;
        elements.filters.addEventListener('change', () => {
            elements.list.parentElement.scrollTop = 0;
            this.reload();
        });
        elements.filters.addEventListener('submit', event => {
            // Enter in a text field: apply it, as leaving the field does
            event.preventDefault();
            elements.filters.dispatchEvent(new Event('change'));
        });
        elements.more.addEventListener('click', () => this.loadMore());
        // the next page loads when "Load more" scrolls into view (the button stays for the keyboard)
        this.observer = new IntersectionObserver(entries => {
            if (entries.some(entry => entry.isIntersecting)) this.loadMore();
        });
        this.observer.observe(elements.more);
    }

    /** The filters as the API takes them: status, severity, sort, q, label (empty ones are left out). */
    filter() {
        const form = new FormData(this.el.filters);
        const value = name => String(form.get(name) ?? '').trim();
        const label = value('label');
        return {
            status: value('status'), severity: value('severity'), sort: value('sort'), q: value('q'),
            label: LABEL.test(label) ? label : '',
        };
    }

    /** Sets the form to these filters (each already checked against what the form offers); true when something changed. */
    setFilter(wanted) {
        const before = JSON.stringify(this.filter());
        for (const [name, value] of Object.entries(wanted)) {
            const field = this.el.filters.elements[name];
            if (field) field.value = value;
        }
        return JSON.stringify(this.filter()) !== before;
    }

    /**
     * Whether a live incident belongs in the list. q and label also match the labels of an incident's alerts,
     * which a live message does not carry: a row already shown stays (the service chose it), a new one is
     * inserted only when its own title, labels or annotations match.
     */
    matches(incident, shown = false) {
        const { status, severity, q, label } = this.filter();
        if ((status && !status.split(',').includes(incident.status)) || (severity && severity !== incident.severity)) return false;
        if (shown) return true;
        const values = [incident.title, ...Object.values(incident.labels ?? {}), ...Object.values(incident.groupLabels ?? {}),
            ...Object.values(incident.annotations ?? {})].map(v => String(v ?? '').toLowerCase());
        if (q && !values.some(v => v.includes(q.toLowerCase()))) return false;
        if (label) {
            const at = label.indexOf(':');
            const [key, wanted] = [label.slice(0, at), label.slice(at + 1)];
            if ((incident.labels ?? {})[key] !== wanted && (incident.groupLabels ?? {})[key] !== wanted) return false;
        }
        return true;
    }

    /** The first page for the current filters; rows already shown are reused. */
    async reload() {
        clearTimeout(this.reloadTimer);
        this.reloadTimer = null;
        const generation = ++this.generation;
        this.loading = true;
        try {
            const page = await getJson('api/incidents', { ...this.filter(), limit: PAGE });
            if (generation !== this.generation) return;
            this.retryMs = 0;
            this.showError(null);
            this.capacity = PAGE;
            this.reconcile(page.items);
            this.cursor = page.nextCursor;
            this.total = page.total;
            this.footer();
        } catch (error) {
            if (generation !== this.generation) return;
            // e.g. the service is still starting after a restart: try again by itself, ever more slowly
            this.retryMs = Math.min(RETRY_MAX_MS, Math.max(RETRY_FIRST_MS, this.retryMs * 2));
            this.showError(`Incidents could not be loaded. ${error.message} Trying again in ${Math.round(this.retryMs / 1000)} s.`);
            this.reloadTimer = setTimeout(() => {
                this.reloadTimer = null;
                this.reload();
            }, this.retryMs);
            return;
        } finally {
            if (generation === this.generation) this.loading = false;
        }
        this.watchMore();
        this.refreshCounts();
    }

    async loadMore() {
        if (this.loading || !this.cursor) return;
        const generation = this.generation;
        this.loading = true;
        try {
            const page = await getJson('api/incidents', { ...this.filter(), limit: PAGE, cursor: this.cursor });
            if (generation !== this.generation) return;
            this.capacity += PAGE;
            for (const incident of page.items) {
                if (!this.rows.has(incident.id)) this.el.list.append(this.row(incident));
                else this.update(incident);
            }
            this.cursor = page.nextCursor;
            this.total = page.total;
            this.footer();
        } catch (error) {
            if (generation === this.generation) this.showError(`More incidents could not be loaded. ${error.message}`);
            return;
        } finally {
            if (generation === this.generation) this.loading = false;
        }
        this.watchMore();
    }

    /** Makes the list show exactly these incidents in this order, reusing each id's row. */
    reconcile(items) {
        const keep = new Set(items.map(incident => incident.id));
        for (const [id, row] of this.rows) {
            if (!keep.has(id)) {
                row.remove();
                this.rows.delete(id);
                this.incidents.delete(id);
            }
        }
        let previous = null;
        for (const incident of items) {
            let row = this.rows.get(incident.id);
            // a live message may have brought a newer version while the page was on its way: that one stays
            if (row) this.update(incident); else row = this.row(incident);
            const expected = previous ? previous.nextElementSibling : this.el.list.firstElementChild;
            if (expected !== row) {
                if (previous) previous.after(row); else this.el.list.prepend(row);
            }
            previous = row;
        }
    }

    /** One incident's change from the incidents channel (an entry of a `changes` message): created or updated. */
    live(type, incident) {
        const shown = this.rows.has(incident.id);
        if (shown && !this.matches(incident, true)) {
            if (incident.version >= this.incidents.get(incident.id).version) this.remove(incident.id);
        } else if (shown) {
            this.update(incident);
        } else if (this.matches(incident)) {
            this.insert(incident);
        }
        this.scheduleCounts();
    }

    insert(incident) {
        if (![undefined, '', '-startedAt'].includes(this.filter().sort)) {
            this.scheduleReload();    // another order: the service places it
            return;
        }
        const later = [...this.el.list.children].find(li => before(incident, this.incidents.get(Number(li.dataset.id))));
        if (later) {
            later.before(this.row(incident));
        } else if (!this.cursor) {
            this.el.list.append(this.row(incident));    // the last page is loaded: it belongs at the end
        } else {
            return;                                      // it belongs to a page not loaded yet
        }
        if (this.rows.size > this.capacity) this.scheduleReload();   // keep the list to the pages loaded
        this.footer();
    }

    /** Many changes at once (a storm of alerts) become one reload of the first page, not thousands of rows. */
    scheduleReload() {
        if (this.reloadTimer) return;
        this.reloadTimer = setTimeout(() => {
            this.reloadTimer = null;
            this.reload();
        }, RELOAD_DEBOUNCE_MS);
    }

    remove(id) {
        this.rows.get(id)?.remove();
        this.rows.delete(id);
        this.incidents.delete(id);
        this.footer();
    }

    row(incident) {
        const li = document.createElement('li');
        li.innerHTML = '<button type="button" class="incident-row">'
            + '<span class="severity"></span><span class="title"></span><span class="status"></span><time></time>'
            + '<span class="alert-count"></span><span class="holds"></span></button>';
        li.querySelector('button').addEventListener('click', () => this.onOpen(Number(li.dataset.id)));
        li.dataset.id = String(incident.id);
        this.rows.set(incident.id, li);
        this.fill(li, incident);
        return li;
    }

    /** Changes a row in place; an older version than the one shown (a late message or page) is ignored. */
    update(incident) {
        const shown = this.incidents.get(incident.id);
        if (shown && incident.version < shown.version) return;
        this.fill(this.rows.get(incident.id), incident);
    }

    fill(li, incident) {
        this.incidents.set(incident.id, incident);
        li.dataset.status = incident.status;
        li.dataset.severity = incident.severity;
        const severity = li.querySelector('.severity');
        severity.className = `severity sev-${incident.severity}`;
        setText(severity, incident.severity);
        setText(li.querySelector('.title'), shown(incident.title));
        const status = li.querySelector('.status');
        status.className = `status st-${incident.status}`;
        setText(status, incident.status);
        const time = li.querySelector('time');
        time.dateTime = incident.startedAt;
        setText(time, units.clock(incident.startedAt));
        const alerts = alertCountText(incident.alertCount);
        setText(li.querySelector('.alert-count'), alerts);
        const holds = incidentHolds(incident.alertCount);
        const box = li.querySelector('.holds');
        const said = holds.map(hold => hold.label).join(', ');
        if (box.dataset.said !== said) {
            box.dataset.said = said;
            box.replaceChildren(...holds.flatMap((hold, i) => (i ? [' ', holdBadge(hold)] : [holdBadge(hold)])));
        }
        li.querySelector('button').setAttribute('aria-label',
            `${incident.severity} ${incident.status}: ${incident.title}, started ${units.clock(incident.startedAt)}`
            + (alerts ? `, alerts ${alerts}` : '') + (said ? `, ${said}` : ''));
    }

    footer() {
        this.el.more.hidden = !this.cursor;
        this.el.empty.hidden = this.rows.size > 0 || this.total === null;
    }

    /** Observing again reports the button's current visibility: a page too short to scroll keeps loading. */
    watchMore() {
        this.observer.unobserve(this.el.more);
        this.observer.observe(this.el.more);
    }

    showError(message) {
        this.el.error.hidden = !message;
        setText(this.el.error, message ?? '');
    }

    scheduleCounts() {
        clearTimeout(this.countTimer);
        this.countTimer = setTimeout(() => this.refreshCounts(), COUNT_DEBOUNCE_MS);
    }

    /** "3 open · 1 acknowledged · 4 match the filters": each a total the service counted. */
    async refreshCounts() {
        clearTimeout(this.countTimer);
        try {
            const [open, acknowledged, matching] = await Promise.all([
                getJson('api/incidents', { status: 'open', limit: 1 }),
                getJson('api/incidents', { status: 'acknowledged', limit: 1 }),
                getJson('api/incidents', { ...this.filter(), limit: 1 }),
            ]);
            this.total = matching.total;
            setText(this.el.counts, `${units.total(open.total, open.totalExact)} open`
                + ` · ${units.total(acknowledged.total, acknowledged.totalExact)} acknowledged`
                + ` · ${units.total(matching.total, matching.totalExact)} match`);
            this.footer();
        } catch (error) {
            setText(this.el.counts, '');
        }
    }
}
