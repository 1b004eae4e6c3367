// Small DOM helpers shared by the views.

/**
 * Sets an element's text only when it differs: unchanged values are not rewritten every cycle, so a
 * selection in them survives and the browser has nothing to lay out again.
 */
export function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
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
