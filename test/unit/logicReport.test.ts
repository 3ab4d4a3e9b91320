// Computable decisions in the audit report: the inputs table, each decision's verdict
// ("Exclusive ✓ · Complete ✓", or the patient who breaks it, the same patient the checker's
// finding names), the decisions that are not computable and why, and each branch's `if`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, buildAuditReport, renderReport, reportMarkdown } from '../../server/src/core';
import { runCli } from '../support/cli';
import { markdownTables } from '../support/markdown';
import { ROOT } from '../support/paths';

const DATE = '2026-01-01';
const INPUTS = path.join(ROOT, 'test', 'inputs');
const CLEAN = path.join(INPUTS, 'computable.pathway.yaml');
const FLAWED = path.join(INPUTS, 'computable-flawed.pathway.yaml');
const read = (file: string): string => fs.readFileSync(file, 'utf8');

/** The verdict line of each decision, by id. */
function verdicts(text: string, rules: Record<string, 'off'> = {}): Map<string, string> {
  const report = buildAuditReport(analyze(text, { rules }), { date: DATE });
  return new Map(report.decisions.map((d) => [d.id, d.verdict.map((p) => p.text).join(' · ')]));
}

/** A pathway whose only decision "second" no patient reaches: the first sends nobody there. */
const UNREACHED = `pathway: 1
id: unreached
title: Leg pain
version: "1"
inputs:
  weeks:
    type: integer
    title: Duration of leg pain
    min: 0
    max: 52
start: first
steps:
  first:
    kind: decision
    title: How long?
    branches:
      - when: Never true
        if: weeks > 60
        next: second
    otherwise: done
  second:
    kind: decision
    title: Longer than a year?
    branches:
      - when: More than a year
        if: weeks > 52
        next: done
    otherwise: done
  done:
    kind: end
    title: Done
`;

