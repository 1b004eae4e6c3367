// Units from metric names, rates, quantiles and chart ranges (units.js), run by node's test runner.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as units from '../../main/webapp/js/units.js';

test('the name suffix chooses the unit; _total becomes a rate the page computes', () => {
    assert.deepEqual(units.metricUnit('process_resident_memory_bytes', 'gauge'), { unit: 'bytes', rate: null, histogram: false });
    assert.deepEqual(units.metricUnit('scrape_duration_seconds', 'gauge'), { unit: 'seconds', rate: null, histogram: false });
    assert.deepEqual(units.metricUnit('disk_usage_percent', 'gauge'), { unit: 'percent', rate: null, histogram: false });
    assert.deepEqual(units.metricUnit('prometheus_http_requests_total', 'counter'), { unit: 'number', rate: 'compute', histogram: false });
    assert.deepEqual(units.metricUnit('node_network_receive_bytes_total', 'counter'), { unit: 'bytes', rate: 'compute', histogram: false });
    assert.deepEqual(units.metricUnit('go_goroutines', 'gauge'), { unit: 'number', rate: null, histogram: false });
    assert.deepEqual(units.metricUnit('cache_hit_ratio', 'gauge'), { unit: 'ratio', rate: null, histogram: false });
    assert.deepEqual(units.metricUnit('request_duration_seconds', 'histogram'), { unit: 'seconds', rate: null, histogram: true });
});

test('derived views: a rate is already one, a quantile keeps its base unit', () => {
    assert.deepEqual(units.metricUnit('http_requests:rate1m', 'gauge'), { unit: 'number', rate: 'given', histogram: false });
    assert.deepEqual(units.metricUnit('cpu_usage_seconds:rate1m', 'gauge'), { unit: 'seconds', rate: 'given', histogram: false });
    assert.deepEqual(units.metricUnit('request_duration_seconds:p95', 'gauge'), { unit: 'seconds', rate: null, histogram: false });
    assert.deepEqual(units.metricUnit('http_requests_total:sum', 'counter'), { unit: 'number', rate: null, histogram: false });
});

test('formatters follow the unit', () => {
    assert.equal(units.formatterOf(units.metricUnit('process_resident_memory_bytes', 'gauge'))(52_428_800), '50 MiB');
    assert.equal(units.formatterOf(units.metricUnit('node_network_receive_bytes_total', 'counter'))(2048), '2 KiB/s');
    assert.equal(units.formatterOf(units.metricUnit('scrape_duration_seconds', 'gauge'))(0.0042), '4.2 ms');
    assert.equal(units.formatterOf(units.metricUnit('scrape_duration_seconds', 'gauge'))(3.5), '3.5 s');
    assert.equal(units.formatterOf(units.metricUnit('disk_usage_percent', 'gauge'))(75.5), '75.5 %');
    assert.equal(units.formatterOf(units.metricUnit('cache_hit_ratio', 'gauge'))(0.25), '25 %');
    assert.equal(units.formatterOf(units.metricUnit('prometheus_http_requests_total', 'counter'))(2.5), '2.5 /s');
    assert.equal(units.formatterOf(units.metricUnit('go_goroutines', 'gauge'))(1234), '1.23k');
    assert.equal(units.formatterOf(units.metricUnit('go_goroutines', 'gauge'))(null), '–');
    assert.equal(units.ticksOf(units.metricUnit('x_bytes', 'gauge'))(null, [1024])[0], '1 KiB');
});

test('plain numbers get k, M, G', () => {
    assert.equal(units.number(42), '42');
    assert.equal(units.number(0.125), '0.13');
    assert.equal(units.number(1500), '1.5k');
    assert.equal(units.number(45_600_000), '45.6M');
    assert.equal(units.number(-2_000_000_000), '-2G');
});

test('a counter rate from consecutive samples, across a reset', () => {
    assert.equal(units.rateBetween([0, 100], [2000, 110]), 5);
    assert.equal(units.rateBetween([0, 100], [2000, 4]), 2, 'the counter restarted: its new value is the increase');
    assert.equal(units.rateBetween([2000, 1], [2000, 5]), null);
    assert.equal(units.rateBetween(null, [2000, 5]), null);
    assert.equal(units.rateBetween([0, null], [2000, 5]), null);
    assert.deepEqual(units.ratePoints([[0, 10], [1000, 12], [2000, 12], [3000, 3]]), [[1000, 2], [2000, 0], [3000, 3]]);
    assert.deepEqual(units.ratePoints([[0, 10]]), []);
});

test('histogram quantiles interpolate within the bucket as Prometheus does', () => {
    const buckets = { '0.1': 50, '0.2': 100, '0.5': 150, '1': 150, '+Inf': 150 };
    const near = (actual, expected) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);
    near(units.quantile(0.5, buckets), 0.15);
    near(units.quantile(0.95, buckets), 0.455);
    near(units.quantile(0.1, buckets), 0.03);
    assert.equal(units.quantile(0.99, { '0.1': 0, '+Inf': 10 }), 0.1, 'in the +Inf bucket: the highest finite bound');
    assert.equal(units.quantile(0.5, { '0.1': 0, '+Inf': 0 }), null);
    assert.equal(units.quantile(0.5, {}), null);
    assert.deepEqual(units.bucketIncrease({ '0.1': 5, '+Inf': 10 }, { '0.1': 7, '+Inf': 15 }), { '0.1': 2, '+Inf': 5 });
    assert.deepEqual(units.bucketIncrease({ '0.1': 5, '+Inf': 10 }, { '0.1': 1, '+Inf': 2 }), { '0.1': 1, '+Inf': 2 });
    assert.deepEqual(units.bucketIncrease(null, { '+Inf': 2 }), { '+Inf': 2 });
});

test('chart ranges go up to the history window, which is always offered', () => {
    assert.deepEqual(units.rangeChoices(units.durationMs('15m')), ['5m', '15m']);
    assert.deepEqual(units.rangeChoices(units.durationMs('5m')), ['5m']);
    assert.deepEqual(units.rangeChoices(units.durationMs('6h')), ['5m', '15m', '1h', '6h']);
    assert.deepEqual(units.rangeChoices(units.durationMs('1d')), ['5m', '15m', '1h', '6h', '1d']);
    assert.deepEqual(units.rangeChoices(units.durationMs('2m')), ['2m']);
    assert.deepEqual(units.rangeChoices(units.durationMs('90m')), ['5m', '15m', '1h', '90m']);
    assert.deepEqual(units.rangeChoices(null), []);
    assert.equal(units.durationText(300_000), '5m');
    assert.equal(units.durationText(5_400_000), '90m');
    assert.equal(units.durationText(86_400_000), '1d');
});
