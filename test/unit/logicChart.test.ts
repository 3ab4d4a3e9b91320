// Computable decisions in the flowchart: each branch's `if` drawn under its words in code type
// (cut with "…" when long, whole in its tooltip and in the step's name in words), "first that
// holds" and numbered branches on a `match: first` decision, the inputs an assessment records,
// and the logic findings marked on the decisions as every other finding is.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, buildDiagram, layoutDiagram, renderSvg } from '../../server/src/core';
import { describeSteps } from '../../server/src/core/flowchart/describe';
import { displayWidth } from '../../server/src/core/text/width';
import { ROOT } from '../support/paths';

const INPUTS = path.join(ROOT, 'test', 'inputs');
const read = (name: string): string => fs.readFileSync(path.join(INPUTS, name), 'utf8');

/** A decision "route" taking the first branch that holds, one branch with a very long `if`. */
const FIRST_MATCH = `pathway: 1
id: first-match
title: Leg pain
version: "1"
inputs:
  red-flags:
    type: boolean
    title: Any red flag?
  weeks:
    type: integer
    title: Duration of leg pain
    min: 0
    unit: weeks
  response:
    type: choice
    title: Response to care
    values: [improved, unchanged, worse]
start: assess
steps:
  assess:
    kind: assessment
    title: History and examination
    records: [red-flags, weeks, response]
    next: route
  route:
    kind: decision
    title: Where next?
    match: first
    branches:
      - when: Red flag
        if: red-flags
        next: urgent
      - when: Persistent and not better
        if: >-
          weeks >= 6 and response in [unchanged, worse] and not red-flags
          and weeks <= 520 and response != improved and weeks != 13
        next: refer
    otherwise: advice
  urgent:
    kind: end
    title: Urgent referral
  refer:
    kind: end
    title: Specialist referral
  advice:
    kind: end
    title: Advice
`;

const LONG_IF =
  'weeks >= 6 and response in [unchanged, worse] and not red-flags and weeks <= 520 and response != improved and weeks != 13';

