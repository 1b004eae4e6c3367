// Human units for the numbers the service sends. Every formatter takes null (JSON's NaN/Inf) and answers "–".

const NONE = '–';
const counts = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

function missing(value) {
    return value === null || value === undefined || !Number.isFinite(value);
}

/** Three significant digits, without a trailing ".0". */
function digits(value) {
    const abs = Math.abs(value);
    const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
    return String(Number(value.toFixed(decimals)));
}

export function bytes(value) {
    if (missing(value)) return NONE;
    const steps = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
    let scaled = value;
    let step = 0;
    while (Math.abs(scaled) >= 1024 && step < steps.length - 1) {
        scaled /= 1024;
        step++;
    }
    return `${digits(scaled)} ${steps[step]}`;
}

/** A duration: 850 µs, 120 ms, 4.2 s, 12 min 5 s, 3 h 12 min, 2 d 3 h. */
export function seconds(value) {
    if (missing(value)) return NONE;
    const abs = Math.abs(value);
    if (abs === 0) return '0 s';
    if (abs < 1e-3) return `${digits(value * 1e6)} µs`;
    if (abs < 1) return `${digits(value * 1e3)} ms`;
    if (abs < 60) return `${digits(value)} s`;
    const whole = Math.round(abs);
    const sign = value < 0 ? '-' : '';
    if (whole < 3600) return `${sign}${Math.floor(whole / 60)} min ${whole % 60} s`;
    if (whole < 86400) return `${sign}${Math.floor(whole / 3600)} h ${Math.floor(whole % 3600 / 60)} min`;
    return `${sign}${Math.floor(whole / 86400)} d ${Math.floor(whole % 86400 / 3600)} h`;
}

export function percent(value) {
    return missing(value) ? NONE : `${digits(value)} %`;
}

export function perSecond(value, unit = '/s') {
    return missing(value) ? NONE : `${digits(value)} ${unit}`;
}

export function count(value) {
    return missing(value) ? NONE : counts.format(value);
}

/** A list's total: "10,000+" when the service says it only counted up to that bound (totalExact false). */
export function total(value, exact) {
    return missing(value) || exact !== false ? count(value) : `${count(value)}+`;
}

/**
 * "15m", "2s", "1h30m" → milliseconds (Prometheus durations, as the service writes and reads them); null
 * when the text is not one whole duration ("2h30", "1.5h", "soon") or is zero.
 */
export function durationMs(text) {
    const unit = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000, w: 604800000, y: 31536000000 };
    const whole = String(text ?? '').trim();
    if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(whole)) return null;
    let total = 0;
    for (const [, amount, u] of whole.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(amount) * unit[u];
    return total || null;
}

/** An age in whole seconds, minutes or hours, for "data 42 s old". */
export function age(milliseconds) {
    const s = Math.max(0, Math.round(milliseconds / 1000));
    if (s < 120) return `${s} s`;
    if (s < 7200) return `${Math.round(s / 60)} min`;
    return `${Math.round(s / 3600)} h`;
}

/** A local wall-clock time, with the date when it is not today. */
export function clock(iso) {
    if (!iso) return NONE;
    const date = new Date(iso);
    const today = new Date().toDateString() === date.toDateString();
    return today ? date.toLocaleTimeString() : date.toLocaleString();
}

/** Axis ticks of a chart: short forms of the same units. */
export const ticks = {
    bytes: (u, splits) => splits.map(bytes),
    seconds: (u, splits) => splits.map(seconds),
    percent: (u, splits) => splits.map(v => `${digits(v)}%`),
    rate: (u, splits) => splits.map(v => digits(v)),
};

