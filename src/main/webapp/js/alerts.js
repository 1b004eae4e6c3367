// How an incident's alerts read: the count on its row, and what sets one alert apart from its group.
// Pure functions of the API's JSON, so node tests them without a browser.

import { count } from './units.js';

/** "3/5 firing" from {"firing":3,"total":5}; nothing for an incident without alerts (a manual one). */
export function alertCountText(alertCount) {
    const total = alertCount?.total ?? 0;
    if (!total) return '';
    return `${count(alertCount.firing ?? 0)}/${count(total)} firing`;
}

/**
 * Whether two alertCounts say the same (firing, total, silenced, inhibited), so a live message that changes
 * none need not fetch the alerts again.
 */
export function sameAlertCount(a, b) {
    return ['firing', 'total', 'silenced', 'inhibited'].every(key => (a?.[key] ?? 0) === (b?.[key] ?? 0));
}

/**
 * The labels of one alert that its incident's common labels do not already say (a different value counts
 * as different), sorted by name: instance=host-7 rather than the alertname all of them share.
 */
export function distinctLabels(labels, common) {
    const shared = common ?? {};
    return Object.entries(labels ?? {})
        .filter(([name, value]) => shared[name] !== value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Alert data decides a generator URL: only http(s) becomes a link, never javascript: or data:. */
export function webLink(url) {
    return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}
