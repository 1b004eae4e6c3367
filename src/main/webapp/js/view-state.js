// What the page shows, in its address, so that a copied link opens the same view:
//   ?incident=42&status=acknowledged&severity=critical&q=disk&label=job:api&sort=-severity&range=1h
// Defaults are left out (a plain "/" is the default view). A value the page does not offer is ignored
// (never an error): the view falls back to that filter's default.

export const STATUSES = { 'open,acknowledged': '', open: 'open', acknowledged: 'acknowledged', resolved: 'resolved', '': 'all' };
export const SEVERITIES = ['critical', 'warning', 'info'];
export const SORTS = ['-startedAt', 'startedAt', '-updatedAt', '-severity'];
const DEFAULT = { status: 'open,acknowledged', severity: '', sort: '-startedAt', q: '', label: '' };
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*:.+$/;
const RANGE = /^[1-9]\d{0,4}[smhdw]$/;

/** The view an address asks for: {incident: number|null, filters: {status, severity, sort, q, label}, range: string|null}. */
export function parse(search) {
    const params = new URLSearchParams(search);
    const one = name => (params.get(name) ?? '').trim();
    const filters = { ...DEFAULT };
    const status = Object.entries(STATUSES).find(([, word]) => word && word === one('status'));
    if (status) filters.status = status[0];
    if (SEVERITIES.includes(one('severity'))) filters.severity = one('severity');
    if (SORTS.includes(one('sort'))) filters.sort = one('sort');
    if (one('q') && one('q').length <= 200) filters.q = one('q');
    if (LABEL.test(one('label')) && one('label').length <= 300) filters.label = one('label');
    const id = one('incident');
    const incident = /^[1-9]\d{0,14}$/.test(id) ? Number(id) : null;
    const range = RANGE.test(one('range')) ? one('range') : null;
    return { incident, filters, range };
}

/** The query string of a view ("" for the default one), parameters in a fixed order. */
export function format({ incident, filters = {}, range }) {
    const params = new URLSearchParams();
    if (incident !== null && incident !== undefined) params.set('incident', String(incident));
    const status = filters.status ?? DEFAULT.status;
    if (status !== DEFAULT.status && status in STATUSES) params.set('status', STATUSES[status]);
    for (const name of ['severity', 'q', 'label', 'sort']) {
        const value = filters[name] ?? DEFAULT[name];
        if (value && value !== DEFAULT[name]) params.set(name, value);
    }
    if (range) params.set('range', range);
    const text = params.toString();
    return text ? `?${text}` : '';
}
