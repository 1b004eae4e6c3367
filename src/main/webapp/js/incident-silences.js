// The silences part of the detail view, for an incident from Alertmanager: the form (1h / 4h / 24h or a
// typed duration, a comment), checked before anything is sent, and the incident's silences as
// GET /api/incidents/{id}/silences lists them — who, until when, active or not. Sending is the detail's job, which
// owns the token and the error line.

import { getJson } from './api.js';
import { silenceDuration, silenceLine, silenceState } from './silences.js';
import * as units from './units.js';

export class IncidentSilences {

    constructor(section) {
        this.section = section;
        this.form = section.querySelector('form.silence');
        this.list = section.querySelector('.silence-list');
        this.unsilence = section.querySelector('.unsilence');
        this.custom = this.form.elements.custom;
        this.items = [];
        this.generation = 0;
        // typing a duration chooses "custom"; choosing anything again clears the last complaint
        this.custom.addEventListener('input', () => {
            this.form.querySelector('input[name=duration][value=custom]').checked = true;
        });
        this.form.addEventListener('input', () => this.custom.removeAttribute('aria-invalid'));
    }

    clear() {
        this.generation++;
        this.items = [];
        this.list.replaceChildren();
        this.unsilence.hidden = true;
        this.form.reset();
        this.custom.removeAttribute('aria-invalid');
        this.section.hidden = true;
    }

    /** Only Alertmanager's incidents can be silenced: a person's own incident has no alerts to match. */
    follow(incident) {
        this.section.hidden = incident.source !== 'alertmanager';
    }

    get hasActive() {
        return this.items.some(silence => silenceState(silence) === 'active');
    }

    /** The request the form asks for, {duration, comment}, or {error} in words for the person when the duration is not one. */
    request() {
        const chosen = new FormData(this.form).get('duration');
        const checked = chosen === 'custom' ? silenceDuration(this.custom.value) : { duration: String(chosen) };
        if (checked.error) {
            this.custom.setAttribute('aria-invalid', 'true');
            this.custom.focus();
            return { error: checked.error };
        }
        return { duration: checked.duration, comment: this.form.elements.comment.value.trim() };
    }

    sent() {
        this.form.reset();
        this.custom.removeAttribute('aria-invalid');
    }

    /** The incident's silences, newest first; resolves once they are shown (or the view moved on). */
    async load(id) {
        const generation = ++this.generation;
        const page = await getJson(`api/incidents/${id}/silences`);
        if (generation !== this.generation) return;
        this.items = page.items ?? [];
        this.list.replaceChildren(...this.items.map(silence => {
            const item = document.createElement('li');
            const state = silenceState(silence);
            item.dataset.silenceId = silence.silenceId;
            item.dataset.state = state;
            const badge = document.createElement('span');
            badge.className = `silence-state ss-${state}`;
            badge.textContent = state;
            const line = document.createElement('span');
            line.textContent = ` ${silenceLine(silence, units.clock).replace(/^\S+ /, '')}`;
            const id = document.createElement('code');
            id.className = 'muted';
            id.textContent = silence.silenceId;
            item.append(badge, line, ' ', id);
            return item;
        }));
        this.unsilence.hidden = !this.hasActive;
    }
}
