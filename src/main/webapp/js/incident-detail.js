// The detail view of one incident: its facts, group and labels, its alerts, timeline, and the
// acknowledge / resolve / note actions. An action without a token asks for it first and then carries on;
// a refused token (401) is forgotten and asked for again. Errors show the service's problem+json detail.

import { alertCountText } from './alerts.js';
import { ApiError, credentials, getJson, postJson } from './api.js';
import { shown } from './dom.js';
import { IncidentAlerts } from './incident-alerts.js';
import * as units from './units.js';

function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
}

export class IncidentDetail {

    /** @param onChange told of an incident this view changed, so the list need not wait for the live message */
    constructor(dialog, onChange) {
        this.dialog = dialog;
        this.onChange = onChange;
        this.id = null;
        this.incident = null;
        this.pending = null;     // the action waiting for a token
        this.q = selector => dialog.querySelector(selector);
        this.tokenForm = this.q('form.token');
        this.noteForm = this.q('form.note');
        this.alerts = new IncidentAlerts(this.q('.alerts'), message => this.showError(message));
        for (const button of dialog.querySelectorAll('[data-action]')) {
            button.addEventListener('click', () => this.act(button.dataset.action));
        }
        this.noteForm.addEventListener('submit', event => {
            event.preventDefault();
            this.act('note');
        });
        this.tokenForm.addEventListener('submit', event => {
            event.preventDefault();
            const form = new FormData(this.tokenForm);
            credentials.setToken(String(form.get('token')).trim());
            credentials.setActor(String(form.get('actor') ?? '').trim());
            this.tokenForm.reset();
            this.tokenForm.hidden = true;
            this.showTokenState();
            const action = this.pending;
            this.pending = null;
            if (action) this.act(action);
        });
        dialog.addEventListener('close', () => {
            this.id = null;
            this.pending = null;
            this.alerts.clear();
        });
    }

    async open(id) {
        this.id = id;
        this.incident = null;
        this.pending = null;
        this.tokenForm.hidden = true;
        this.showError(null);
        this.q('#detail-title').textContent = `Incident ${id}`;
        this.q('.timeline').replaceChildren();
        this.alerts.clear();
        if (!this.dialog.open) this.dialog.showModal();
        this.showTokenState();
        try {
            const [incident, timeline] = await Promise.all([getJson(`api/incidents/${id}`), getJson(`api/incidents/${id}/timeline`)]);
            if (this.id !== id) return;
            // a live message may have shown a newer version while these were on their way
            if (!this.incident || incident.version >= this.incident.version) this.render(incident);
            this.renderTimeline(timeline.events);
        } catch (error) {
            if (this.id === id) this.showError(error.message);
        }
    }

    /**
     * A live change: the open incident is redrawn and its timeline fetched again (a note changes only that);
     * its alerts are fetched again when its alert count moved.
     */
    async live(incident) {
        if (this.id !== incident.id || (this.incident && incident.version < this.incident.version)) return;
        this.render(incident);
        try {
            const timeline = await getJson(`api/incidents/${incident.id}/timeline`);
            if (this.id === incident.id) this.renderTimeline(timeline.events);
        } catch (error) {
            this.showError(error.message);
        }
    }

    async act(action) {
        if (this.id === null) return;
        const id = this.id;
        if (action === 'note' && !this.noteForm.reportValidity()) return;
        if (!credentials.token()) {
            this.askForToken(action, null);
            return;
        }
        this.showError(null);
        const buttons = [...this.dialog.querySelectorAll('.actions button, form.note button')];
        buttons.forEach(button => { button.disabled = true; });
        try {
            if (action === 'note') {
                await postJson(`api/incidents/${id}/notes`, { text: this.noteForm.elements.text.value });
                this.noteForm.reset();
            } else {
                const incident = await postJson(`api/incidents/${id}/${action}`, {});
                this.onChange(incident);
                if (this.id === id) this.render(incident);
            }
            const timeline = await getJson(`api/incidents/${id}/timeline`);
            if (this.id === id) this.renderTimeline(timeline.events);
        } catch (error) {
            if (this.id !== id) return;
            if (error instanceof ApiError && error.status === 401) {
                credentials.forgetToken();
                this.askForToken(action, `The token was refused. ${error.message}`);
            } else {
                this.showError(error.message);
            }
        } finally {
            buttons.forEach(button => { button.disabled = false; });
        }
    }

