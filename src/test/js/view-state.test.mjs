// The page's address (view-state.js) and the choice of incidents to notify (notifications.js), run by node.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { format, parse } from '../../main/webapp/js/view-state.js';
import { newCritical } from '../../main/webapp/js/notifications.js';

const DEFAULT_FILTERS = { status: 'open,acknowledged', severity: '', sort: '-startedAt', q: '', label: '' };

test('the default view is a plain address', () => {
    assert.deepEqual(parse(''), { incident: null, filters: DEFAULT_FILTERS, range: null });
    assert.equal(format({ incident: null, filters: DEFAULT_FILTERS, range: null }), '');
});

test('an incident, the filters and the range survive a round trip', () => {
    const view = {
        incident: 42,
        filters: { status: 'acknowledged', severity: 'critical', sort: '-severity', q: 'disk full', label: 'instance:node-7:9100' },
        range: '1h',
    };
    const search = format(view);
    assert.equal(search, '?incident=42&status=acknowledged&severity=critical&q=disk+full&label=instance%3Anode-7%3A9100&sort=-severity&range=1h');
    assert.deepEqual(parse(search), view);
    assert.deepEqual(parse('?status=all').filters.status, '', 'all statuses');
    assert.equal(format({ incident: null, filters: { ...DEFAULT_FILTERS, status: '' }, range: null }), '?status=all');
});

test('values the page does not offer are ignored, never an error', () => {
    const view = parse('?incident=abc&status=bogus&severity=urgent&sort=nope&label=novalue&range=7x&q=');
    assert.deepEqual(view, { incident: null, filters: DEFAULT_FILTERS, range: null });
    assert.equal(parse('?incident=-3').incident, null);
    assert.equal(parse('?incident=0').incident, null);
    assert.equal(parse('?incident=12345678901234567890').incident, null);
    assert.equal(parse('?range=1h30m').range, null);
    assert.equal(parse('?status=open,acknowledged').filters.status, 'open,acknowledged');
    assert.equal(parse('?q=' + 'x'.repeat(201)).filters.q, '');
    assert.equal(parse('?label=job:api&label=x:y').filters.label, 'job:api', 'the first label');
});

test('a new critical open incident notifies once; warnings, updates and repeats do not', () => {
    const seen = new Set();
    const critical = { id: 1, severity: 'critical', status: 'open', title: 'disk full' };
    const changes = [
        { change: 'created', incident: critical },
        { change: 'created', incident: { id: 2, severity: 'warning', status: 'open' } },
        { change: 'updated', incident: { id: 3, severity: 'critical', status: 'open' } },
        { change: 'created', incident: { id: 4, severity: 'critical', status: 'resolved' } },
    ];
    assert.deepEqual(newCritical(changes, seen), [critical]);
    assert.deepEqual(newCritical([{ change: 'created', incident: critical }], seen), [], 'already notified');
    assert.deepEqual(newCritical(undefined, seen), []);
});
