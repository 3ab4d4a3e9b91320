// The scenarios as the editor shows them (scenarioReports), in process: each in the order
// written with its status and message, its id and whole block placed on the text, and for a
// failed one the broken entry with what it expected and, for an end, where the route ended.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, scenarioReports, type ScenarioReport } from '../../server/src/core';
import { analyzeInCase } from '../support/caseFiles';
import { ROOT } from '../support/paths';

const TEXT = fs.readFileSync(
  path.join(ROOT, 'test', 'inputs', 'scenarios', 'statuses.pathway.yaml'),
  'utf8',
);

function reports(text = TEXT): Map<string, ScenarioReport> {
  const analysis = analyze(text);
  assert.ok(analysis.model);
  return new Map(scenarioReports(analysis.model, text).map((r) => [r.id, r]));
}

const slice = (span: { start: number; end: number }, text = TEXT): string =>
  text.slice(span.start, span.end);

describe('scenarioReports', () => {
  it('lists every scenario in the order written, with its status', () => {
    assert.deepEqual(
      [...reports().values()].map((r) => [r.id, r.status]),
      [
        ['improves-with-classes', 'passed'],
        ['unchanged-goes-home', 'failed'],
        ['misses-classes', 'failed'],
        ['meets-advice', 'failed'],
        ['no-red-flag-given', 'stuck'],
        ['weeks-in-words', 'not-run'],
      ],
    );
  });

  it('places each id and its whole block on the text', () => {
    for (const report of reports().values()) {
      assert.equal(slice(report.keySpan), report.id);
      const block = slice(report.blockSpan);
      assert.ok(block.startsWith(`${report.id}:\n    `), report.id);
      // The block ends with its last value: the next scenario (or the file's end) follows.
      const after = TEXT.slice(report.blockSpan.end);
      assert.match(after, /^\s*(#.*\n\s*)?([a-z-]+:|$)/, report.id);
    }
  });

  it('names the broken entry of a failed scenario, and the end reached for a wrong end', () => {
    const got = reports();
    const end = got.get('unchanged-goes-home')?.broken;
    assert.deepEqual(end && { ...end, span: slice(end.span) }, {
      key: 'end',
      step: 'self-management',
      reached: 'specialist',
      span: 'self-management',
    });
    const passes = got.get('misses-classes')?.broken;
    assert.deepEqual(passes && [passes.key, passes.step, passes.reached, slice(passes.span)], [
      'passes',
      'classes',
      undefined,
      'classes',
    ]);
    const avoids = got.get('meets-advice')?.broken;
    assert.deepEqual(avoids && [avoids.key, avoids.step, slice(avoids.span)], [
      'avoids',
      'advice',
      'advice',
    ]);
    // The span is the entry in its own scenario, not the same words in an earlier one.
    assert.ok((end?.span.start ?? 0) > (got.get('unchanged-goes-home')?.keySpan.start ?? 0));
  });

  it('says nothing more of a pass, and why of the others', () => {
    const got = reports();
    assert.equal(got.get('improves-with-classes')?.message, '');
    assert.equal(got.get('improves-with-classes')?.broken, undefined);
    assert.match(
      got.get('no-red-flag-given')?.message ?? '',
      /^Scenario "no-red-flag-given" cannot go on: /,
    );
    assert.equal(got.get('no-red-flag-given')?.broken, undefined);
    assert.match(
      got.get('weeks-in-words')?.message ?? '',
      /is not run: its facts, choices or step ids have a mistake/,
    );
    assert.deepEqual(got.get('weeks-in-words')?.route, []);
  });

  it('says when a scenario waits on a sub-pathway that cannot be followed, and when it has a mistake of its own', () => {
    const why = (folder: string, id: string): string | undefined => {
      const analysis = analyzeInCase(folder, 'acute-lbp.pathway.yaml');
      assert.ok(analysis.model);
      const report = scenarioReports(analysis.model, analysis.parsed.text).find((r) => r.id === id);
      assert.equal(report?.status, 'not-run');
      return report?.message;
    };
    // The used file is missing: its input and its steps may be named right.
    assert.equal(
      why('scenarios--crossing-broken-use', 'cauda-equina'),
      'Scenario "cauda-equina" is not run: it names inputs or steps of a sub-pathway that cannot be followed. Fix the sub-pathway step\'s "use" first.',
    );
    // The used file is read, and no pathway of the chain has the input named.
    assert.match(
      why('unknown-input--fact-in-no-file', 'no-red-flags') ?? '',
      /is not run: its facts, choices or step ids have a mistake\. Fix the problems reported on it\.$/,
    );
  });

  it('reads a file with Windows line ends alike', () => {
    const crlf = TEXT.replace(/\n/g, '\r\n');
    const got = reports(crlf);
    assert.deepEqual(
      [...got.values()].map((r) => [r.id, r.status, slice(r.keySpan, crlf)]),
      [...reports().values()].map((r) => [r.id, r.status, r.id]),
    );
    const end = got.get('unchanged-goes-home')?.broken;
    assert.equal(end && slice(end.span, crlf), 'self-management');
  });
});
