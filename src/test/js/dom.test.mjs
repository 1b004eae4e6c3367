// How the dashboard shows text from alerts, run by node's test runner (DashboardScriptsIT starts it from Maven).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shown } from '../../main/webapp/js/dom.js';

test('bidirectional controls are made visible, so that no label reverses the line it is in', () => {
    assert.equal(shown('invoice\u202Egpj.exe'), 'invoice[U+202E]gpj.exe');
    assert.equal(shown('a\u2066b\u2069c\u200Fd'), 'a[U+2066]b[U+2069]c[U+200F]d');
});

test('everything else is left as it is', () => {
    const text = '<img src=x onerror=alert(1)> 🔥 👩‍👩‍👧‍👦 \u0007 \u05e9\u05dc\u05d5\u05dd';
    assert.equal(shown(text), text);
    assert.equal(shown(undefined), undefined);
});
