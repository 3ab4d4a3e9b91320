// The comparison's flowchart: the new version's steps and links, with added ones marked
// green, changed ones amber (their changes in the tooltip) and removed ones kept as ghosts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  buildDiffDiagram,
  describeChange,
  diffPathways,
  layoutDiagram,
  renderSvg,
} from '../../server/src/core';
import { ROOT } from '../support/paths';

const read = (name: string): string =>
  fs.readFileSync(path.join(ROOT, 'test', 'diff', `${name}.pathway.yaml`), 'utf8');

function compare(from: string, to: string) {
  const before = analyze(read(from));
  const after = analyze(read(to));
  const diff = diffPathways(before, after);
  const diagram = buildDiffDiagram(before, after, diff);
  const status = (id: string): string | undefined =>
    diagram.nodes.find((n) => n.id === id)?.diff?.status;
  return { before, after, diff, diagram, status };
}

describe('the comparison flowchart', () => {
  it('marks added steps, and keeps removed ones as ghosts', () => {
    const forward = compare('base', 'panel-edit');
    const added = forward.diff.changes.flatMap((c) => (c.type === 'step-added' ? [c.id] : []));
    assert.ok(added.length > 0, 'the panel adds a step');
    for (const id of added) assert.equal(forward.status(id), 'added', id);

    const backward = compare('panel-edit', 'base');
    const removed = backward.diff.changes.flatMap((c) => (c.type === 'step-removed' ? [c.id] : []));
    assert.deepEqual(removed, added);
    for (const id of removed) {
      assert.equal(backward.status(id), 'removed', id);
      assert.ok(!backward.after.model?.steps.has(id), `${id} is a ghost of the old version`);
    }
    // Every step of the new version is drawn, plus the ghosts.
    assert.equal(
      backward.diagram.nodes.length,
      (backward.after.model?.steps.size ?? 0) + removed.length,
    );
    // The links of a removed step stay as ghosts; an added step's are new.
    for (const id of removed) {
      const ghosts = backward.diagram.edges.filter((e) => e.from === id || e.to === id);
      assert.ok(ghosts.length > 0 && ghosts.every((e) => e.diff === 'removed'), id);
      const fresh = forward.diagram.edges.filter((e) => e.from === id || e.to === id);
      assert.ok(fresh.length > 0 && fresh.every((e) => e.diff === 'added'), id);
    }
    const ids = new Set(backward.diagram.nodes.map((n) => n.id));
    for (const edge of backward.diagram.edges) assert.ok(ids.has(edge.from) && ids.has(edge.to));
  });

  it('marks changed steps with their changes, and leaves the rest unmarked', () => {
    const { diff, diagram, status } = compare('base', 'every-change');
    const graded = diff.changes.find((c) => c.type === 'grade-changed');
    assert.ok(graded && graded.type === 'grade-changed');
    assert.equal(status(graded.id), 'changed');
    const node = diagram.nodes.find((n) => n.id === graded.id);
    assert.ok(node?.diff?.changes.includes(describeChange(graded)));
    const retitled = diff.changes.find((c) => c.type === 'title-changed');
    assert.ok(retitled && retitled.type === 'title-changed');
    assert.equal(status(retitled.id), 'changed');
    const otherwise = diff.changes.find((c) => c.type === 'otherwise-changed');
    assert.ok(otherwise && otherwise.type === 'otherwise-changed');
    const link = (to: string) =>
      diagram.edges.find((e) => e.from === otherwise.id && e.to === to && e.kind === 'otherwise');
    assert.equal(link(otherwise.to)?.diff, 'added');
    assert.equal(link(otherwise.from)?.diff, 'removed');
    assert.equal(status('smt-plus-hea'), undefined, 'an untouched step is not marked');
  });

  it('draws the marks as classes, with the changes on hover', async () => {
    const backward = compare('panel-edit', 'base');
    const changed = compare('base', 'every-change');
    const svg = renderSvg(await layoutDiagram(backward.diagram), { legend: false });
    assert.match(svg, /<g class="node [^"]*diff-removed"/);
    assert.match(svg, /<g class="edge [^"]*diff-removed"/);
    assert.match(svg, /<title>[^<]*Removed in this version\./);
    const forward = renderSvg(await layoutDiagram(compare('base', 'panel-edit').diagram), {
      legend: false,
    });
    assert.match(forward, /<g class="node [^"]*diff-added"/);
    assert.match(forward, /<g class="edge [^"]*diff-added"/);
    const amber = renderSvg(await layoutDiagram(changed.diagram), { legend: false });
    assert.match(amber, /<g class="node [^"]*diff-changed"/);
    const graded = changed.diff.changes.find((c) => c.type === 'grade-changed');
    assert.ok(graded);
    assert.ok(amber.includes(describeChange(graded).replace(/"/g, '&quot;')));
  });

  it('an unchanged pair marks nothing', () => {
    const { diagram } = compare('base', 'formatting-only');
    assert.ok(diagram.nodes.every((n) => !n.diff) && diagram.edges.every((e) => !e.diff));
  });
});
