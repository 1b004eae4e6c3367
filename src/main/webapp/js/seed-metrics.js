// The seed's five cards and five charts, drawn as they always were from the metric names of the service's
// built-in query list. A card or chart none of whose metrics the service scrapes is hidden; every metric it
// does not claim is left to the generic views (metric-family.js).

import { BYTE_STEPS, BarChart, TimeChart } from './charts.js';
import { setText } from './dom.js';
import * as units from './units.js';

const CPU_TOTAL = 'cpu_usage_seconds_total';
const CPU_RATE = 'cpu_usage_seconds:rate1m';
const MEMORY = 'memory_usage_bytes';
const DISK = 'disk_usage_percent';
const REQUESTS_TOTAL = 'http_requests_total';
const REQUEST_RATE = 'http_requests:rate1m';
const DURATION = 'request_duration_seconds';
const QUANTILES = { 'request_duration_seconds:p50': 'p50', 'request_duration_seconds:p95': 'p95', 'request_duration_seconds:p99': 'p99' };
const QUANTILE_COLORS = { p50: '#7ee787', p95: '#ffb454', p99: '#ff8e86' };
const DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3]];
const DEFAULT_WINDOW_MS = 15 * 60 * 1000;

/** The metric names each card and chart of the seed's layout is drawn from. */
const CARD_SOURCES = {
    cpu: [CPU_RATE, CPU_TOTAL], memory: [MEMORY], disk: [DISK], requests: [REQUEST_RATE, REQUESTS_TOTAL],
    latency: Object.keys(QUANTILES),
};
const CHART_SOURCES = { requests: [REQUEST_RATE], latency: Object.keys(QUANTILES), cpu: [CPU_RATE], memory: [MEMORY], histogram: [DURATION] };

/** Every name the seed's layout shows; the others get cards and charts of their own. */
export const SEED_NAMES = new Set([...Object.values(CARD_SOURCES).flat(), ...Object.values(CHART_SOURCES).flat()]);

/** A bucket's upper bound: "0.5" → 0.5, "+Inf" → Infinity. */
function bound(le) {
    return le === '+Inf' ? Infinity : Number(le);
}

