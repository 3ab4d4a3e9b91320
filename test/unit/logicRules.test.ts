import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, IncrementalAnalyzer, type Finding } from '../../server/src/core';
import { EXAMPLES, FIXTURES } from '../support/paths';
import { overlappingConditions, syntheticPathway } from '../support/synthetic';

const LOGIC_CODES = new Set([
  'invalid-condition',
  'unknown-input',
  'missing-condition',
  'overlapping-branches',
  'shadowed-branch',
  'impossible-branch',
  'uncovered-patients',
  'input-not-recorded',
  'unused-input',
  'analysis-limit',
]);

/** A pathway whose decision "route" has the given branches (each `[if, next]`). */
function pathway(
  branches: readonly (readonly [string, string])[],
  otherwise = '',
  moreInputs: readonly string[] = [],
): string {
  const lines = [
    'pathway: 1',
    'id: logic',
    'title: Leg pain',
    'version: "1"',
    'population: Adults with leg pain',
    'inputs:',
    '  red-flag:',
    '    type: boolean',
    '    title: Any red flag',
    '  weeks:',
    '    type: integer',
    '    title: Duration of leg pain',
    '    min: 0',
    '    max: 520',
    ...moreInputs.flatMap((id) => [`  ${id}:`, '    type: boolean', `    title: Finding ${id}`]),
    'start: route',
    'steps:',
    '  route:',
    '    kind: decision',
    '    title: Where next?',
    '    branches:',
  ];
  for (const [index, [condition, next]] of branches.entries()) {
    lines.push(
      `      - when: Group ${index + 1}`,
      `        if: ${condition}`,
      `        next: ${next}`,
    );
  }
  if (otherwise) lines.push(`    otherwise: ${otherwise}`);
  lines.push(
    '  urgent:',
    '    kind: end',
    '    title: Urgent referral',
    '  advice:',
    '    kind: end',
    '    title: Advice',
    '',
  );
  return lines.join('\n');
}

function underlined(text: string, finding: Finding | undefined): string {
  assert.ok(finding, 'expected a finding');
  return text.slice(finding.span.start, finding.span.end);
}

