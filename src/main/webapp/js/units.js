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

/** "15m", "2s", "1h30m" → milliseconds (Prometheus durations as the service writes them); null when none. */
export function durationMs(text) {
    const unit = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000, w: 604800000, y: 31536000000 };
    let total = 0;
    for (const [, amount, u] of String(text).matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(amount) * unit[u];
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
