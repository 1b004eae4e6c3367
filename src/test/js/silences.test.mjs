// How the dashboard words silences and alerts Alertmanager holds back, run by node's test runner (DashboardScriptsIT).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sameAlertCount } from '../../main/webapp/js/alerts.js';
import { alertHolds, incidentHolds, shortId, silenceDuration, silenceLine, silenceState } from '../../main/webapp/js/silences.js';
import * as units from '../../main/webapp/js/units.js';

test('a typed silence duration is checked as the service checks it, 1m to 90d', () => {
    assert.deepEqual(silenceDuration('2h30m'), { duration: '2h30m' });
    assert.deepEqual(silenceDuration(' 90m '), { duration: '90m' });
    assert.deepEqual(silenceDuration('1m'), { duration: '1m' });
    assert.deepEqual(silenceDuration('90d'), { duration: '90d' });
    for (const bad of ['2h30', '1.5h', 'soon', '2 h', 'h', '-1h', '0m']) {
        assert.match(silenceDuration(bad).error, /not a duration/, bad);
    }
    assert.match(silenceDuration('').error, /Enter how long/);
    assert.match(silenceDuration(undefined).error, /Enter how long/);
    assert.match(silenceDuration('30s').error, /from 1m to 90d/);
    assert.match(silenceDuration('91d').error, /from 1m to 90d/);
    assert.match(silenceDuration('13w').error, /from 1m to 90d/);
});

test('a duration is one whole Prometheus duration or none', () => {
    assert.equal(units.durationMs('1h30m'), 5_400_000);
    assert.equal(units.durationMs('2h30'), null);
    assert.equal(units.durationMs('x15m'), null);
    assert.equal(units.durationMs(null), null);
});

const now = Date.parse('2026-02-09T12:00:00Z');
const time = iso => iso.slice(11, 16);
const silence = {
    silenceId: '3f2a9c1e-0b6d-4c1f-9a57-2d8e1f0c4b3a', createdBy: 'alice', comment: 'failing over',
    startsAt: '2026-02-09T11:00:00Z', endsAt: '2026-02-09T13:00:00Z', active: true, expiredAt: null, expiredBy: null,
};

test('a silence says whether it holds, who made it, until when and why', () => {
    assert.equal(silenceState(silence, now), 'active');
    assert.equal(silenceLine(silence, time, now), 'active until 13:00 · by alice · failing over');
    const expired = { ...silence, active: false, expiredAt: '2026-02-09T11:30:00Z', expiredBy: 'bob' };
    assert.equal(silenceState(expired, now), 'expired');
    assert.equal(silenceLine(expired, time, now), 'expired 11:30 by bob · made by alice · was until 13:00 · failing over');
    // the service said active, but its end has passed since
    assert.equal(silenceState(silence, Date.parse('2026-02-09T13:00:01Z')), 'ended');
    assert.equal(silenceLine({ ...silence, active: false, comment: '', createdBy: '' }, time, now), 'ended 13:00 · made by anonymous');
    assert.equal(shortId(silence.silenceId), '3f2a9c1e');
});

test('an alert held back by Alertmanager says by what, briefly and in full', () => {
    const firing = { status: 'firing', state: 'suppressed', silencedBy: [silence.silenceId], inhibitedBy: [] };
    assert.deepEqual(alertHolds(firing), [{ kind: 'silenced', text: 'silenced by 3f2a9c1e',
        label: `Silenced in Alertmanager by silence ${silence.silenceId}` }]);
    const both = { ...firing, silencedBy: ['aaaaaaaa-1', 'bbbbbbbb-2'], inhibitedBy: ['a1b2c3d4e5f60718'] };
    assert.deepEqual(alertHolds(both).map(hold => hold.text), ['silenced by aaaaaaaa +1', 'inhibited by a1b2c3d4e5f60718']);
    assert.equal(alertHolds(both)[1].label, 'Inhibited in Alertmanager by the alert with fingerprint a1b2c3d4e5f60718');
    assert.deepEqual(alertHolds({ ...firing, silencedBy: [] }).map(hold => hold.text), ['suppressed']);
    assert.deepEqual(alertHolds({ ...firing, state: 'active', silencedBy: [] }), []);
    assert.deepEqual(alertHolds({ ...firing, status: 'resolved' }), [], 'a resolved alert is held back by nothing');
    assert.deepEqual(alertHolds({ status: 'firing' }), []);
});

test('a row shows silenced and inhibited when any firing alert is', () => {
    assert.deepEqual(incidentHolds({ firing: 3, total: 5, silenced: 2, inhibited: 0 }),
        [{ kind: 'silenced', text: 'silenced', label: '2 of 3 firing alerts silenced' }]);
    assert.deepEqual(incidentHolds({ firing: 3, total: 5, silenced: 1, inhibited: 1 }).map(hold => hold.kind), ['silenced', 'inhibited']);
    assert.deepEqual(incidentHolds({ firing: 3, total: 5 }), []);
    assert.deepEqual(incidentHolds(undefined), []);
});

test('a change of what is silenced or inhibited is a change of the alert count', () => {
    assert.ok(!sameAlertCount({ firing: 1, total: 1, silenced: 0 }, { firing: 1, total: 1, silenced: 1 }));
    assert.ok(!sameAlertCount({ firing: 1, total: 1, inhibited: 1 }, { firing: 1, total: 1, inhibited: 0 }));
    assert.ok(sameAlertCount({ firing: 1, total: 1 }, { firing: 1, total: 1, silenced: 0, inhibited: 0 }));
});