    askForToken(action, message) {
        this.pending = action;
        this.showError(message);
        this.showTokenState();
        this.tokenForm.hidden = false;
        this.tokenForm.elements.actor.value = credentials.actor();
        this.tokenForm.elements.token.focus();
    }

    showTokenState() {
        const state = this.q('.token-state');
        state.replaceChildren();
        if (!credentials.token()) return;
        const forget = element('button', 'link', 'Forget token');
        forget.type = 'button';
        forget.addEventListener('click', () => {
            credentials.forgetToken();
            this.showTokenState();
        });
        const actor = credentials.actor();
        state.append(`API token set for this tab${actor ? `, acting as ${actor}` : ''}. `, forget);
    }

    showError(message) {
        const error = this.q('.error');
        error.hidden = !message;
        error.textContent = message ?? '';
    }

    render(incident) {
        this.incident = incident;
        this.dialog.dataset.status = incident.status;
        this.q('#detail-title').textContent = shown(incident.title);
        const severity = this.q('.badges .severity');
        severity.className = `severity sev-${incident.severity}`;
        severity.textContent = incident.severity;
        const status = this.q('.badges .status');
        status.className = `status st-${incident.status}`;
        status.textContent = incident.status;
        this.q('.badges .source').textContent = `#${incident.id} · ${incident.source}`;
        const facts = [
            ['Started', units.clock(incident.startedAt)],
            ['Acknowledged', incident.acknowledgedAt ? `${units.clock(incident.acknowledgedAt)} by ${incident.acknowledgedBy ?? '?'}` : '–'],
            ['Resolved', incident.resolvedAt ? `${units.clock(incident.resolvedAt)} by ${incident.resolvedBy ?? '?'}` : '–'],
        ];
        if (incident.receiver) facts.push(['Receiver', incident.receiver]);
        if (incident.alertCount?.total) facts.push(['Alerts', alertCountText(incident.alertCount)]);
        if (incident.previousIncidentId) facts.push(['Re-fired from', `#${incident.previousIncidentId}`]);
        const list = this.q('.facts');
        list.replaceChildren(...facts.flatMap(([term, value]) => [element('dt', null, term), element('dd', null, value)]));
        const labels = this.q('.labels');
        labels.replaceChildren();
        const grouped = [['Group', incident.groupLabels], [incident.alertCount?.total ? 'Common labels' : 'Labels', incident.labels],
            ['Annotations', incident.annotations]];
        for (const [title, map] of grouped) {
            const entries = Object.entries(map ?? {});
            if (!entries.length) continue;
            labels.append(element('h3', null, title));
            const box = element('ul', 'kv');
            for (const [key, value] of entries) {
                const item = element('li');
                item.append(element('span', 'k', shown(key)), element('span', 'v', shown(value)));
                box.append(item);
            }
            labels.append(box);
        }
        this.alerts.follow(incident);
        this.q('[data-action="acknowledge"]').hidden = incident.status !== 'open';
        this.q('[data-action="resolve"]').hidden = incident.status === 'resolved';
    }

    renderTimeline(events) {
        this.q('.timeline').replaceChildren(...events.map(event => {
            const item = element('li', `ev-${event.type.replaceAll(' ', '-')}`);
            const time = element('time', null, units.clock(event.at));
            time.dateTime = event.at;
            item.append(time, element('strong', null, ` ${event.type}`), ` by ${event.by}`);
            if (event.message) item.append(element('p', null, shown(event.message)));
            return item;
        }));
    }
}
