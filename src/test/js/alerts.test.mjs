// How the dashboard words an incident's alerts, run by node's test runner (DashboardScriptsIT starts it from Maven).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertCountText, distinctLabels, sameAlertCount, webLink } from '../../main/webapp/js/alerts.js';
import * as units from '../../main/webapp/js/units.js';

test('a row says how many of its alerts fire', () => {
    assert.equal(alertCountText({ firing: 3, total: 5 }), '3/5 firing');
    assert.equal(alertCountText({ firing: 500, total: 500 }), '500/500 firing');
    assert.equal(alertCountText({ firing: 0, total: 1200 }), '0/1,200 firing');
});

test('a manual incident (no alerts) shows no count', () => {
    assert.equal(alertCountText({ firing: 0, total: 0 }), '');
    assert.equal(alertCountText(undefined), '');
    assert.equal(alertCountText(null), '');
});

test('alert counts compare by value', () => {
    assert.ok(sameAlertCount({ firing: 3, total: 5 }, { firing: 3, total: 5 }));
    assert.ok(!sameAlertCount({ firing: 3, total: 5 }, { firing: 2, total: 5 }));
    assert.ok(!sameAlertCount({ firing: 3, total: 5 }, { firing: 3, total: 6 }));
    assert.ok(sameAlertCount(undefined, { firing: 0, total: 0 }));
});

test('an alert shows the labels its group does not already share, by name', () => {
    const common = { alertname: 'DiskFull', severity: 'critical', job: 'node' };
    const labels = { severity: 'critical', instance: 'host-7', alertname: 'DiskFull', job: 'db', device: '/dev/sda1' };
    assert.deepEqual(distinctLabels(labels, common), [['device', '/dev/sda1'], ['instance', 'host-7'], ['job', 'db']]);
    assert.deepEqual(distinctLabels(labels, undefined).map(([name]) => name), ['alertname', 'device', 'instance', 'job', 'severity']);
    assert.deepEqual(distinctLabels(undefined, common), []);
});

test('only http(s) generator URLs become links', () => {
    assert.equal(webLink('http://prometheus:9090/graph?g0.expr=up'), 'http://prometheus:9090/graph?g0.expr=up');
    assert.equal(webLink('HTTPS://prom.example.com/'), 'HTTPS://prom.example.com/');
    assert.equal(webLink('javascript:alert(1)'), null);
    assert.equal(webLink('data:text/html,hi'), null);
    assert.equal(webLink(null), null);
    assert.equal(webLink(undefined), null);
});

test('a total the service only counted up to its bound says so', () => {
    assert.equal(units.total(10000, false), '10,000+');
    assert.equal(units.total(1502, true), '1,502');
    assert.equal(units.total(1502, undefined), '1,502');
    assert.equal(units.total(null, false), '–');
});
