// The dashboard's unit formatting, run by node's test runner (DashboardScriptsIT starts it from Maven).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as units from '../../main/webapp/js/units.js';
import { channelUrl } from '../../main/webapp/js/live.js';

test('bytes are binary multiples with three significant digits', () => {
    assert.equal(units.bytes(256000000), '244 MiB');
    assert.equal(units.bytes(1536 * 1024 * 1024), '1.5 GiB');
    assert.equal(units.bytes(512), '512 B');
    assert.equal(units.bytes(10.5 * 1024), '10.5 KiB');
});

test('durations pick their unit', () => {
    assert.equal(units.seconds(0.00042), '420 µs');
    assert.equal(units.seconds(0.0713), '71.3 ms');
    assert.equal(units.seconds(0.1), '100 ms');
    assert.equal(units.seconds(1), '1 s');
    assert.equal(units.seconds(12.34), '12.3 s');
    assert.equal(units.seconds(725), '12 min 5 s');
    assert.equal(units.seconds(3 * 3600 + 12 * 60), '3 h 12 min');
    assert.equal(units.seconds(2 * 86400 + 3 * 3600), '2 d 3 h');
    assert.equal(units.seconds(0), '0 s');
});

test('percent, rates and counts', () => {
    assert.equal(units.percent(75.5), '75.5 %');
    assert.equal(units.percent(100), '100 %');
    assert.equal(units.perSecond(21.347, 'req/s'), '21.3 req/s');
    assert.equal(units.count(1502), '1,502');
});

test('missing values (JSON null for NaN or Inf) show a dash', () => {
    for (const format of [units.bytes, units.seconds, units.percent, units.perSecond, units.count]) {
        assert.equal(format(null), '–');
        assert.equal(format(undefined), '–');
    }
});

test('ages and Prometheus durations', () => {
    assert.equal(units.age(42_400), '42 s');
    assert.equal(units.age(600_000), '10 min');
    assert.equal(units.age(3 * 3600_000), '3 h');
    assert.equal(units.durationMs('15m'), 900_000);
    assert.equal(units.durationMs('2s'), 2_000);
    assert.equal(units.durationMs('1h30m'), 5_400_000);
    assert.equal(units.durationMs('nonsense'), null);
});

test('the channel address follows the page, behind a proxy and under TLS too', () => {
    assert.equal(channelUrl(new URL('http://localhost:8005/')), 'ws://localhost:8005/ws');
    assert.equal(channelUrl(new URL('https://ops.example.com/metrics/')), 'wss://ops.example.com/metrics/ws');
    assert.equal(channelUrl(new URL('https://ops.example.com/metrics/index.html?x=1')), 'wss://ops.example.com/metrics/ws');
});
