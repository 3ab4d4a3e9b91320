import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, fixesFor, type Fix } from '../../server/src/core';
import { EXAMPLES } from '../support/paths';

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
  return edits.reduce(
    (result, edit) => result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end),
    text,
  );
}

function fixes(text: string, code: string): { fixes: Fix[] } {
  const analysis = analyze(text);
  const finding = analysis.findings.find((f) => f.code === code);
  assert.ok(finding, `no ${code} in the text`);
  return { fixes: fixesFor(analysis, finding) };
}

function byTitle(all: Fix[], title: string): Fix {
  const fix = all.find((f) => f.title === title);
  assert.ok(fix, `no fix "${title}" among: ${all.map((f) => f.title).join(' | ')}`);
  return fix;
}

const FLAWED = fs.readFileSync(path.join(EXAMPLES, 'flawed', 'flawed.pathway.yaml'), 'utf8');
const CLEAN = fs.readFileSync(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'), 'utf8');

describe('quick fixes (applied, then checked again)', () => {
  it('replacing an unknown step id with the suggestion leaves the file as it was', () => {
    const broken = CLEAN.replace('next: red-flags', 'next: red-flgs');
    assert.notEqual(broken, CLEAN, 'the example has the link this test breaks');
    const { fixes: all } = fixes(broken, 'unknown-step');
    assert.equal(apply(broken, byTitle(all, 'Change to "red-flags"')), CLEAN);
  });

  it('creating the missing step as an end resolves the unknown link', () => {
    const { fixes: all } = fixes(FLAWED, 'unknown-step');
    const fixed = apply(FLAWED, byTitle(all, 'Create step "review-12-week" as an end'));
    const codes = analyze(fixed).findings.map((f) => f.code);
    assert.ok(!codes.includes('unknown-step'), codes.join(', '));
    assert.ok(!codes.includes('yaml-syntax'));
    assert.ok(!codes.includes('schema') || codes.filter((c) => c === 'schema').length === 1);
  });

  it('every kind of step stub is valid YAML in the right place', () => {
    const { fixes: all } = fixes(FLAWED, 'unknown-step');
    for (const fix of all.filter((f) => f.title.startsWith('Create step'))) {
      const analysis = analyze(apply(FLAWED, fix));
      assert.ok(analysis.model?.steps.has('review-12-week'), fix.title);
    }
  });

  it('creating a missing reference adds it under references', () => {
    const { fixes: all } = fixes(FLAWED, 'unknown-reference');
    assert.ok(byTitle(all, 'Change to "bronfort-2014"'));
    const fixed = apply(FLAWED, byTitle(all, 'Create reference "bronfort-2104"'));
    const analysis = analyze(fixed);
    assert.ok(analysis.model?.references.has('bronfort-2104'));
    assert.ok(!analysis.findings.some((f) => f.code === 'unknown-reference'));
  });

  it('removing an unused reference removes its whole block and nothing else', () => {
    const { fixes: all } = fixes(FLAWED, 'unused-reference');
    const fixed = apply(FLAWED, byTitle(all, 'Remove the unused reference "qaseem-2017"'));
    const before = analyze(FLAWED)
      .findings.map((f) => f.code)
      .filter((c) => c !== 'unused-reference');
    const after = analyze(fixed).findings.map((f) => f.code);
    assert.deepEqual(after, before);
    assert.ok(!fixed.includes('qaseem-2017:'));
  });

  it('adding otherwise gives the decision a default route', () => {
    const { fixes: all } = fixes(FLAWED, 'missing-otherwise');
    assert.equal(all.length, 1);
    const fixed = apply(FLAWED, all[0] as Fix);
    assert.ok(!analyze(fixed).findings.some((f) => f.code === 'missing-otherwise'));
  });

  it('a discordant recommendation can be made conditional, or given a rationale to fill in', () => {
    const { fixes: all } = fixes(FLAWED, 'discordant-recommendation');
    const conditional = apply(FLAWED, byTitle(all, 'Make the recommendation conditional'));
    assert.ok(!analyze(conditional).findings.some((f) => f.code === 'discordant-recommendation'));
    const withRationale = apply(
      FLAWED,
      byTitle(all, 'Add a "rationale" for the strong recommendation'),
    );
    const step = analyze(withRationale).model?.steps.get('stay-active');
    assert.equal(step?.rationale, '', 'an empty rationale for the author to write');
  });

  it('fixes keep CRLF line endings', () => {
    const crlf = FLAWED.replace(/\n/g, '\r\n');
    const { fixes: all } = fixes(crlf, 'missing-otherwise');
    const fixed = apply(crlf, all[0] as Fix);
    assert.ok(!/[^\r]\n/.test(fixed), 'no bare \\n introduced');
    assert.ok(!analyze(fixed).findings.some((f) => f.code === 'missing-otherwise'));
  });
});
