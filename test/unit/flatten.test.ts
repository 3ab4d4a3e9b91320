import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyzeWhole,
  flattenParsed,
  IncrementalAnalyzer,
  parsePathwayText,
  unflattenParsedNow,
  type Analysis,
  type Steps,
} from '../../server/src/core';
import { fuzzCase, fuzzCorpus } from '../support/fuzz';
import { EXAMPLES, FIXTURES } from '../support/paths';
import { syntheticPathway } from '../support/synthetic';

/**
 * The language server parses a large file that must be read whole in a worker thread and
 * rebuilds the parse from a flat form (server/src/core/parse/flatten.ts). What it rebuilds
 * must be exactly what a parse in place gives: the source tree with every span, key order
 * and value, the syntax problems, and so every finding.
 */
function pathwayFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.pathway.yaml'))
    .map((name) => path.join(folder, name));
}

function corpus(): { what: string; text: string }[] {
  const files = [...pathwayFiles(EXAMPLES), ...pathwayFiles(FIXTURES)].map((file) => ({
    what: path.relative(FIXTURES, file),
    text: fs.readFileSync(file, 'utf8'),
  }));
  const seedlings = fuzzCorpus();
  const fuzzed = Array.from({ length: 200 }, (_, i) => {
    const c = fuzzCase(i + 1, seedlings);
    return { what: `fuzz seed ${c.seed}`, text: c.text };
  });
  const odd = [
    'a: &x [1, 2.50, .inf, -.inf, .nan, 0x1F, true, false, null, ~]\nb: *x\n',
    '__proto__: {constructor: 1, "1": x, "0": y}\nsteps: []\n',
    '- \n- &a\n-\n- [ ]\n- { }\n',
    '\uFEFFkey: |\n  text\n\n',
  ].map((text, i) => ({ what: `odd ${i}`, text }));
  return [...files, ...fuzzed, ...odd];
}

/** The analysis in steps, answering its parse request as the server's worker does. */
function analyzedElsewhere(steps: Steps<Analysis>): Analysis {
  let answer;
  for (;;) {
    const step = steps.next(answer);
    answer = undefined;
    if (step.done) return step.value;
    if (typeof step.value === 'object') {
      answer = flattenParsed(parsePathwayText(step.value.text, step.value.aliasText));
    }
  }
}

describe('a parse handed over flat (the server’s worker thread)', function () {
  this.timeout(60_000);

  it('rebuilds exactly the parse in place, for every example, fixture and fuzzed file', () => {
    const cases = corpus();
    assert.ok(cases.length > 400);
    for (const { what, text } of cases) {
      const parsed = parsePathwayText(text);
      assert.deepStrictEqual(unflattenParsedNow(text, flattenParsed(parsed)), parsed, what);
    }
  });

  it('an analysis given the parse from elsewhere finds exactly what one in place finds', () => {
    const cases = [
      ...corpus(),
      // Too deep, and aliases over their budget: refused the same way.
      { what: 'deep', text: `a: ${'['.repeat(200)}` },
      { what: 'aliases', text: `a: &x ${'x'.repeat(1000)}\nb: [${'*x, '.repeat(20)}]\n` },
    ];
    for (const { what, text } of cases) {
      const options = { maxFileSize: 10_000 };
      const elsewhere = analyzedElsewhere(new IncrementalAnalyzer().steps(text, options));
      const inPlace = new IncrementalAnalyzer().analyze(text, options);
      assert.deepStrictEqual(elsewhere.findings, inPlace.findings, what);
      assert.deepStrictEqual(elsewhere.parsed.tree, inPlace.parsed.tree, what);
    }
  });

  it('a large pathway with an anchor: the same findings and tree', () => {
    const text = syntheticPathway({ steps: 2000 }).replace(
      'population: >-',
      'population: &population >-',
    );
    const analyzer = new IncrementalAnalyzer();
    const elsewhere = analyzedElsewhere(analyzer.steps(text));
    assert.equal(analyzer.lastMode, 'whole');
    const inPlace = analyzeWhole(text);
    assert.deepStrictEqual(elsewhere.findings, inPlace.findings);
    assert.deepStrictEqual(elsewhere.parsed.tree, inPlace.parsed.tree);
    assert.equal(elsewhere.model?.steps.size, 2000);
  });
});