describe('computable decisions in the audit report', () => {
  it('lists the inputs: question, type, values or bounds with the unit, the steps that record them and the decisions that test them', () => {
    const tables = markdownTables(
      reportMd(read(FLAWED)).split('## Inputs (4)')[1]?.split('## Decisions')[0] ?? '',
    );
    assert.deepEqual(tables[0], [
      ['Input', 'Question', 'Type', 'Values', 'Recorded by', 'Used by'],
      ['red-flags', 'Any red flag?', 'yes/no', 'true or false', 'assess', 'triage'],
      ['weeks', 'Duration of leg pain', 'whole number', '0 to 520 weeks', 'assess', 'triage'],
      [
        'response',
        'Response to care at review',
        'choice',
        'improved, unchanged, worse',
        'review',
        'response-check',
      ],
      [
        'sciatica-score',
        'Sciatica bothersomeness index',
        'number',
        '0 to 24',
        'assess',
        'severity',
      ],
    ]);
  });

  it('says "Exclusive ✓ · Complete ✓", and for match: first "First match · no shadowed branch ✓ · Complete ✓"', () => {
    assert.deepEqual(
      verdicts(read(CLEAN)),
      new Map([
        ['triage', 'First match · no shadowed branch ✓ · Complete ✓'],
        ['response-check', 'Exclusive ✓ · Complete ✓'],
      ]),
    );
  });

  it('names the patient who breaks a decision: the same patient the finding names', () => {
    const text = read(FLAWED);
    const found = verdicts(text);
    assert.equal(
      found.get('triage'),
      'Not exclusive: a patient with red-flags = true, weeks = 0 matches branches 1 and 2 · Not exclusive: a patient with weeks = 6, red-flags = false matches branches 2 and 3 · Not complete: a patient with red-flags = false, weeks = 26 matches no branch and there is no otherwise',
    );
    assert.equal(
      found.get('response-check'),
      'First match · Branch 2 is shadowed: a patient with response = worse is taken by branch 1 first · Branch 4 never applies: its condition contradicts itself · Complete ✓',
    );
    // Every witness a finding gives is the one the report gives.
    let compared = 0;
    for (const finding of analyze(text).findings) {
      const patient = /for example (a patient with [^.]*?)(?: is taken by|\. )/.exec(
        finding.message,
      )?.[1];
      if (patient === undefined) continue;
      const decision = /of "([^"]+)"|Decision "([^"]+)"/.exec(finding.message);
      const id = decision?.[1] ?? decision?.[2] ?? '';
      compared++;
      assert.ok(
        found.get(id)?.includes(patient),
        `${finding.code}: ${patient} in ${found.get(id) ?? ''}`,
      );
    }
    assert.equal(compared, 4, 'two overlaps, one uncovered patient and one shadowed branch');
  });

  it('keeps its verdict when a logic rule is turned off (it states a fact, not a finding)', () => {
    const off = verdicts(read(FLAWED), {
      'overlapping-branches': 'off',
      'uncovered-patients': 'off',
      'shadowed-branch': 'off',
    });
    assert.deepEqual(off, verdicts(read(FLAWED)));
  });

  it('says why a decision is not computable: a partial one names its branches without if; a prose one is in words only', () => {
    const found = verdicts(read(FLAWED));
    assert.equal(found.get('severity'), 'Not computable: branch 2 has no "if"');
    assert.equal(
      found.get('physio-again'),
      'Not computable: its branches are in words only (no "if")',
    );
    const md = reportMd(read(FLAWED));
    assert.match(
      md,
      /\*\*Not computable: branch 2 has no "if"\*\*/,
      'a partial decision is a fault',
    );
    assert.match(
      md,
      /\n\nNot computable: its branches are in words only \(no "if"\)\n/,
      'prose is not',
    );
  });

  it('says when a computable decision is not analysed because no patient reaches it', () => {
    assert.equal(
      verdicts(UNREACHED).get('second'),
      'Computable, not analysed: no patient reaches it',
    );
  });

  it('says when a computable decision is not analysed because too many groups of patients reach it (analysis-limit)', () => {
    const text = read(
      path.join(ROOT, 'test', 'fixtures', 'analysis-limit', 'too-many-groups.pathway.yaml'),
    );
    assert.ok(analyze(text).findings.some((f) => f.code === 'analysis-limit'));
    assert.equal(
      verdicts(text).get('screen'),
      'Computable, not analysed: the patients reaching it fall into too many groups to work out',
    );
  });

  it("shows each branch's if beside its words, and the otherwise route", () => {
    const md = reportMd(read(FLAWED));
    const severity = markdownTables(md.split('### How bothersome is the leg pain?')[1] ?? '')[0];
    assert.deepEqual(severity, [
      ['Branch', 'When', 'If', 'Leads to'],
      ['1', 'Severe', 'sciatica-score >= 15', 'Refer to a spinal specialist (specialist)'],
      ['2', 'Moderate', '—', 'Does the patient want more physiotherapy? (physio-again)'],
      ['otherwise', 'None of the above', '—', 'Discharge with self-management advice (discharge)'],
    ]);
  });

  it('the HTML report: the inputs table, each verdict in its colours, branch conditions as code, recorded inputs in the index of steps', async () => {
    const page = await renderReport(analyze(read(FLAWED)), 'html', { date: DATE });
    assert.match(page, /<h2>Inputs \(4\)<\/h2>\n<table class="inputs">/);
    assert.match(
      page,
      /<p class="verdict"><strong class="verdict-broken">Not exclusive: a patient with red-flags = true, weeks = 0 matches branches 1 and 2<\/strong>/,
    );
    assert.match(page, /<span class="verdict-holds">Complete ✓<\/span><\/p>/);
    assert.match(
      page,
      /<p class="verdict"><span class="verdict-note">Not computable: its branches are in words only \(no &quot;if&quot;\)<\/span><\/p>/,
    );
    assert.ok(
      page.includes(
        '<code class="condition">weeks &gt;= 6 and weeks &lt; 26 and not red-flags</code>',
      ),
    );
    assert.match(
      page,
      /data-step="review"[^>]*><code class="step-id">review<\/code><\/a> \(assessment, line \d+\): Review at the next visit — records <code>response<\/code><\/li>/,
    );
  });

  it('a pathway without logic: no inputs table, no If column, one sentence for all its decisions', () => {
    const md = reportMd(
      read(path.join(ROOT, 'test', 'fixtures', 'clean', 'direction-against.pathway.yaml')),
    );
    assert.doesNotMatch(md, /## Inputs/);
    assert.match(md, /## Decisions \(1\)\n\nNo decision of this pathway is computable/);
    assert.doesNotMatch(md, /\| If \|/);
    assert.doesNotMatch(md, /Not computable/);
  });

  it('pathway report on a computable pathway: the inputs and the verdicts, in Markdown and HTML', () => {
    const md = runCli(['report', '--format', 'md', FLAWED]);
    assert.equal(md.status, 0, md.stderr);
    assert.match(md.stdout, /^## Inputs \(4\)$/m);
    assert.match(
      md.stdout,
      /^\*\*Not exclusive: a patient with red-flags = true, weeks = 0 matches branches 1 and 2\*\*/m,
    );
    const html = runCli(['report', '--format', 'html', CLEAN]);
    assert.equal(html.status, 0, html.stderr);
    assert.match(
      html.stdout,
      /<span class="verdict-note">First match<\/span> · <span class="verdict-holds">no shadowed branch ✓<\/span> · <span class="verdict-holds">Complete ✓<\/span>/,
    );
    assert.match(
      html.stdout,
      /<span class="verdict-holds">Exclusive ✓<\/span> · <span class="verdict-holds">Complete ✓<\/span>/,
    );
  });
});

/** The Markdown `pathway report` writes. */
function reportMd(text: string): string {
  return reportMarkdown(buildAuditReport(analyze(text), { date: DATE }));
}
