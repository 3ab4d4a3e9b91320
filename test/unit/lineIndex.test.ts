import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core';

describe('LineIndex: offsets to LSP positions', () => {
  it('counts \\n, \\r\\n and a lone \\r as line breaks', () => {
    const index = new LineIndex('a\nbb\r\nccc\rd');
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(2), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 2 });
    assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
    assert.deepEqual(index.positionAt(10), { line: 3, character: 0 });
    assert.equal(index.lineCount, 4);
    assert.equal(index.lineText(1), 'bb');
  });

  it('measures columns in UTF-16 code units (an emoji is two)', () => {
    const text = 'title: 🦴 x';
    const index = new LineIndex(text);
    assert.deepEqual(index.positionAt(text.indexOf('x')), { line: 0, character: 10 });
  });

  it('clamps offsets outside the text', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.positionAt(-4), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
  });
});
