// A printed chart must carry every word the author wrote: a branch condition cut with "…"
// loses red-flag criteria on paper. `pathway render` (SVG and HTML) and the audit report's
// chart are read here as a reviewer reads them, and every condition and title must be there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, branchList, buildDiagram, layoutDiagram, renderSvg } from '../../server/src/core';
import type { LaidOutDiagram } from '../../server/src/core/flowchart/layout';
import { runCli } from '../support/cli';
import { EXAMPLES } from '../support/paths';

const FILES = fs
  .readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.pathway.yaml'))
  .map((name) => path.join(EXAMPLES, name));

function unescape(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The drawn lines of each text element of a class, joined as a reader reads them. A branch's
 * `if`, drawn on lines of its own under the words (class "test"), is read apart: `tests`.
 */
function drawnTexts(svg: string, pattern: RegExp, tests: string[] = []): string[] {
  return [...svg.matchAll(pattern)].map((match) => {
    const lines = [...(match[1] ?? '').matchAll(/<tspan([^>]*)>([^<]*)<\/tspan>/g)];
    const isTest = (attributes: string): boolean => attributes.includes('class="test"');
    const test = lines.filter((l) => isTest(l[1] ?? '')).map((l) => l[2] ?? '');
    if (test.length > 0) tests.push(unescape(test.join(' ')));
    // A first-match decision numbers its branches ("1. "): the order, not the author's words.
    return unescape(
      lines
        .filter((l) => !isTest(l[1] ?? ''))
        .map((l) => l[2] ?? '')
        .join(' '),
    ).replace(/^\d+\. /, '');
  });
}

const CONDITION =
  /<g class="edge-label">(?:<title>[^<]*<\/title>)?<rect[^>]*\/><text[^>]*>(.*?)<\/text>/g;
const TITLE = /<text class="label"[^>]*>(.*?)<\/text>/g;

function writtenTexts(file: string): { conditions: string[]; titles: string[]; tests: string[] } {
  const model = analyze(fs.readFileSync(file, 'utf8')).model;
  const conditions: string[] = [];
  const titles: string[] = [];
  const tests: string[] = [];
  for (const step of model?.steps.values() ?? []) {
    titles.push(oneLine(step.title ?? step.id));
    for (const branch of branchList(step) ?? []) {
      if (branch.when?.text.trim()) conditions.push(oneLine(branch.when.text));
      const test = branch.node.entries?.get('if')?.value;
      if (typeof test === 'string') tests.push(`if ${oneLine(test)}`);
    }
  }
  return { conditions, titles, tests };
}

function assertWhole(drawn: string, file: string, what: string): void {
  const { conditions, titles, tests } = writtenTexts(file);
  assert.ok(conditions.length > 0, `${path.basename(file)} has branch conditions`);
  const drawnTests: string[] = [];
  const drawnConditions = drawnTexts(drawn, CONDITION, drawnTests);
  const drawnTitles = drawnTexts(drawn, TITLE);
  for (const condition of conditions) {
    assert.ok(
      drawnConditions.includes(condition),
      `${what} of ${path.basename(file)} should show the condition whole: "${condition}"\ndrawn: ${drawnConditions.join(' | ')}`,
    );
  }
  for (const title of titles) {
    assert.ok(
      drawnTitles.includes(title),
      `${what} of ${path.basename(file)} should show the step title whole: "${title}"`,
    );
  }
  for (const test of tests) {
    assert.ok(
      drawnTests.includes(test),
      `${what} of ${path.basename(file)} should show the condition whole: "${test}"\ndrawn: ${drawnTests.join(' | ')}`,
    );
  }
  for (const text of [...drawnConditions, ...drawnTitles, ...drawnTests]) {
    assert.ok(!text.includes('…'), `${what} cuts "${text}"`);
  }
}

function assertNoLabelOverStep(laidOut: LaidOutDiagram, name: string): void {
  for (const edge of laidOut.edges) {
    const box = edge.labelBox;
    if (!box) continue;
    for (const node of laidOut.nodes) {
      const apart =
        box.x + box.width <= node.x ||
        node.x + node.width <= box.x ||
        box.y + box.height <= node.y ||
        node.y + node.height <= box.y;
      assert.ok(apart, `${name}: the label "${edge.label ?? ''}" overlaps the step ${node.id}`);
    }
  }
}

describe('printed charts show every condition and step title whole', function () {
  this.timeout(120_000);

  for (const file of FILES) {
    const name = path.basename(file, '.pathway.yaml');
    it(`pathway render ${name} (SVG and HTML) draws every branch condition and title whole`, () => {
      for (const format of ['svg', 'html']) {
        const result = runCli(['render', file, '--format', format, '--output', '-']);
        assert.equal(result.status, 0, result.stderr);
        assertWhole(result.stdout, file, `pathway render --format ${format}`);
      }
    });

    it(`the audit report's chart of ${name} draws every branch condition and title whole`, () => {
      const result = runCli(['report', file, '--format', 'html', '--output', '-']);
      assert.equal(result.status, 0, result.stderr);
      assertWhole(result.stdout, file, 'the report');
    });
  }

  it('a long red-flag condition is wrapped onto as many lines as it needs, with room made for it', async () => {
    const redFlags =
      'Saddle anaesthesia, new bowel or bladder dysfunction, bilateral leg weakness, or a ' +
      'progressive neurological deficit, or suspected cancer, infection or fracture with ' +
      'fever, unexplained weight loss or a history of malignancy';
    const source = [
      'pathway: 1',
      'id: red-flags',
      'title: Red flags',
      'version: "1"',
      'start: assess',
      'steps:',
      '  assess:',
      '    kind: decision',
      '    title: Any red flag?',
      '    branches:',
      `      - when: ${redFlags}`,
      '        next: urgent',
      '    otherwise: routine',
      '  urgent:',
      '    kind: end',
      '    title: Same-day referral',
      '  routine:',
      '    kind: end',
      '    title: Routine care',
      '',
    ].join('\n');
    const laidOut = await layoutDiagram(buildDiagram(analyze(source)));
    const svg = renderSvg(laidOut);
    assert.deepEqual(
      drawnTexts(svg, CONDITION).filter((t) => t.startsWith('Saddle')),
      [redFlags],
    );
    const edge = laidOut.edges.find((e) => e.kind === 'branch');
    const box = edge?.labelBox;
    assert.ok(edge?.label && box, 'the condition is laid out as a label');
    assert.ok(edge.label.split('\n').length > 3, 'it takes more lines than the old limit of 3');
    // The layout was given the label's real size: the box holds every line, and no step's
    // shape is drawn over it.
    assert.ok(box.height >= edge.label.split('\n').length * 14);
    assertNoLabelOverStep(laidOut, 'red-flags');
  });

  it('in every example, no condition is drawn over a step', async () => {
    for (const file of FILES) {
      const laidOut = await layoutDiagram(buildDiagram(analyze(fs.readFileSync(file, 'utf8'))));
      assertNoLabelOverStep(laidOut, path.basename(file));
    }
  });
});
