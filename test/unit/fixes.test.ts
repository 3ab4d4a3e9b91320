import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, fixesFor, type Fix } from '../../server/src/core';
import { logicWith, LOGIC_PATHWAY } from '../support/logicPathway';
import { EXAMPLES, FIXTURES } from '../support/paths';

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
    const broken = CLEAN.replace('next: red-flag-screen', 'next: red-flg-screen');
    assert.notEqual(broken, CLEAN, 'the example has the link this test breaks');
    const { fixes: all } = fixes(broken, 'unknown-step');
    assert.equal(apply(broken, byTitle(all, 'Change to "red-flag-screen"')), CLEAN);
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

const fixture = (name: string): string =>
  fs.readFileSync(path.join(FIXTURES, `${name}.pathway.yaml`), 'utf8');

/** The codes an analysis of the text reports. */
const codes = (text: string): string[] => analyze(text).findings.map((f) => f.code);

describe('quick fixes for computable decisions (applied, then checked again)', () => {
  const GAP = fixture('uncovered-patients/gap');

  it('adds a branch whose if takes exactly the patients no branch takes, and the file is clean', () => {
    const { fixes: all } = fixes(GAP, 'uncovered-patients');
    const fix = byTitle(
      all,
      'Add a branch for the uncovered patients, leading to "urgent-referral"',
    );
    assert.equal(fix.preferred, true);
    const fixed = apply(GAP, fix);
    assert.ok(
      fixed.includes(
        '        if: not red-flag and weeks > 6\n        next: advice\n' +
          '      - when: "TODO: say in words who these patients are"\n' +
          '        if: not red-flag and weeks = 6\n' +
          '        next: urgent-referral\n  advice:\n',
      ),
      fixed,
    );
    assert.deepEqual(codes(fixed), []);
    // An editor that takes snippets puts the cursor on the words, then on the next step.
    assert.equal(
      fix.edits[0]?.snippet,
      '      - when: "${1:TODO: say in words who these patients are}"\n' +
        '        if: not red-flag and weeks = 6\n        next: ${2:urgent-referral}\n',
    );
  });

  it('or adds an otherwise, named in the title, with the cursor on its step', () => {
    const { fixes: all } = fixes(GAP, 'uncovered-patients');
    const fix = byTitle(all, 'Add "otherwise" leading to "urgent-referral"');
    assert.deepEqual(codes(apply(GAP, fix)), []);
    assert.equal(fix.edits[0]?.snippet, '    otherwise: ${1:urgent-referral}\n');
  });

  it('writes a new branch for a gap in a choice and in a folded condition, keeping CRLF', () => {
    const text = logicWith('if: response in [unchanged, worse]', 'if: response = worse').replace(
      /\n/g,
      '\r\n',
    );
    const { fixes: all } = fixes(text, 'uncovered-patients');
    const fixed = apply(
      text,
      byTitle(all, 'Add a branch for the uncovered patients, leading to "urgent"'),
    );
    assert.ok(
      fixed.includes('\r\n        if: response = unchanged\r\n        next: urgent\r\n'),
      fixed,
    );
    assert.ok(!/[^\r]\n/.test(fixed), 'no bare \\n introduced');
    assert.deepEqual(codes(fixed), []);
    const folded = logicWith('          weeks > 6', '          weeks > 8');
    const branch = byTitle(
      fixes(folded, 'uncovered-patients').fixes,
      'Add a branch for the uncovered patients, leading to "urgent"',
    );
    const written = apply(folded, branch);
    assert.match(written, /if: not red-flag and weeks >= 7 and weeks <= 8\n/);
    // The gap is closed; the file's scenario of a patient with seven weeks of pain now takes
    // the new branch (to the first end), and says so.
    assert.deepEqual(codes(written), ['scenario-failed']);
  });

  it('corrects a scenario fact named after no input to the closest input', () => {
    const text = fs.readFileSync(
      path.join(FIXTURES, 'unknown-input', 'unknown-names.pathway.yaml'),
      'utf8',
    );
    const analysis = analyze(text);
    const finding = analysis.findings.find((f) => f.message.includes('"respons"'));
    assert.ok(finding, 'the misspelt fact is reported');
    const fixed = apply(text, byTitle(fixesFor(analysis, finding), 'Change to "response"'));
    assert.match(fixed, /\n {6}response: worse\n/);
    assert.ok(!analyze(fixed).findings.some((f) => f.message.includes('respons')));
  });

  it('offers no new branch where it cannot write one as a block, but still the otherwise', () => {
    const flow = GAP.replace(
      / {4}branches:\n(?: {6}.*\n| {8}.*\n)+/,
      '    branches: [{when: Red flag, if: red-flag, next: urgent-referral}, {when: Long, if: not red-flag and weeks > 6, next: advice}]\n',
    );
    assert.notEqual(flow, GAP);
    const titles = fixes(flow, 'uncovered-patients').fixes.map((f) => f.title);
    assert.deepEqual(titles, ['Add "otherwise" leading to "urgent-referral"']);
  });

  it('keeps to one group of the uncovered patients when they fall into many, and says so', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const many = GAP.replace(
      'inputs:\n',
      `inputs:\n${names.map((n) => `  ${n}:\n    type: boolean\n    title: Finding ${n}\n`).join('')}`,
    ).replace('if: red-flag\n', `if: red-flag or ${names.join(' and ')}\n`);
    const { fixes: all } = fixes(many, 'uncovered-patients');
    const fix = byTitle(
      all,
      'Add a branch for some of the uncovered patients, leading to "urgent-referral"',
    );
    const fixed = apply(many, fix);
    assert.match(fixed, /\n {8}if: not red-flag and not a and weeks = 6\n/);
    // The rest still falls through, and the new branch adds no finding of its own.
    assert.deepEqual(codes(fixed), codes(many));
    assert.ok(codes(fixed).includes('uncovered-patients'));
  });

  it('lets the first branch that holds win on overlapping branches: match: first above them', () => {
    const text = fixture('overlapping-branches/two-branches');
    const { fixes: all } = fixes(text, 'overlapping-branches');
    const fixed = apply(text, byTitle(all, 'Let the first branch that holds win (match: first)'));
    assert.ok(fixed.includes('    title: Where next?\n    match: first\n    branches:\n'), fixed);
    assert.deepEqual(codes(fixed), []);
    const exclusive = text.replace('    branches:\n', '    match: exclusive\n    branches:\n');
    const changed = apply(
      exclusive,
      byTitle(
        fixes(exclusive, 'overlapping-branches').fixes,
        'Let the first branch that holds win (match: first)',
      ),
    );
    assert.equal(changed, fixed);
  });

  it('changes a misspelt input, in an if or in records, to the closest input', () => {
    const inIf = logicWith('        if: red-flag\n', '        if: red-flags\n');
    assert.deepEqual(
      apply(inIf, byTitle(fixes(inIf, 'unknown-input').fixes, 'Change to "red-flag"')),
      LOGIC_PATHWAY,
    );
    const quoted = logicWith('"not red-flag and weeks <= 6"', '"not red-flag and week <= 6"');
    assert.deepEqual(
      apply(quoted, byTitle(fixes(quoted, 'unknown-input').fixes, 'Change to "weeks"')),
      LOGIC_PATHWAY,
    );
    const inRecords = logicWith('records: [red-flag, weeks]', 'records: [red-flag, "wekes"]');
    const fixed = apply(
      inRecords,
      byTitle(fixes(inRecords, 'unknown-input').fixes, 'Change to "weeks"'),
    );
    assert.equal(fixed, logicWith('records: [red-flag, weeks]', 'records: [red-flag, "weeks"]'));
    assert.deepEqual(codes(fixed), []);
  });

  it("changes a value that is not one of the choice's to the closest value", () => {
    const text = logicWith('if: response = improved', 'if: response = improvd');
    const { fixes: all } = fixes(text, 'invalid-condition');
    assert.deepEqual(apply(text, byTitle(all, 'Change to "improved"')), LOGIC_PATHWAY);
    const listed = logicWith('[unchanged, worse]', '[unchanged, wrose]');
    assert.deepEqual(
      apply(listed, byTitle(fixes(listed, 'invalid-condition').fixes, 'Change to "worse"')),
      LOGIC_PATHWAY,
    );
  });

  it('offers no change where the finding covers a whole condition written over several lines', () => {
    const folded = logicWith('          weeks > 6', '          wekes > 6');
    const finding = analyze(folded).findings.find((f) => f.code === 'unknown-input');
    assert.match(finding?.message ?? '', /Did you mean "weeks"\?/);
    assert.deepEqual(fixes(folded, 'unknown-input').fixes, []);
  });
});