function only(findings: readonly Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

describe('pathway logic: the rules on computable decisions', () => {
  it('underlines the exact word inside quotes, and the whole value when escaped or on two lines', () => {
    const quoted = pathway([['"red-flag and weeks > six"', 'urgent']], 'advice');
    assert.equal(underlined(quoted, only(analyze(quoted).findings, 'invalid-condition')[0]), 'six');

    const single = pathway([["'red-flag and wekes > 6'", 'urgent']], 'advice');
    assert.equal(underlined(single, only(analyze(single).findings, 'unknown-input')[0]), 'wekes');

    const escaped = pathway([['"red-flag and weeks \\u003e six"', 'urgent']], 'advice');
    assert.equal(
      underlined(escaped, only(analyze(escaped).findings, 'invalid-condition')[0]),
      '"red-flag and weeks \\u003e six"',
    );

    const folded = pathway([['red-flag and\n          weeks > six', 'urgent']], 'advice');
    assert.equal(
      underlined(folded, only(analyze(folded).findings, 'invalid-condition')[0]),
      'red-flag and\n          weeks > six',
    );
  });

  it('keeps token ranges exact in a file with CRLF line ends and non-ASCII text', () => {
    const text = pathway([['red-flag and weeks > six', 'urgent']], 'advice')
      .replace('title: Leg pain', 'title: Douleur à la jambe — ☂')
      .replace(/\n/g, '\r\n');
    const finding = only(analyze(text).findings, 'invalid-condition')[0];
    assert.equal(underlined(text, finding), 'six');
  });

  it('names a patient both overlapping branches apply to, on the later branch', () => {
    const text = pathway(
      [
        ['red-flag', 'urgent'],
        ['weeks > 6', 'advice'],
      ],
      'advice',
    );
    const [finding, ...rest] = only(analyze(text).findings, 'overlapping-branches');
    assert.equal(rest.length, 0);
    assert.equal(underlined(text, finding), 'weeks > 6');
    assert.match(finding?.message ?? '', /red-flag = true, weeks = 7/);
  });

  it("names every earlier branch that takes a shadowed branch's patients, with one of each", () => {
    const text = pathway(
      [
        ['red-flag', 'urgent'],
        ['weeks > 6', 'advice'],
        ['weeks > 12', 'urgent'],
      ],
      'advice',
    ).replace('    branches:', '    match: first\n    branches:');
    const [finding, ...rest] = only(analyze(text).findings, 'shadowed-branch');
    assert.equal(rest.length, 0);
    assert.equal(underlined(text, finding), 'weeks > 12');
    assert.match(
      finding?.message ?? '',
      /a patient with red-flag = true, weeks = 13 is taken by branch 1; a patient with red-flag = false, weeks = 13 is taken by branch 2\)/,
    );
  });

  it('reports no logic finding on a decision with a broken condition, even with that rule off', () => {
    const text = pathway([
      ['red-flag', 'urgent'],
      ['weeks > 6 and weeks > six', 'advice'],
    ]);
    const findings = analyze(text, { rules: { 'invalid-condition': 'off' } }).findings;
    assert.deepEqual(
      findings.map((f) => f.code),
      [],
    );
  });

  it('never says missing-otherwise on a computable decision, even with uncovered-patients off', () => {
    const text = pathway([
      ['red-flag', 'urgent'],
      ['not red-flag and weeks > 6', 'advice'],
    ]);
    assert.deepEqual(
      analyze(text).findings.map((f) => f.code),
      ['uncovered-patients'],
    );
    assert.deepEqual(
      analyze(text, { rules: { 'uncovered-patients': 'off' } }).findings.map((f) => f.code),
      [],
    );
  });

  it('leaves the steps an impossible branch cuts off to its message, unless that rule is off', () => {
    const text = fs.readFileSync(
      path.join(FIXTURES, 'input-not-recorded', 'after-impossible-branch.pathway.yaml'),
      'utf8',
    );
    assert.deepEqual(
      analyze(text).findings.map((f) => f.code),
      ['impossible-branch'],
    );
    const alone = analyze(text, { rules: { 'impossible-branch': 'off' } }).findings;
    assert.deepEqual(
      alone.map((f) => f.code),
      ['input-not-recorded'],
    );
    assert.match(alone[0]?.message ?? '', /^Decision "recheck" tests "response"/);
  });

  it('answers a condition too large to negate with one analysis-limit note, not a hang', () => {
    const ids = Array.from({ length: 8 }, (_, i) => i + 1);
    const pairs = ids.map((i) => `(a${i} or b${i})`).join(' and ');
    const text = pathway(
      [
        [`red-flag and not (${pairs})`, 'urgent'],
        ['not red-flag and weeks > 6', 'advice'],
      ],
      'advice',
      ids.flatMap((i) => [`a${i}`, `b${i}`]),
    );
    const codes = analyze(text).findings.map((f) => f.code);
    assert.deepEqual(codes, ['analysis-limit']);
  });

  it('stops at its limit on a pathway whose routes multiply the groups of patients', () => {
    // Each decision tests its own score and skips the next decision on one branch, so the
    // patients reaching later decisions fall into ever more groups.
    const count = 60;
    const lines = [
      'pathway: 1',
      'id: many-routes',
      'title: Many routes',
      'version: "1"',
      'population: Adults',
      'inputs:',
    ];
    for (let i = 0; i < count; i++)
      lines.push(
        `  s${i}:`,
        '    type: integer',
        `    title: Score ${i}`,
        '    min: 0',
        '    max: 9',
      );
    lines.push('start: d0', 'steps:');
    const target = (i: number): string => (i < count ? `d${i}` : 'done');
    for (let i = 0; i < count; i++) {
      lines.push(
        `  d${i}:`,
        '    kind: decision',
        `    title: Score ${i}?`,
        '    branches:',
        '      - when: One',
        `        if: s${i} = 1`,
        `        next: ${target(i + 2)}`,
        '      - when: Two',
        `        if: s${i} = 2`,
        `        next: ${target(i + 1)}`,
        `    otherwise: ${target(i + 1)}`,
      );
    }
    lines.push('  done:', '    kind: end', '    title: Done', '');
    const codes = analyze(lines.join('\n')).findings.map((f) => f.code);
    assert.deepEqual(codes, ['analysis-limit']);
  });

  it('stops fifty overlapping conditions of several inputs with one analysis-limit note', () => {
    const text = overlappingConditions(50);
    assert.deepEqual(
      analyze(text).findings.map((f) => [f.code, f.range.start.line]),
      [['analysis-limit', text.split('\n').indexOf('  choose:')]],
    );
    // Checked again after an edit, with what the first check kept: the same note.
    const checker = new IncrementalAnalyzer();
    checker.analyze(text);
    const edited = text.replace('title: Which care?', 'title: Which care now?');
    assert.deepEqual(
      checker.analyze(edited).findings.map((f) => f.code),
      ['analysis-limit'],
    );
  });

  it('finds nothing in a large computable pathway, checked afresh or after edits', () => {
    const text = syntheticPathway({ steps: 600, seed: 5, inputs: 20 });
    assert.ok((text.match(/ {8}if: /g) ?? []).length > 50, 'the pathway has conditions');
    assert.deepEqual(analyze(text).findings, []);
    const checker = new IncrementalAnalyzer();
    checker.analyze(text);
    // Narrow the first two-way integer decision so that its second branch misses patients.
    const edited = text.replace(/if: (integer-\d\d) > (\d+)\n/, 'if: $1 > 600\n');
    assert.notEqual(edited, text);
    const fresh = analyze(edited).findings.map((f) => [f.code, f.range.start.line]);
    assert.deepEqual(
      fresh.map(([code]) => code),
      ['impossible-branch'],
    );
    assert.deepEqual(
      checker.analyze(edited).findings.map((f) => [f.code, f.range.start.line]),
      fresh,
    );
  });

  it('finds nothing in the clinical examples', () => {
    const files = fs.readdirSync(EXAMPLES).filter((name) => name.endsWith('.pathway.yaml'));
    assert.ok(files.length >= 5);
    for (const name of files) {
      const findings = analyze(fs.readFileSync(path.join(EXAMPLES, name), 'utf8')).findings;
      assert.deepEqual(
        findings.filter((f) => LOGIC_CODES.has(f.code)).map((f) => `${f.code}: ${f.message}`),
        [],
        name,
      );
    }
  });
});
