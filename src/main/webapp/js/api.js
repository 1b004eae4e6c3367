// The incidents REST API, relative to the page. Errors become ApiError with the problem+json detail,
// readable as it is. The API token lives in sessionStorage (this tab only) and travels only in the
// Authorization header, never in a URL.

const TOKEN_KEY = 'service-metrics.apiToken';
const ACTOR_KEY = 'service-metrics.actor';

export class ApiError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}

export const credentials = {
    token: () => sessionStorage.getItem(TOKEN_KEY),
    setToken: value => sessionStorage.setItem(TOKEN_KEY, value),
    forgetToken: () => sessionStorage.removeItem(TOKEN_KEY),
    actor: () => localStorage.getItem(ACTOR_KEY) ?? '',
    setActor: value => (value ? localStorage.setItem(ACTOR_KEY, value) : localStorage.removeItem(ACTOR_KEY)),
};

async function failure(response) {
    let title = response.statusText || `HTTP ${response.status}`;
    let detail = '';
    try {
        const text = await response.text();
        const problem = JSON.parse(text);
        title = problem.title ?? title;
        detail = problem.detail ?? '';
    } catch (notJson) {
        // a proxy's HTML error page, say: the status line is all there is to show
    }
    return new ApiError(response.status, detail ? `${title}: ${detail}` : `${title} (HTTP ${response.status})`);
}

async function request(path, init) {
    let response;
    try {
        response = await fetch(path, { ...init, cache: 'no-store' });
    } catch (network) {
        throw new ApiError(0, 'The service did not answer (network error); it may be restarting. Try again in a moment.');
    }
    if (!response.ok) throw await failure(response);
    return response.status === 204 ? null : response.json();
}

export function getJson(path, params = {}) {
    const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== null && v !== undefined));
    const suffix = query.toString() ? `?${query}` : '';
    return request(`${path}${suffix}`, { headers: { Accept: 'application/json' } });
}

/** A mutation with the bearer token; fails at once with 401 when no token was entered. */
export function postJson(path, body) {
    const token = credentials.token();
    if (!token) return Promise.reject(new ApiError(401, 'Enter the API token first.'));
    const actor = credentials.actor();
    return request(path, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(actor ? { ...body, by: actor } : body),
    });
}

/** A DELETE with the bearer token; who did it travels as X-Actor (the request has no body). */
export function deleteJson(path) {
    const token = credentials.token();
    if (!token) return Promise.reject(new ApiError(401, 'Enter the API token first.'));
    const actor = credentials.actor();
    const headers = { Accept: 'application/json', Authorization: `Bearer ${token}` };
    if (actor) headers['X-Actor'] = actor;
    return request(path, { method: 'DELETE', headers });
}