/** Where a series comes from: its instance, else its job, else its labels. */
export function instanceOf(labels) {
    return labels.instance ?? labels.job ?? (Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') || 'all');
}

export class SeedMetrics {

    constructor(root) {
        this.root = root;
        this.cards = new Map([...root.querySelectorAll('[data-card]')].map(card => [card.dataset.card, card]));
        this.instances = [];
        this.lastHistogram = null;
        const plot = name => root.querySelector(`[data-chart="${name}"] .plot`);
        this.charts = {
            requests: new TimeChart(plot('requests'), { format: v => units.perSecond(v, 'req/s'), ticks: units.ticks.rate, windowMs: DEFAULT_WINDOW_MS }),
            latency: new TimeChart(plot('latency'), {
                format: units.seconds, ticks: units.ticks.seconds, windowMs: DEFAULT_WINDOW_MS,
                // a colour per percentile; with several instances, a dash pattern per instance
                styleOf: key => {
                    const [quantile, instance] = key.split(' ');
                    return { stroke: QUANTILE_COLORS[quantile], dash: DASHES[Math.max(0, this.instances.indexOf(instance)) % DASHES.length] };
                },
            }),
            cpu: new TimeChart(plot('cpu'), { format: units.percent, ticks: units.ticks.percent, windowMs: DEFAULT_WINDOW_MS }),
            memory: new TimeChart(plot('memory'), { format: units.bytes, ticks: units.ticks.bytes, increments: BYTE_STEPS, windowMs: DEFAULT_WINDOW_MS }),
        };
        this.histogram = new BarChart(plot('histogram'), { label: 'requests', format: units.count, ticks: (u, splits) => splits.map(units.count) });
    }

    /** The chart each history/update series feeds, with its key, legend label and scaled value; null when none. */
    route(name, labels, value) {
        const instance = instanceOf(labels);
        const several = this.instances.length > 1;
        const plain = { key: instance, label: instance, value };
        switch (name) {
            case REQUEST_RATE: return { chart: this.charts.requests, ...plain };
            case CPU_RATE: return { chart: this.charts.cpu, ...plain, value: value === null ? null : value * 100 };
            case MEMORY: return { chart: this.charts.memory, ...plain };
            default: {
                const quantile = QUANTILES[name];
                if (!quantile) return null;
                return { chart: this.charts.latency, key: `${quantile} ${instance}`, label: several ? `${quantile} ${instance}` : quantile, value };
            }
        }
    }

    /** A snapshot or update: the cards and one new point on every chart. */
    snapshot(data) {
        const series = data.series ?? [];
        this.learnInstances(series);
        const at = Date.parse(data.timestamp);
        const perChart = new Map();
        for (const one of series) {
            if (one.type === 'histogram') continue;
            const routed = this.route(one.name, one.labels ?? {}, one.value);
            if (!routed) continue;
            if (!perChart.has(routed.chart)) perChart.set(routed.chart, []);
            perChart.get(routed.chart).push(routed);
        }
        perChart.forEach((values, chart) => chart.append(at, values));
        this.updateCards(series);
        this.updateHistogram(series.filter(one => one.name === DURATION && one.buckets));
    }

    /** Shows the cards and charts whose metrics the service scrapes, hides the others. */
    showScraped(names) {
        for (const [card, sources] of Object.entries(CARD_SOURCES)) {
            this.cards.get(card).hidden = !sources.some(name => names.has(name));
        }
        for (const [chart, sources] of Object.entries(CHART_SOURCES)) {
            this.root.querySelector(`[data-chart="${chart}"]`).hidden = !sources.some(name => names.has(name));
        }
    }

    /** The names a chart range needs the history of. */
    chartedNames(names) {
        return [REQUEST_RATE, CPU_RATE, MEMORY, ...Object.keys(QUANTILES)].filter(name => names.has(name));
    }

    /**
     * A history (the backfill, or the points of a chosen range): the charts are replaced, so a reconnection
     * starts from the server's window. series: [{name, labels, points}]
     */
    history(series, windowMs = DEFAULT_WINDOW_MS) {
        const perChart = new Map(Object.values(this.charts).map(chart => [chart, []]));
        const instances = new Set(series.filter(one => SEED_NAMES.has(one.name)).map(one => instanceOf(one.labels ?? {})));
        if (instances.size > this.instances.length) this.instances = [...instances].sort();
        for (const one of series) {
            const routed = this.route(one.name, one.labels ?? {}, 0);
            if (!routed) continue;
            const scale = routed.chart === this.charts.cpu ? 100 : 1;
            const points = (one.points ?? []).map(([t, v]) => [t, v === null ? null : v * scale]);
            perChart.get(routed.chart).push({ key: routed.key, label: routed.label, points });
        }
        perChart.forEach((all, chart) => {
            chart.setWindow(windowMs);
            chart.replace(all);
        });
    }

    learnInstances(series) {
        const seen = [...new Set(series.filter(one => one.name === MEMORY || one.name === REQUESTS_TOTAL)
            .map(one => instanceOf(one.labels ?? {})))].sort();
        if (seen.length && seen.join('|') !== this.instances.join('|')) this.instances = seen;
    }

    updateCards(series) {
        const by = name => new Map(series.filter(one => one.name === name).map(one => [instanceOf(one.labels ?? {}), one]));
        const value = (map, instance) => map.get(instance)?.value ?? null;
        const cpuRate = by(CPU_RATE);
        const cpuTotal = by(CPU_TOTAL);
        const memory = by(MEMORY);
        const disk = by(DISK);
        const rate = by(REQUEST_RATE);
        const total = by(REQUESTS_TOTAL);
        const quantiles = Object.fromEntries(Object.entries(QUANTILES).map(([name, q]) => [q, by(name)]));
        for (const instance of this.instances) {
            const cpu = value(cpuRate, instance);
            this.setRow('cpu', instance, cpu === null ? units.seconds(value(cpuTotal, instance)) : units.percent(cpu * 100),
                cpu === null ? 'CPU time' : `of one core · CPU time ${units.seconds(value(cpuTotal, instance))}`);
            this.setRow('memory', instance, units.bytes(value(memory, instance)), 'resident');
            this.setRow('disk', instance, units.percent(value(disk, instance)), 'used');
            this.setRow('requests', instance, units.perSecond(value(rate, instance), 'req/s'),
                `total ${units.count(value(total, instance))}`);
            this.setRow('latency', instance, units.seconds(value(quantiles.p95, instance)),
                `p95 · p50 ${units.seconds(value(quantiles.p50, instance))} · p99 ${units.seconds(value(quantiles.p99, instance))}`);
        }
        if (!this.instances.length) return;
        for (const card of this.cards.values()) {
            for (const row of card.querySelectorAll('li')) {
                if (!this.instances.includes(row.dataset.instance)) row.remove();
            }
        }
    }

    /** One line of a card per instance, created once and then only its text changes. */
    setRow(card, instance, main, sub) {
        const list = this.cards.get(card).querySelector('.values');
        let row = [...list.children].find(li => li.dataset.instance === instance);
        if (!row) {
            row = document.createElement('li');
            row.dataset.instance = instance;
            row.innerHTML = '<strong class="v"></strong> <span class="sub"></span> <span class="instance"></span>';
            row.querySelector('.instance').textContent = instance;
            list.append(row);
        }
        setText(row.querySelector('.v'), main);
        setText(row.querySelector('.sub'), sub);
        row.classList.toggle('single', this.instances.length <= 1);
    }

    /** Bars of requests per bucket (cumulative counts differenced), summed over instances. */
    updateHistogram(histograms) {
        if (!histograms.length) return;
        const totals = new Map();
        for (const one of histograms) {
            for (const [le, n] of Object.entries(one.buckets)) totals.set(le, (totals.get(le) ?? 0) + (n ?? 0));
        }
        const bounds = [...totals.keys()].sort((a, b) => bound(a) - bound(b));
        const labels = [];
        const values = [];
        let below = 0;
        let previousBound = null;
        for (const le of bounds) {
            const cumulative = totals.get(le);
            const upper = bound(le);
            const short = seconds => units.seconds(seconds).replace(' ', '');   // "≤100ms": five fit on a phone
            labels.push(upper === Infinity ? `>${short(previousBound)}` : `≤${short(upper)}`);
            values.push(Math.max(0, cumulative - below));
            below = cumulative;
            previousBound = upper;
        }
        this.histogram.set(labels, values);
    }
}
