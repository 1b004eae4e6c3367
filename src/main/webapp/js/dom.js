// Small DOM helpers shared by the views.

/**
 * Sets an element's text only when it differs: unchanged values are not rewritten every cycle, so a
 * selection in them survives and the browser has nothing to lay out again.
 */
export function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
}
