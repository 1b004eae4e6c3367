// A card and a chart for any metric the service scrapes, laid out from its name, type and HELP
// (/api/metrics and the metrics channel's snapshot): the unit comes from the name's suffix, a counter is
// shown as a rate per second computed from consecutive samples (or from its history), a histogram as
// percentiles of the observations since the previous cycle.

import { BYTE_STEPS, TimeChart } from './charts.js';
import { setText } from './dom.js';
import * as units from './units.js';

const MAX_ROWS = 6;       // a card lists this many series; the chart draws MAX_LINES
const MAX_LINES = 8;
const QUANTILES = [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]];

/** A series' identity within its family: its labels, sorted. */
export function signature(labels) {
    return Object.keys(labels ?? {}).sort().map(key => `${key}=${labels[key]}`).join(',');
}

/**
 * What tells the series of one family apart, for their legend: the instance when only that varies (as the
 * seed's cards show it), else the labels whose values differ, e.g. "code=200, handler=/api/v1/query".
 */
export function seriesLabels(all) {
    const keys = new Set(all.flatMap(labels => Object.keys(labels)));
    const varying = [...keys].sort().filter(key => new Set(all.map(labels => labels[key] ?? '')).size > 1);
    return all.map(labels => {
        if (!varying.length) return labels.instance ?? labels.job ?? 'all';
        if (varying.length === 1 && varying[0] === 'instance') return labels.instance;
        return varying.map(key => `${key}=${labels[key] ?? ''}`).join(', ');
    });
}

function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
}

export class FamilyView {

    /** @param meta {name, type, help, derived} as the snapshot's "metrics" list names it */
    constructor(meta, cards, charts) {
        this.name = meta.name;
        this.type = meta.type;
        this.kind = units.metricUnit(meta.name, meta.type);
        this.format = units.formatterOf(this.kind);
        this.samples = new Map();   // signature -> [ms, value]: the previous sample, for a counter's rate
        this.rates = new Map();     // signature -> latest rate per second
        this.buckets = new Map();   // signature -> previous cumulative buckets, for a histogram
        this.percentiles = new Map();
        this.card = element('article', 'card metric');
        this.card.dataset.metric = meta.name;
        this.card.append(element('h3', null, meta.name), element('p', 'help muted'), element('ul', 'values'));
        this.card.querySelector('.values').append(element('li', 'waiting muted', 'waiting for data…'));
        cards.append(this.card);
        if (!this.kind.histogram) {
            this.figure = element('figure', 'chart metric');
            this.figure.dataset.metric = meta.name;
            const caption = element('figcaption', null, `${meta.name} `);
            caption.append(element('span', 'unit', this.unitText()));
            const plot = element('div', 'plot');
            plot.setAttribute('role', 'img');
            plot.setAttribute('aria-label', `${meta.name} over time`);
            this.figure.append(caption, plot);
            charts.append(this.figure);
            this.chart = new TimeChart(plot, {
                format: this.format, ticks: units.ticksOf(this.kind), windowMs: 15 * 60 * 1000,
                increments: this.kind.unit === 'bytes' && !this.kind.rate ? BYTE_STEPS : undefined,
            });
        }
        this.describe(meta);
    }

    describe(meta) {
        this.card.title = meta.help ?? '';
        setText(this.card.querySelector('.help'), meta.help ?? '');
    }

    unitText() {
        if (this.kind.rate === 'compute') return 'per second, from consecutive samples';
        if (this.kind.rate === 'given') return 'per second';
        return { bytes: 'bytes', seconds: 'seconds', percent: '%', ratio: '%' }[this.kind.unit] ?? this.type;
    }

    remove() {
        this.card.remove();
        this.figure?.remove();
    }

