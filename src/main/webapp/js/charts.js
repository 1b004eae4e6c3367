// uPlot charts: lines over a time window (one per series key, e.g. per instance) and a bar chart.
// Data is kept per series and trimmed to the window, so a page open for hours holds a bounded amount;
// drawing happens at most once per animation frame, and not at all while the tab is hidden.

import uPlot from '../webjars/uplot/1.6.30/dist/uPlot.esm.js';

const PALETTE = ['#6cb6ff', '#ffb454', '#7ee787', '#ff8e86', '#d2a8ff', '#56d4dd', '#f2cc60', '#ff9bce'];
const HEIGHT = 160;

function themeColor(name, fallback) {
    const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
}

/** Tick steps in powers of two of bytes (64 MiB, 128 MiB, …) instead of decimal ones (238 MiB). */
export const BYTE_STEPS = [0, 1, 2, 3, 4, 5].flatMap(power => [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map(n => n * 1024 ** power));

/** Time of day only (the window is minutes to hours long); seconds when the ticks are closer than a minute. */
function timeTicks(u, splits) {
    const step = splits.length > 1 ? splits[1] - splits[0] : 60;
    const format = step < 60 ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' };
    return splits.map(s => new Date(s * 1000).toLocaleTimeString([], format));
}

function axes(valueTicks, increments, time = true) {
    const text = themeColor('--muted', '#9aa7b4');
    const grid = themeColor('--grid', '#2a3540');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui, sans-serif' };
    const values = { ...axis, values: valueTicks, size: 64 };
    if (increments) values.incrs = increments;
    return [time ? { ...axis, values: timeTicks, space: 70 } : axis, values];
}

function latest(values) {
    for (let i = values.length - 1; i >= 0; i--) {
        if (values[i] !== null && values[i] !== undefined) return values[i];
    }
    return null;
}

function widthOf(element) {
    return Math.max(200, Math.floor(element.clientWidth));
}

class Drawing {
    constructor(element) {
        this.element = element;
        this.figure = element.closest('figure') ?? element;
        this.plot = null;
        this.frame = 0;
        new ResizeObserver(() => this.plot?.setSize({ width: widthOf(this.element), height: HEIGHT })).observe(element);
    }

    schedule() {
        if (!this.frame) {
            this.frame = requestAnimationFrame(() => {
                this.frame = 0;
                this.draw();
            });
        }
    }

    /** What is drawn, on the figure's data attributes: for people inspecting the page, and the browser tests. */
    mark(points, series, last, first) {
        this.figure.dataset.points = String(points);
        this.figure.dataset.series = String(series);
        if (last !== undefined) this.figure.dataset.last = String(last);
        if (first !== undefined) this.figure.dataset.first = String(first);
    }
}

/** Lines over time. Series are keyed; a key seen for the first time gets the next colour. */
export class TimeChart extends Drawing {

    /**
     * @param options {format(value) for the legend, ticks(u, splits) for the axis, windowMs,
     *                 increments? (axis steps), styleOf?(key, index) → {stroke?, dash?} overriding the palette}
     */
    constructor(element, options) {
        super(element);
        this.options = options;
        this.series = new Map(); // key -> {label, points: [[ms, value]] oldest first}
        this.keys = '';
    }

    setWindow(windowMs) {
        this.options.windowMs = windowMs;
    }

    /** Replaces everything (a history backfill): [{key, label, points: [[ms, value], …]}]. */
    replace(all) {
        this.series.clear();
        for (const one of all) {
            const points = one.points.filter(([, value]) => value !== null).sort((a, b) => a[0] - b[0]);
            this.series.set(one.key, { label: one.label, points });
        }
        this.trim();
        this.schedule();
    }

    /** Adds one point per series at time ms: [{key, label, value}]. */
    append(ms, values) {
        for (const { key, label, value } of values) {
            let one = this.series.get(key);
            if (!one) {
                one = { label, points: [] };
                this.series.set(key, one);
            }
            if (value === null || value === undefined) continue;
            const points = one.points;
            const last = points[points.length - 1];
            if (!last || last[0] < ms) {
                points.push([ms, value]);
            } else if (last[0] === ms) {
                last[1] = value;
            } else {
                const at = points.findIndex(([t]) => t >= ms);
                if (points[at][0] === ms) points[at][1] = value; else points.splice(at, 0, [ms, value]);
            }
        }
        this.trim();
        this.schedule();
    }

    trim() {
        let newest = 0;
        for (const { points } of this.series.values()) {
            if (points.length) newest = Math.max(newest, points[points.length - 1][0]);
        }
        const oldest = newest - this.options.windowMs;
        for (const [key, one] of this.series) {
            const keep = one.points.findIndex(([t]) => t >= oldest);
            if (keep > 0) one.points.splice(0, keep);
            if (keep === -1) this.series.delete(key);
        }
    }

    /** Aligns the series on the union of their timestamps (uPlot's data layout); gaps are null. */
    aligned(keys) {
        const times = new Set();
        for (const key of keys) {
            for (const [t] of this.series.get(key).points) times.add(t);
        }
        const xs = [...times].sort((a, b) => a - b);
        const index = new Map(xs.map((t, i) => [t, i]));
        const data = [xs.map(t => t / 1000)];
        for (const key of keys) {
            const ys = new Array(xs.length).fill(null);
            for (const [t, v] of this.series.get(key).points) ys[index.get(t)] = v;
            data.push(ys);
        }
        return data;
    }

    draw() {
        const keys = [...this.series.keys()].sort();
        const data = this.aligned(keys);
        const signature = keys.map(k => `${k}=${this.series.get(k).label}`).join('|');
        if (!this.plot || signature !== this.keys) {
            this.plot?.destroy();
            this.keys = signature;
            const { format, ticks, styleOf, increments } = this.options;
            this.plot = new uPlot({
                width: widthOf(this.element),
                height: HEIGHT,
                padding: [10, 30, 0, 0],   // room for the last time label
                scales: { x: { time: true }, y: { range: (u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
                series: [{ value: (u, v, seriesIdx, idx) => (idx == null ? 'latest' : new Date(v * 1000).toLocaleTimeString()) },
                    ...keys.map((key, i) => ({
                    label: this.series.get(key).label,
                    stroke: PALETTE[i % PALETTE.length],
                    ...(styleOf ? styleOf(key, i) : {}),
                    width: 1.5,
                    points: { show: false },
                    // away from the cursor the legend shows the latest value
                    value: (u, v, seriesIdx, idx) => format(idx == null ? latest(u.data[seriesIdx]) : v),
                }))],
                axes: axes(ticks, increments),
                legend: { show: true, live: true },
                cursor: { drag: { x: false, y: false } },
            }, data, this.element);
        } else {
            this.plot.setData(data);
        }
        this.mark(data[0].length, keys.length, data[0].length ? data[0][data[0].length - 1] * 1000 : 0,
            data[0].length ? data[0][0] * 1000 : 0);
    }
}

/** Bars at labelled positions (e.g. histogram buckets). */
export class BarChart extends Drawing {

    constructor(element, options) {
        super(element);
        this.options = options;
        this.labels = [];
        this.values = [];
        this.signature = '';
    }

    set(labels, values) {
        this.labels = labels;
        this.values = values;
        this.schedule();
    }

    draw() {
        const signature = this.labels.join('|');
        const data = [this.labels.map((_, i) => i), this.values];
        if (!this.plot || signature !== this.signature) {
            this.plot?.destroy();
            this.signature = signature;
            const positions = this.labels.map((_, i) => i);
            const [xAxis, yAxis] = axes(this.options.ticks, null, false);
            this.plot = new uPlot({
                width: widthOf(this.element),
                height: HEIGHT,
                scales: { x: { time: false, range: () => [-0.5, Math.max(0.5, positions.length - 0.5)] },
                    y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } },
                series: [
                    { label: 'bucket', value: (u, i) => (i == null ? 'all' : this.labels[i] ?? '') },
                    {
                        label: this.options.label,
                        stroke: PALETTE[0],
                        fill: 'rgba(108, 182, 255, 0.45)',
                        width: 1,
                        paths: uPlot.paths.bars({ size: [0.7, 90] }),
                        points: { show: false },
                        // away from the cursor the legend shows the total
                        value: (u, v, seriesIdx, idx) => this.options.format(idx == null ? this.values.reduce((a, b) => a + b, 0) : v),
                    },
                ],
                axes: [{ ...xAxis, splits: () => positions, values: (u, splits) => splits.map(i => this.labels[i] ?? ''), grid: { show: false } }, yAxis],
                legend: { show: true, live: true },
                cursor: { drag: { x: false, y: false } },
            }, data, this.element);
        } else {
            this.plot.setData(data);
        }
        this.mark(this.values.length, 1);
    }
}