/** A plain number: three significant digits, k/M/G/T above a thousand (1.23k, 45.6M). */
export function number(value) {
    if (missing(value)) return NONE;
    const abs = Math.abs(value);
    for (const [size, suffix] of [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']]) {
        if (abs >= size) return `${digits(value / size)}${suffix}`;
    }
    return digits(value);
}

/**
 * What a metric's name says about its values, by the Prometheus naming conventions: the unit of its base
 * name (before a derived view's ':'), and whether the page turns it into a rate per second itself.
 * `_total` (a counter) is shown as a rate computed from consecutive samples; a derived view named
 * `…:rate…`/`…:irate…` already is one. Histograms are shown as percentiles.
 * @returns {{unit: 'bytes'|'seconds'|'percent'|'ratio'|'number', rate: 'compute'|'given'|null, histogram: boolean}}
 */
export function metricUnit(name, type) {
    const [base, view = ''] = String(name).split(/:(.*)/s);
    const counter = type === 'counter' || /_total$/.test(base) || /_count$/.test(base);
    const stem = base.replace(/_(total|count|sum)$/, '');
    const unit = /_bytes$/.test(stem) ? 'bytes'
        : /_seconds$/.test(stem) ? 'seconds'
            : /_percent$/.test(stem) ? 'percent'
                : /_ratio$/.test(stem) ? 'ratio' : 'number';
    const givenRate = /^i?rate/.test(view);
    const rate = givenRate ? 'given' : (counter && !view && type !== 'histogram' ? 'compute' : null);
    return { unit, rate, histogram: type === 'histogram' };
}

/** The formatter of a metric's values: human units, with "/s" for a rate. */
export function formatterOf({ unit, rate }) {
    const perSecond = rate ? '/s' : '';
    switch (unit) {
        case 'bytes': return v => (missing(v) ? NONE : `${bytes(v)}${perSecond}`);
        case 'seconds': return rate ? (v => (missing(v) ? NONE : `${digits(v)} s/s`)) : seconds;
        case 'percent': return percent;
        case 'ratio': return v => (missing(v) ? NONE : percent(v * 100));
        default: return v => (missing(v) ? NONE : `${number(v)}${perSecond ? ' /s' : ''}`);
    }
}

/** The axis ticks of a chart of such a metric. */
export function ticksOf({ unit, rate }) {
    switch (unit) {
        case 'bytes': return ticks.bytes;
        case 'seconds': return rate ? ticks.rate : ticks.seconds;
        case 'percent': return ticks.percent;
        case 'ratio': return (u, splits) => splits.map(v => `${digits(v * 100)}%`);
        default: return (u, splits) => splits.map(number);
    }
}

/** A counter's rate per second between two samples [ms, value]; a reset (the value fell) counts from zero. */
export function rateBetween(previous, current) {
    if (!previous || !current || missing(previous[1]) || missing(current[1])) return null;
    const seconds = (current[0] - previous[0]) / 1000;
    if (seconds <= 0) return null;
    const increase = current[1] >= previous[1] ? current[1] - previous[1] : current[1];
    return increase / seconds;
}

/** A counter's points [[ms, value], …] oldest first → its rate per second at each point after the first. */
export function ratePoints(points) {
    const rates = [];
    for (let i = 1; i < points.length; i++) {
        const rate = rateBetween(points[i - 1], points[i]);
        if (rate !== null) rates.push([points[i][0], rate]);
    }
    return rates;
}

/**
 * The q-quantile of a histogram's cumulative buckets {"0.1": 50, …, "+Inf": 150}, interpolated linearly
 * within the bucket as Prometheus' histogram_quantile does; null without observations.
 */
export function quantile(q, buckets) {
    const sorted = Object.entries(buckets ?? {})
        .map(([le, count]) => [le === '+Inf' ? Infinity : Number(le), count ?? 0])
        .filter(([le]) => !Number.isNaN(le))
        .sort((a, b) => a[0] - b[0]);
    if (!sorted.length) return null;
    const total = sorted[sorted.length - 1][1];
    if (!(total > 0)) return null;
    const rank = q * total;
    let lowerBound = 0;
    let lowerCount = 0;
    for (const [le, count] of sorted) {
        if (count >= rank) {
            if (le === Infinity) return lowerBound;    // as Prometheus: the highest finite bound
            if (count === lowerCount) return le;
            return lowerBound + (le - lowerBound) * (rank - lowerCount) / (count - lowerCount);
        }
        lowerBound = le;
        lowerCount = count;
    }
    return lowerBound;
}

/** The increase of cumulative buckets between two snapshots (a reset: the newer counts alone). */
export function bucketIncrease(previous, current) {
    if (!previous) return current;
    const out = {};
    let reset = false;
    for (const [le, count] of Object.entries(current ?? {})) {
        const before = previous[le] ?? 0;
        if ((count ?? 0) < before) reset = true;
        out[le] = (count ?? 0) - before;
    }
    return reset ? current : out;
}

/** A duration in milliseconds in Prometheus' short form, the largest whole unit: 300000 → "5m", 21600000 → "6h". */
export function durationText(milliseconds) {
    for (const [size, unit] of [[86400000, 'd'], [3600000, 'h'], [60000, 'm'], [1000, 's']]) {
        if (milliseconds >= size && milliseconds % size === 0) return `${milliseconds / size}${unit}`;
    }
    return `${milliseconds}ms`;
}

const RANGES = ['5m', '15m', '1h', '6h'];

/** The chart ranges a page offers for a history window: 5m, 15m, 1h, 6h up to it, and the window itself. */
export function rangeChoices(windowMs) {
    if (!windowMs) return [];
    const choices = RANGES.filter(range => durationMs(range) <= windowMs);
    const window = durationText(windowMs);
    if (!choices.includes(window)) choices.push(window);
    return choices;
}
