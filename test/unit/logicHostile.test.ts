// Hostile text in the new places computable decisions put text from the file: an input's
// question and unit, a branch's `if`, in the audit report (Markdown and HTML), the flowchart
// and the comparison. Each shows as written and forges nothing.
import * as assert from 'node:assert/strict';
import {
  analyze,
  buildDiagram,
  diffMarkdown,
  diffPathways,
  escapeXml,
  layoutDiagram,
  renderReport,
  renderSvg,
  terminalText,
} from '../../server/src/core';
import { HOSTILE_TEXT, MARKUP_STRINGS, yamlString } from '../support/hostileText';
import { markdownProblems, markdownTables, markdownTexts } from '../support/markdown';

// eslint-disable-next-line no-control-regex -- looking for them is the point
const ACTS = /[\x00-\x08\x0B-\x1F\x7F-\x9F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** A computable pathway with `text` as an input's question and unit and as a branch's if. */
function logicPathway(text: string, condition = text): string {
  const q = yamlString;
  return `pathway: 1
id: hostile-logic
title: Hostile
version: "1"
inputs:
  flag:
    type: boolean
    title: ${q(text)}
  dose:
    type: number
    title: ${q(text)}
    unit: ${q(text)}
start: assess
steps:
  assess:
    kind: assessment
    title: Assess
    records: [flag, dose]
    next: ask
  ask:
    kind: decision
    title: Ask
    branches:
      - when: ${q(text)}
        if: flag
        next: done
      - when: Other
        if: ${q(condition)}
        next: done
  done:
    kind: end
    title: Done
`;
}

const REPORT_HEADINGS = [
  /^Audit report: Hostile$/,
  /^Recommendations \(0\)$/,
  /^Inputs \(2\)$/,
  /^Decisions \(1\)$/,
  /^Ask \(ask, line \d+\)$/,
  /^Paths from start to end$/,
  /^Path \d+: ends at “Done” \(done\)$/,
  /^Evidence gaps$/,
  /^(Strong|Recommendations|References|Ends) [a-z ]+$/,
  /^Diagnostics$/,
  /^[a-z-]+ \(\d+\)$/,
];

describe('hostile text in inputs and conditions', () => {
  it('the audit report in Markdown: each reads back as written, in its cell, and forges nothing', async () => {
    const failures: string[] = [];
    for (const text of HOSTILE_TEXT) {
      const md = await renderReport(analyze(logicPathway(text)), 'md', { date: '2026-01-01' });
      for (const problem of markdownProblems(md, { headings: REPORT_HEADINGS }))
        failures.push(`${JSON.stringify(text)}: ${problem}`);
      if (ACTS.test(md)) failures.push(`${JSON.stringify(text)}: a control character`);
      const inputs = markdownTables(md)[1];
      const question = inputs?.[1]?.[1]?.trim();
      if (question !== terminalText(text).trim())
        failures.push(`${JSON.stringify(text)}: the question reads ${JSON.stringify(question)}`);
      const branches = markdownTables(md)[2];
      if (branches?.[2]?.length !== 4)
        failures.push(
          `${JSON.stringify(text)}: the branch row is ${JSON.stringify(branches?.[2])}`,
        );
    }
    assert.deepEqual(failures, []);
  });

  it('the HTML report and the flowchart: markup shows only escaped, the condition whole on hover', async () => {
    for (const text of MARKUP_STRINGS) {
      const analysis = analyze(logicPathway(text));
      const page = await renderReport(analysis, 'html', { date: '2026-01-01' });
      const svg = renderSvg(await layoutDiagram(buildDiagram(analysis)));
      for (const [what, out] of [
        ['report', page],
        ['flowchart', svg],
      ] as const) {
        if (/[<>"'&]/.test(text)) assert.ok(!out.includes(text), `${what}: ${text} raw`);
        assert.ok(out.includes(escapeXml(text)), `${what}: ${text} escaped`);
      }
      assert.ok(page.includes(`<code class="condition">${escapeXml(text)}</code>`), text);
      assert.ok(svg.includes(`<title>Branch 2`) === false, 'an exclusive decision has no numbers');
      assert.ok(
        svg.includes(`Other\nif ${escapeXml(text)}</title>`),
        `${text}: the whole if on hover`,
      );
    }
  });

  it('the comparison in Markdown: a changed if reads back as written and forges nothing', () => {
    const failures: string[] = [];
    for (const text of HOSTILE_TEXT) {
      const before = analyze(logicPathway('Plain', 'flag'));
      const after = analyze(logicPathway('Plain', text));
      const md = diffMarkdown(diffPathways(before, after), 'a', 'b');
      const headings = [/^Changes to the recommendation logic$/, /^Routing$/];
      for (const problem of markdownProblems(md, { headings }))
        failures.push(`${JSON.stringify(text)}: ${problem}`);
      if (ACTS.test(md)) failures.push(`${JSON.stringify(text)}: a control character`);
      const said = `Decision "ask": branch 2 (to "done") now tests "${terminalText(text.replace(/\s+/g, ' ').trim())}" (was "flag").`;
      if (!markdownTexts(md).includes(said))
        failures.push(`${JSON.stringify(text)}: no line reads ${JSON.stringify(said)}`);
    }
    assert.deepEqual(failures, []);
  });
});
