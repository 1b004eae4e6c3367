// How the dashboard words silences and what Alertmanager holds back: the duration a person typed, one
// silence's line, the "silenced"/"inhibited" badges of a row and of an alert. Pure functions of the API's
// JSON, so node tests them without a browser.

import { count, durationMs } from './units.js';

const SHORTEST_MS = 60_000;
const LONGEST_MS = 90 * 86_400_000;

/** A duration typed for a silence, checked as the service checks it (1m to 90d): {duration} or {error}. */
export function silenceDuration(text) {
    const typed = String(text ?? '').trim();
    if (!typed) return { error: 'Enter how long to silence, e.g. 2h30m.' };
    const ms = durationMs(typed);
    if (ms === null) return { error: `"${typed}" is not a duration: write it like 2h30m, 90m or 1d.` };
    if (ms < SHORTEST_MS || ms > LONGEST_MS) return { error: `A silence lasts from 1m to 90d; "${typed}" does not.` };
    return { duration: typed };
}

/** A silence id (a UUID) as short as a badge wants it: its first 8 characters. */
export function shortId(id) {
    return String(id ?? '').slice(0, 8);
}

/** active (until its end), expired (by a person, early) or ended (its time ran out). */
export function silenceState(silence, now = Date.now()) {
    if (silence.expiredAt) return 'expired';
    return silence.active && Date.parse(silence.endsAt) > now ? 'active' : 'ended';
}

/** "active until 15:04 · by alice · failing over" — who, until when, and whether it still holds. */
export function silenceLine(silence, time, now = Date.now()) {
    const state = silenceState(silence, now);
    const parts = [state === 'active' ? `active until ${time(silence.endsAt)}`
        : state === 'expired' ? `expired ${time(silence.expiredAt)}${silence.expiredBy ? ` by ${silence.expiredBy}` : ''}`
            : `ended ${time(silence.endsAt)}`,
    `${state === 'active' ? 'by' : 'made by'} ${silence.createdBy || 'anonymous'}`];
    if (state === 'expired') parts.push(`was until ${time(silence.endsAt)}`);
    if (silence.comment) parts.push(silence.comment);
    return parts.join(' · ');
}

function several(values, show) {
    return values.length > 1 ? `${show(values[0])} +${values.length - 1}` : show(values[0]);
}

/**
 * The badges of one alert from its state in Alertmanager: "silenced by 3f2a9c1e" and/or "inhibited by
 * <fingerprint>", each with a sentence for screen readers. Only a firing alert is held back by anything.
 */
export function alertHolds(alert) {
    if (alert?.status !== 'firing' || alert.state !== 'suppressed') return [];
    const silencedBy = alert.silencedBy ?? [];
    const inhibitedBy = alert.inhibitedBy ?? [];
    const holds = [];
    if (silencedBy.length) {
        holds.push({
            kind: 'silenced', text: `silenced by ${several(silencedBy, shortId)}`,
            label: `Silenced in Alertmanager by silence${silencedBy.length > 1 ? 's' : ''} ${silencedBy.join(', ')}`,
        });
    }
    if (inhibitedBy.length) {
        holds.push({
            kind: 'inhibited', text: `inhibited by ${several(inhibitedBy, String)}`,
            label: `Inhibited in Alertmanager by the alert${inhibitedBy.length > 1 ? 's' : ''} with fingerprint ${inhibitedBy.join(', ')}`,
        });
    }
    if (!holds.length) holds.push({ kind: 'silenced', text: 'suppressed', label: 'Suppressed in Alertmanager' });
    return holds;
}

/** The badges of an incident's row: "silenced" / "inhibited" when any of its firing alerts is. */
export function incidentHolds(alertCount) {
    const firing = alertCount?.firing ?? 0;
    const holds = [];
    for (const kind of ['silenced', 'inhibited']) {
        const held = alertCount?.[kind] ?? 0;
        if (held > 0) holds.push({ kind, text: kind, label: `${count(held)} of ${count(firing)} firing alerts ${kind}` });
    }
    return holds;
}
