// The detail view of one incident: its facts, group and labels, its alerts, silences, timeline, and the
// acknowledge / resolve / note / silence / unsilence actions. An action without a token asks for it first
// and then carries on; a refused token (401) is forgotten and asked for again. Errors show the service's
// problem+json detail (Alertmanager's own words on a 502).

import { alertCountText } from './alerts.js';
import { ApiError, credentials, deleteJson, getJson, postJson } from './api.js';
import { shown } from './dom.js';
import { IncidentAlerts } from './incident-alerts.js';
import { IncidentSilences } from './incident-silences.js';
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
        this.silences = new IncidentSilences(this.q('.silences'));
        this.silenceFor = this.q('select[name=silence-for]');
        this.expireSilences = this.q('input[name=expire-silences]');
        for (const button of dialog.querySelectorAll('[data-action]')) {
            button.addEventListener('click', () => this.act(button.dataset.action));
        }
        this.noteForm.addEventListener('submit', event => {
            event.preventDefault();
            this.act('note');
        });
        this.silences.form.addEventListener('submit', event => {
            event.preventDefault();
            this.act('silence');
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
            this.silences.clear();
        });
    }

    /** @param fromAddress the id came from the page's address: one that does not exist closes the view quietly */
    async open(id, fromAddress = false) {
        this.id = id;
        this.incident = null;
        this.pending = null;
        this.tokenForm.hidden = true;
        this.showError(null);
        this.q('#detail-title').textContent = `Incident ${id}`;
        this.q('.timeline').replaceChildren();
        this.alerts.clear();
        this.silences.clear();
        this.silenceFor.value = '';
        this.expireSilences.checked = false;
        if (!this.dialog.open) this.dialog.showModal();
        this.showTokenState();
        try {
            const [incident, timeline] = await Promise.all([getJson(`api/incidents/${id}`), getJson(`api/incidents/${id}/timeline`)]);
            if (this.id !== id) return;
            // a live message may have shown a newer version while these were on their way
            if (!this.incident || incident.version >= this.incident.version) this.render(incident);
            this.renderTimeline(timeline.events);
            if (incident.source === 'alertmanager') await this.loadSilences(id);
        } catch (error) {
            if (this.id !== id) return;
            if (fromAddress && error instanceof ApiError && error.status === 404) this.dialog.close();
            else this.showError(error.message);
        }
    }

    /**
     * A live change: the open incident is redrawn and its timeline (and silences) fetched again (a note
     * changes only that); its alerts are fetched again when its alert count moved.
     */
    async live(incident) {
        if (this.id !== incident.id || (this.incident && incident.version < this.incident.version)) return;
        this.render(incident);
        try {
            const timeline = await getJson(`api/incidents/${incident.id}/timeline`);
            if (this.id === incident.id) this.renderTimeline(timeline.events);
            if (this.id === incident.id && incident.source === 'alertmanager') await this.loadSilences(incident.id);
        } catch (error) {
            this.showError(error.message);
        }
    }

    async act(action) {
        if (this.id === null) return;
        const id = this.id;
        if (action === 'note' && !this.noteForm.reportValidity()) return;
        const silence = action === 'silence' ? this.silences.request() : null;
        if (silence?.error) {
            this.showError(silence.error);
            return;
        }
        if (!credentials.token()) {
            this.askForToken(action, null);
            return;
        }
        this.showError(null);
        const buttons = [...this.dialog.querySelectorAll('.actions button, form.note button, .silences button')];
        buttons.forEach(button => { button.disabled = true; });
        try {
            if (action === 'note') {
                await postJson(`api/incidents/${id}/notes`, { text: this.noteForm.elements.text.value });
                this.noteForm.reset();
            } else if (action === 'silence') {
                await postJson(`api/incidents/${id}/silence`, silence);
                this.silences.sent();
            } else if (action === 'unsilence') {
                await deleteJson(`api/incidents/${id}/silence`);
            } else {
                const incident = await postJson(`api/incidents/${id}/${action}`, this.actionBody(action));
                this.silenceFor.value = '';
                this.expireSilences.checked = false;
                this.onChange(incident);
                if (this.id === id) this.render(incident);
            }
            const timeline = await getJson(`api/incidents/${id}/timeline`);
            if (this.id === id) this.renderTimeline(timeline.events);
            if (this.id === id && this.incident?.source === 'alertmanager' && action !== 'note') await this.loadSilences(id);
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

    /** Acknowledge may silence at the same time ("silenceFor"), resolve may expire the silences ("expireSilences"). */
    actionBody(action) {
        if (action === 'acknowledge' && this.silenceFor.value && !this.silenceFor.closest('[hidden]')) {
            return { silenceFor: this.silenceFor.value };
        }
        if (action === 'resolve' && this.expireSilences.checked && !this.expireSilences.closest('[hidden]')) {
            return { expireSilences: true };
        }
        return {};
    }

    async loadSilences(id) {
        await this.silences.load(id);
        if (this.id === id) this.showActions();
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
        this.silences.follow(incident);
        this.showActions();
    }

    /** The actions this incident's state allows; the silence options only for Alertmanager's incidents. */
    showActions() {
        const incident = this.incident;
        if (!incident) return;
        const fromAlertmanager = incident.source === 'alertmanager';
        this.q('[data-action="acknowledge"]').hidden = incident.status !== 'open';
        this.q('[data-action="resolve"]').hidden = incident.status === 'resolved';
        this.q('.silence-for').hidden = !fromAlertmanager || incident.status !== 'open';
        this.q('.expire-silences').hidden = !fromAlertmanager || incident.status === 'resolved' || !this.silences.hasActive;
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
