// The preview's layouts kept for reuse: an edit that changes nothing the layout reads is drawn
// with the layout already made, and the picture is the one a new layout gives; an edit that
// moves or resizes anything is laid out anew.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  buildDiagram,
  LayoutCache,
  layoutDiagram,
  renderSvg,
} from '../../server/src/core';
import { EXAMPLES } from '../support/paths';

const FILE = path.join(EXAMPLES, 'motor-skill-training.pathway.yaml');

/** The picture of a text, from the cache and from a new layout. */
async function drawn(cache: LayoutCache, text: string): Promise<{ kept: string; fresh: string }> {
  const diagram = buildDiagram(analyze(text));
  return {
    kept: renderSvg(await cache.layout(diagram)),
    fresh: renderSvg(await layoutDiagram(diagram)),
  };
}

/** The text with one line edited, checked to have changed. */
function edited(text: string, from: string, to: string): string {
  const changed = text.replace(from, to);
  assert.notEqual(changed, text, `"${from}" is in the example`);
  return changed;
}

describe('layouts kept for the preview', function () {
  this.timeout(60_000);
  const text = fs.readFileSync(FILE, 'utf8');
  // What authors edit all day, and what it does to the chart.
  const detail = edited(
    text,
    '    detail: |\n',
    '    detail: |\n      - Reviewed by the panel in December.\n',
  );
  const question = '    title: Is this chronic non-specific low back pain?\n';
  const longer = (words: number): string =>
    edited(
      text,
      question,
      `    title: Is this chronic non-specific low back pain${' or not'.repeat(words)}?\n`,
    );

  it('an edit to what the chart does not draw reuses the layout, and draws what a new layout draws', async () => {
    const cache = new LayoutCache();
    const first = await drawn(cache, text);
    assert.equal(first.kept, first.fresh);
    assert.equal(cache.reused, 0);
    const second = await drawn(cache, detail);
    assert.equal(cache.reused, 1);
    assert.equal(second.kept, second.fresh);
    // The same picture: only the lines the steps start on moved, by the line added.
    const lines = (svg: string): string => svg.replace(/ data-line="\d+"/g, '');
    assert.equal(lines(second.kept), lines(first.kept));
    // A new title for the pathway is drawn outside the layout: reused, and shown.
    const renamed = await drawn(
      cache,
      edited(text, /^title: .*$/m.exec(text)?.[0] ?? '', 'title: Renamed'),
    );
    assert.equal(cache.reused, 2);
    assert.equal(renamed.kept, renamed.fresh);
  });

  it('a longer title is laid out anew; the text before it keeps its layout', async () => {
    const cache = new LayoutCache();
    const first = await drawn(cache, text);
    const retitled = await drawn(cache, longer(12));
    assert.equal(cache.reused, 0);
    assert.equal(retitled.kept, retitled.fresh);
    assert.notEqual(retitled.kept, first.kept);
    const again = await drawn(cache, text);
    assert.equal(cache.reused, 1);
    assert.equal(again.kept, first.kept);
  });

  it('keeps only the last few layouts', async () => {
    const cache = new LayoutCache(2);
    const texts = [4, 8, 12].map(longer);
    for (const each of texts) await drawn(cache, each);
    assert.equal(cache.reused, 0, 'three sizes, three layouts');
    // The oldest has gone: laid out anew.
    await drawn(cache, texts[0] ?? '');
    assert.equal(cache.reused, 0);
    // The newest is still kept.
    await drawn(cache, texts[2] ?? '');
    assert.equal(cache.reused, 1);
  });
});