describe('computable decisions in the flowchart', () => {
  it("draws a branch's if under its words, in code type; a long one cut with … but whole on hover and in words", async () => {
    const diagram = buildDiagram(analyze(FIRST_MATCH));
    const edge = diagram.edges.find((e) => e.from === 'route' && e.to === 'refer');
    assert.ok(edge);
    assert.equal(edge.condition, 'Persistent and not better');
    assert.equal(edge.test?.text, LONG_IF);
    assert.equal(edge.test?.lines.length, 3);
    assert.match(edge.test?.lines[0] ?? '', /^if weeks >= 6 /);
    assert.match(edge.test?.lines[2] ?? '', /…$/);

    const svg = renderSvg(await layoutDiagram(diagram));
    const label =
      /<g class="edge edge-branch" data-edge="[^"]*" data-from="route" data-to="refer">[\s\S]*?<\/g><\/g>/.exec(
        svg,
      )?.[0];
    assert.ok(label, 'the label of the branch to "refer"');
    assert.ok(
      label.includes(
        `<title>Branch 2\nPersistent and not better\nif ${LONG_IF.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</title>`,
      ),
      label,
    );
    assert.match(label, /<tspan x="[\d.]+" y="[\d.]+">2\. Persistent and not better<\/tspan>/);
    assert.equal(label.match(/<tspan class="test"/g)?.length, 3, 'three lines of code');

    const name = describeSteps(diagram).get('route')?.name ?? '';
    assert.ok(
      name.includes(`to Specialist referral when Persistent and not better (if ${LONG_IF})`),
      name,
    );
  });

  it('marks a match: first decision "first that holds" and numbers its branches, in the drawing and in words', async () => {
    const diagram = buildDiagram(analyze(FIRST_MATCH));
    const route = diagram.nodes.find((n) => n.id === 'route');
    assert.equal(route?.firstMatch, true);
    const labels = diagram.edges.filter((e) => e.from === 'route').map((e) => e.label);
    assert.deepEqual(labels, ['1. Red flag', '2. Persistent and not better', 'None of the above']);

    const svg = renderSvg(await layoutDiagram(diagram));
    assert.match(
      svg,
      /data-step="route"[^>]*>.*?<text class="match-mark" aria-hidden="true"[^>]*>↓ first that holds<\/text>/,
    );
    assert.match(
      svg,
      /<title>Where next\? \(decision, route\)\nTakes the first branch that holds, in the order numbered\.\nLogic: First match · no shadowed branch ✓ · Complete ✓ \(has an otherwise\)\.<\/title>/,
    );
    const words = describeSteps(diagram).get('route');
    assert.match(
      words?.name ?? '',
      /^Decision: Where next\? — leads, trying its branches in order, to Urgent referral when Red flag \(if red-flags\); to Specialist referral/,
    );
    assert.match(
      words?.description ?? '',
      /Logic: First match · no shadowed branch ✓ · Complete ✓ \(has an otherwise\)\./,
    );
  });

  it('an exclusive decision has no numbers and no "first that holds"; a prose one no if and no verdict', () => {
    const diagram = buildDiagram(analyze(read('computable.pathway.yaml')));
    const check = diagram.nodes.find((n) => n.id === 'response-check');
    assert.equal(check?.firstMatch, undefined);
    assert.equal(check?.verdict, 'Exclusive ✓ · Complete ✓');
    assert.deepEqual(
      diagram.edges.filter((e) => e.from === 'response-check').map((e) => e.label),
      ['New red flag at review', 'Improved', 'Unchanged or worse'],
    );

    const prose = buildDiagram(analyze(read('computable-flawed.pathway.yaml')));
    const physio = prose.nodes.find((n) => n.id === 'physio-again');
    assert.equal(physio?.verdict, undefined);
    assert.ok(
      prose.edges.filter((e) => e.from === 'physio-again').every((e) => e.test === undefined),
    );
    const partial = prose.nodes.find((n) => n.id === 'severity');
    assert.equal(partial?.verdict, 'Not computable: branch 2 has no "if"');
  });

  it('shows the inputs an assessment records: drawn under its title, with their questions on hover and in words', async () => {
    const diagram = buildDiagram(analyze(read('computable.pathway.yaml')));
    const review = diagram.nodes.find((n) => n.id === 'review');
    assert.deepEqual(review?.recordLines, ['records response, red-flags']);
    const svg = renderSvg(await layoutDiagram(diagram));
    assert.match(
      svg,
      /data-step="review"[^>]*>.*?<text class="records" aria-hidden="true" text-anchor="middle"><tspan [^>]*>records response, red-flags<\/tspan><\/text>/,
    );
    assert.ok(
      svg.includes(
        '<title>Review response and red flags at the next visit (assessment, review)\nRecords: response (Response to care at review), red-flags (Any red flag (saddle anaesthesia, bladder or bowel dysfunction, progressive deficit)?).</title>',
      ),
    );
    assert.match(
      describeSteps(diagram).get('review')?.description ?? '',
      /^Step id review\. Records response \(Response to care at review\), red-flags \(Any red flag/,
    );
  });

  it('draws the logic findings on the decisions they are about, as other findings are drawn', async () => {
    const analysis = analyze(read('computable-flawed.pathway.yaml'));
    const diagram = buildDiagram(analysis);
    const triage = diagram.nodes.find((n) => n.id === 'triage');
    assert.equal(triage?.severity, 'warning');
    assert.equal(triage?.messages.length, 3);
    assert.ok(
      triage?.messages.some((m) => m.startsWith('Branches 2 and 3 of "triage" can both apply')),
    );
    assert.ok(triage?.messages.some((m) => m.startsWith('Decision "triage" has no "otherwise"')));
    const check = diagram.nodes.find((n) => n.id === 'response-check');
    assert.deepEqual(
      analysis.findings
        .filter((f) => f.code === 'shadowed-branch' || f.code === 'impossible-branch')
        .map((f) => f.message),
      check?.messages,
    );
    const svg = renderSvg(await layoutDiagram(diagram));
    assert.match(
      svg,
      /<g class="node kind-decision severity-warning" data-step="triage"[^>]*>.*?<text class="problem-mark"[^>]*>▲ 3<\/text>/,
    );
    assert.match(
      svg,
      /<g class="node kind-decision severity-warning" data-step="response-check"[^>]*>.*?<text class="problem-mark"[^>]*>▲ 2<\/text>/,
    );
  });

  it('gives every label the room its words and its code take (11px words, 10px monospace code)', async () => {
    for (const text of [
      FIRST_MATCH,
      read('computable.pathway.yaml'),
      read('computable-flawed.pathway.yaml'),
    ]) {
      const laidOut = await layoutDiagram(buildDiagram(analyze(text)));
      for (const edge of laidOut.edges) {
        if (!edge.test) continue;
        const box = edge.labelBox;
        assert.ok(box, `${edge.from} → ${edge.to} has a label`);
        const words = edge.label?.split('\n') ?? [];
        const code = edge.test.lines;
        const widest = Math.max(
          ...words.map((l) => displayWidth(l) * 6),
          ...code.map((l) => displayWidth(l) * 6),
        );
        assert.ok(
          box.width >= widest + 8,
          `${edge.from} → ${edge.to}: ${box.width} < ${widest + 8}`,
        );
        assert.equal(box.height, (words.length + code.length) * 14 + 4);
      }
    }
  });
});