    /** The family's series of one snapshot: the card's rows and one new point per line. */
    snapshot(at, series) {
        const sorted = [...series].sort((a, b) => signature(a.labels).localeCompare(signature(b.labels)));
        const names = seriesLabels(sorted.map(one => one.labels ?? {}));
        const rows = sorted.map((one, i) => ({ key: signature(one.labels), label: names[i], ...this.read(at, one) }));
        this.renderRows(rows);
        this.chart?.append(at, rows.slice(0, MAX_LINES).map(({ key, label, value }) => ({ key, label, value })));
        if (this.figure) this.figure.dataset.total = String(rows.length);
    }

    /** One series' value to show now, and the line under it. */
    read(at, one) {
        const key = signature(one.labels);
        if (this.kind.histogram) {
            const increase = units.bucketIncrease(this.buckets.get(key), one.buckets ?? {});
            this.buckets.set(key, one.buckets ?? {});
            // a cycle without new observations keeps the percentiles of the last one that had some
            if (units.quantile(0.5, increase) !== null) {
                this.percentiles.set(key, Object.fromEntries(QUANTILES.map(([q, level]) => [q, units.quantile(level, increase)])));
            }
            const p = this.percentiles.get(key) ?? {};
            return { value: p.p95 ?? null, sub: `p95 · p50 ${this.format(p.p50 ?? null)} · p99 ${this.format(p.p99 ?? null)} · ${units.count(one.count)} observed` };
        }
        if (this.kind.rate === 'compute') {
            const sample = [at, one.value];
            const rate = units.rateBetween(this.samples.get(key), sample);
            this.samples.set(key, sample);
            if (rate !== null) this.rates.set(key, rate);
            return { value: this.rates.get(key) ?? null, sub: `total ${units.number(one.value)}` };
        }
        return { value: one.value, sub: '' };
    }

    renderRows(rows) {
        const list = this.card.querySelector('.values');
        list.querySelector('.waiting')?.remove();
        const shown = rows.slice(0, MAX_ROWS);
        const keep = new Set(shown.map(row => row.key));
        for (const li of [...list.children]) {
            if (!keep.has(li.dataset.key)) li.remove();
        }
        let previous = null;
        for (const row of shown) {
            let li = [...list.children].find(item => item.dataset.key === row.key);
            if (!li) {
                li = element('li');
                li.dataset.key = row.key;
                li.append(element('strong', 'v'), ' ', element('span', 'sub'), ' ', element('span', 'instance'));
            }
            if (previous ? previous.nextElementSibling !== li : list.firstElementChild !== li) {
                if (previous) previous.after(li); else list.prepend(li);
            }
            setText(li.querySelector('.v'), this.format(row.value));
            setText(li.querySelector('.sub'), row.sub);
            setText(li.querySelector('.instance'), row.label);
            li.classList.toggle('single', rows.length <= 1);
            previous = li;
        }
        if (rows.length > MAX_ROWS) {
            const more = element('li', 'more-series muted', `+ ${rows.length - MAX_ROWS} more series`);
            more.dataset.key = '+more';
            list.append(more);
        }
    }

    /**
     * The points of a range or of the backfill, [{labels, points}], replacing the chart's lines. A counter's
     * become rates; its last two points also give the card a rate before the next cycle does.
     */
    history(series, windowMs) {
        if (!this.chart) return;
        const sorted = [...series].sort((a, b) => signature(a.labels).localeCompare(signature(b.labels)));
        const names = seriesLabels(sorted.map(one => one.labels ?? {}));
        const lines = sorted.slice(0, MAX_LINES).map((one, i) => {
            const raw = (one.points ?? []).filter(([, v]) => v !== null);
            const points = this.kind.rate === 'compute' ? units.ratePoints(raw) : raw;
            const key = signature(one.labels);
            if (this.kind.rate === 'compute' && points.length && !this.rates.has(key)) this.rates.set(key, points[points.length - 1][1]);
            return { key, label: names[i], points };
        });
        this.chart.setWindow(windowMs);
        this.chart.replace(lines);
    }
}
