// The metrics half of the page: the seed's cards and charts (seed-metrics.js) for the metrics of the
// built-in query list, and a card and a chart of their own for every other metric the service scrapes
// (metric-family.js), fed by the metrics channel's snapshot, history and update messages. The chart range
// is chosen on the page; a new range redraws every chart from GET /api/metrics/history.

import { getJson } from './api.js';
import { FamilyView } from './metric-family.js';
import { SEED_NAMES, SeedMetrics } from './seed-metrics.js';
import { setText } from './dom.js';
import * as units from './units.js';

export class MetricsView {

    /** @param onRange told when the user picked a range, to keep it in the address */
    constructor(root, onRange) {
        this.root = root;
        this.seed = new SeedMetrics(root);
        this.cards = root.querySelector('#cards');
        this.charts = root.querySelector('.charts');
        this.families = new Map();     // name -> FamilyView
        this.meta = new Map();         // name -> {name, type, help, derived}
        this.windowMs = null;          // HISTORY_WINDOW as the service reports it
        this.wanted = null;            // the range asked for (URL or picker), kept even before the window is known
        this.generation = 0;
        this.picker = root.querySelector('#chart-range');
        this.rangeError = root.querySelector('#chart-range-error');
        this.picker.addEventListener('change', () => {
            this.setRange(this.picker.value);
            onRange(this.range());
        });
    }

    /** The range the charts show: the one asked for when the service keeps that much, else HISTORY_WINDOW. */
    range() {
        if (this.windowMs === null) return this.wanted;
        return units.rangeChoices(this.windowMs).includes(this.wanted) ? this.wanted : units.durationText(this.windowMs);
    }

    /** The range asked for, for the address: null when none was, or the service does not keep that much. */
    chosenRange() {
        if (!this.wanted) return null;
        return this.windowMs === null || units.rangeChoices(this.windowMs).includes(this.wanted) ? this.wanted : null;
    }

    rangeMs() {
        return units.durationMs(this.range()) ?? this.windowMs ?? 15 * 60 * 1000;
    }

    /** A range from the address or the picker; an unknown one is ignored once the window is known. */
    setRange(range) {
        const before = this.range();
        this.wanted = range || null;
        this.showPicker();
        if (this.windowMs !== null && this.range() !== before) this.loadRange();
    }

    showPicker() {
        const choices = units.rangeChoices(this.windowMs);
        const label = this.picker.closest('label');
        label.hidden = choices.length < 2;
        if ([...this.picker.options].map(o => o.value).join() !== choices.join()) {
            this.picker.replaceChildren(...choices.map(range => new Option(range, range)));
        }
        if (this.windowMs !== null) this.picker.value = this.range();
    }

    /** A snapshot or update: which metrics there are, the cards and one new point on every chart. */
    snapshot(data) {
        const series = data.series ?? [];
        this.learn(data.metrics, series);
        this.seed.snapshot(data);
        const at = Date.parse(data.timestamp);
        const byName = new Map();
        for (const one of series) {
            if (!byName.has(one.name)) byName.set(one.name, []);
            byName.get(one.name).push(one);
        }
        for (const [name, view] of this.families) {
            if (byName.has(name)) view.snapshot(at, byName.get(name));
        }
    }

    /**
     * The names, types and HELP of what the service scrapes, in the order of its query list (a service
     * without that list: from the series). Views are made for new names and dropped for names gone.
     */
    learn(metrics, series) {
        const list = Array.isArray(metrics) ? metrics
            : [...new Map(series.map(one => [one.name, { name: one.name, type: one.type, help: '', derived: Boolean(one.derived) }])).values()];
        this.meta = new Map(list.map(meta => [meta.name, meta]));
        this.seed.showScraped(new Set(this.meta.keys()));
        let added = [];
        for (const meta of list) {
            if (SEED_NAMES.has(meta.name)) continue;
            const view = this.families.get(meta.name);
            if (view && view.type === meta.type) {
                view.describe(meta);
            } else {
                view?.remove();
                this.families.set(meta.name, new FamilyView(meta, this.cards, this.charts));
                added.push(meta.name);
            }
        }
        for (const [name, view] of this.families) {
            if (!this.meta.has(name)) {
                view.remove();
                this.families.delete(name);
            }
        }
        // a metric that appeared after the backfill has no history yet: ask for its points
        added = added.filter(name => this.meta.get(name).type !== 'histogram');
        if (added.length && this.windowMs !== null) this.loadRange(added);
    }

    /** The history backfill (on every (re)subscription): HISTORY_WINDOW of the metrics kept in history. */
    history(data) {
        this.windowMs = units.durationMs(data.window) ?? this.windowMs;
        this.showPicker();
        const series = data.series ?? [];
        // the names of the backfill too, should it come before the first snapshot named them
        this.apply(series, [...new Set([...this.chartedNames(), ...series.map(one => one.name)])]);
        // metrics without HISTORY yes (or a range shorter than the window, for the seed's charts: trimmed)
        const backfilled = new Set(series.map(one => one.name));
        const missing = [...this.families.keys()].filter(name => this.meta.get(name)?.type !== 'histogram' && !backfilled.has(name));
        if (missing.length) this.loadRange(missing);
    }

    /** Every name a chart is drawn from. */
    chartedNames() {
        const names = new Set(this.meta.keys());
        return [...this.seed.chartedNames(names), ...[...this.families.keys()].filter(name => this.meta.get(name)?.type !== 'histogram')];
    }

    /** Redraws charts from GET /api/metrics/history for the range shown: every chart, or the named ones. */
    async loadRange(only) {
        const names = only ?? this.chartedNames();
        const range = this.range();
        const generation = only ? this.generation : ++this.generation;
        this.root.dataset.loading = range;
        try {
            const answers = await Promise.all(names.map(name => getJson('api/metrics/history', { name, range })));
            if (generation !== this.generation) return;
            this.showRangeError(null);
            this.apply(answers.flatMap(answer => answer.series.map(one => ({ ...one, name: answer.name }))), names);
            this.root.dataset.range = range;
        } catch (error) {
            if (generation === this.generation) this.showRangeError(`The ${range} history could not be loaded. ${error.message}`);
        } finally {
            if (generation === this.generation) delete this.root.dataset.loading;
        }
    }

    /** Hands each chart the series of its names; charts of names not in `names` keep what they show. */
    apply(series, names) {
        const windowMs = this.rangeMs();
        const seedNames = names.filter(name => SEED_NAMES.has(name));
        if (seedNames.length) this.seed.history(series.filter(one => SEED_NAMES.has(one.name)), windowMs);
        for (const name of names) {
            this.families.get(name)?.history(series.filter(one => one.name === name), windowMs);
        }
        for (const figure of this.charts.querySelectorAll('figure')) figure.dataset.range = this.range() ?? '';
    }

    showRangeError(message) {
        this.rangeError.hidden = !message;
        setText(this.rangeError, message ?? '');
    }
}
