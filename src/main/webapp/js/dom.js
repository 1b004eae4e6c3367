// Small DOM helpers shared by the views.

/**
 * Sets an element's text only when it differs: unchanged values are not rewritten every cycle, so a
 * selection in them survives and the browser has nothing to lay out again.
 */
export function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
}

/**
 * A "silenced" / "inhibited" badge ({kind, text, label} of silences.js): the short text is what one sees,
 * the sentence is what a screen reader says instead.
 */
export function holdBadge(hold) {
    const badge = document.createElement('span');
    badge.className = `hold hold-${hold.kind}`;
    badge.dataset.hold = hold.kind;
    badge.title = hold.label;
    const shown = document.createElement('span');
    shown.setAttribute('aria-hidden', 'true');
    shown.textContent = hold.text;
    const said = document.createElement('span');
    said.className = 'visually-hidden';
    said.textContent = hold.label;
    badge.append(shown, said);
    return badge;
}

/**
 * Text from alerts with its bidirectional controls made visible (`[U+202E]`): an override hidden in a label
 * would otherwise reverse the rest of the line it is shown in, and can make `invoice[U+202E]gpj.exe` read as
 * `invoiceexe.jpg` (the "Trojan Source" trick). Everything else is shown as it is, as text.
 */
export function shown(text) {
    return typeof text === 'string'
        ? text.replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g,
            c => `[U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}]`)
        : text;
}
