// An opt-in browser notification for each new critical incident. The browser's permission is asked for
// only when the button is clicked; the choice (on or off) is remembered in localStorage. Incidents come
// from the incidents channel's coalesced `changes` messages: a "created" critical incident that is open
// notifies once (a storm of them, one notification that counts them).

const KEY = 'service-metrics.notifyCritical';
const AT_ONCE = 3;          // more new critical incidents than this in one message: one summary instead
const REMEMBERED = 1000;    // ids already notified, so a late duplicate does not notify again

/** The new critical incidents among a message's changes that were not notified yet (and are now remembered). */
export function newCritical(changes, seen) {
    const fresh = [];
    for (const { change, incident } of changes ?? []) {
        if (change !== 'created' || !incident || incident.severity !== 'critical' || incident.status !== 'open') continue;
        if (seen.has(incident.id)) continue;
        seen.add(incident.id);
        fresh.push(incident);
    }
    while (seen.size > REMEMBERED) seen.delete(seen.values().next().value);
    return fresh;
}

export class CriticalNotifier {

    /** @param onOpen called with an incident's id when its notification is clicked */
    constructor(button, onOpen) {
        this.button = button;
        this.onOpen = onOpen;
        this.seen = new Set();
        if (typeof Notification === 'undefined') return;    // no Notification API (e.g. an insecure origin on some browsers)
        button.hidden = false;
        button.addEventListener('click', () => this.toggle());
        this.show();
    }

    enabled() {
        return typeof Notification !== 'undefined' && Notification.permission === 'granted' && localStorage.getItem(KEY) === 'on';
    }

    async toggle() {
        if (this.enabled()) {
            localStorage.setItem(KEY, 'off');
        } else if (Notification.permission === 'granted') {
            localStorage.setItem(KEY, 'on');
        } else if (Notification.permission !== 'denied') {
            const answer = await Notification.requestPermission();
            localStorage.setItem(KEY, answer === 'granted' ? 'on' : 'off');
        }
        this.show();
    }

    show() {
        const on = this.enabled();
        const denied = Notification.permission === 'denied';
        this.button.setAttribute('aria-pressed', String(on));
        this.button.textContent = on ? 'Notifying on critical' : 'Notify on critical';
        this.button.disabled = denied;
        this.button.title = denied ? 'Notifications are blocked for this page in the browser\'s settings'
            : on ? 'Click to stop notifications of new critical incidents'
                : 'A browser notification for each new critical incident';
    }

    /** A `changes` message of the incidents channel. */
    changes(changes) {
        const fresh = newCritical(changes, this.seen);
        if (!fresh.length || !this.enabled()) return;
        if (fresh.length > AT_ONCE) {
            this.notify(`${fresh.length} new critical incidents`, fresh.slice(0, AT_ONCE).map(i => i.title).join('\n'), 'critical-many', null);
        } else {
            for (const incident of fresh) this.notify(`Critical: ${incident.title}`, `#${incident.id} opened`, `incident-${incident.id}`, incident.id);
        }
    }

    notify(title, body, tag, id) {
        try {
            const notification = new Notification(title, { body, tag });
            notification.addEventListener('click', () => {
                window.focus();
                if (id !== null) this.onOpen(id);
                notification.close();
            });
        } catch (unsupported) {
            // e.g. Chrome on Android allows notifications only from a service worker: nothing to show then
        }
    }
}
