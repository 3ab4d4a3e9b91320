import * as assert from 'node:assert/strict';
import { analyze, enumeratePaths, type PathLimits } from '../../server/src/core';

/** A pathway from a compact description: `a>b,c` is a decision a with branches to b and c. */
function pathway(edges: Record<string, string[]>, ends: string[]): string {
  const lines = [
    'pathway: 1',
    'id: t',
    'title: T',
    'version: "1"',
    `start: ${Object.keys(edges)[0] ?? ends[0]}`,
    'steps:',
  ];
  for (const [id, targets] of Object.entries(edges)) {
    lines.push(`  ${id}:`);
    if (targets.length === 1) {
      lines.push('    kind: assessment', `    title: ${id}`, `    next: ${targets[0] ?? ''}`);
    } else {
      lines.push('    kind: decision', `    title: ${id}`, '    branches:');
      targets.forEach((t, i) => lines.push(`      - when: option ${i + 1}`, `        next: ${t}`));
    }
  }
  for (const end of ends) lines.push(`  ${end}:`, '    kind: end', `    title: ${end}`);
  return lines.join('\n') + '\n';
}

/** An independent count: plain recursion over the same edges, never repeating a step. */
function bruteForceCount(
  edges: Record<string, string[]>,
  ends: Set<string>,
  from: string,
  seen: Set<string>,
): number {
  if (ends.has(from)) return 1;
  let total = 0;
  for (const to of edges[from] ?? []) {
    if (seen.has(to)) continue;
    seen.add(to);
    total += bruteForceCount(edges, ends, to, seen);
    seen.delete(to);
  }
  return total;
}

function enumerate(edges: Record<string, string[]>, ends: string[], limits?: PathLimits) {
  const analysis = analyze(pathway(edges, ends));
  assert.ok(analysis.model && analysis.graph, 'the test pathway parses');
  return enumeratePaths(analysis.model, analysis.graph, limits);
}

describe('path enumeration (every route from start to an end)', () => {
  it('lists each branch of a decision as its own path, with the answer taken', () => {
    const result = enumerate({ a: ['d'], d: ['e1', 'e2'] }, ['e1', 'e2']);
    assert.equal(result.counted, 2);
    assert.ok(result.complete);
    assert.deepEqual(
      result.paths.map((p) =>
        p.steps.map((s) => (s.answer ? `${s.id}[${s.answer}]` : s.id)).join(' '),
      ),
      ['a d[option 1] e1', 'a d[option 2] e2'],
    );
  });

  it('follows a loop once: a path never repeats a step', () => {
    // d1 → back to a (a loop) or on to the end.
    const edges = { a: ['d1'], d1: ['a', 'x'], x: ['d2'], d2: ['e', 'x2'], x2: ['e'] };
    const result = enumerate(edges, ['e']);
    assert.equal(result.counted, bruteForceCount(edges, new Set(['e']), 'a', new Set(['a'])));
    assert.equal(result.counted, 2);
    for (const path of result.paths) {
      const ids = path.steps.map((s) => s.id);
      assert.equal(new Set(ids).size, ids.length, 'no step twice');
    }
  });

  it('counts merging branches the same way an independent count does', () => {
    // A ladder of decisions whose branches merge again: 2^k paths.
    const edges: Record<string, string[]> = {};
    const k = 8;
    for (let i = 0; i < k; i++) {
      edges[`d${i}`] = [`l${i}`, `r${i}`];
      edges[`l${i}`] = [i + 1 < k ? `d${i + 1}` : 'end'];
      edges[`r${i}`] = [i + 1 < k ? `d${i + 1}` : 'end'];
    }
    const result = enumerate(edges, ['end'], { list: 1000, count: 100_000, work: 1_000_000 });
    assert.equal(result.counted, 2 ** k);
    assert.equal(result.counted, bruteForceCount(edges, new Set(['end']), 'd0', new Set(['d0'])));
    assert.equal(result.paths.length, 2 ** k);
  });

  it('many branches and back edges: agrees with the independent count', () => {
    const edges = {
      s: ['d1'],
      d1: ['a', 'b', 'c', 'd2'],
      a: ['d2'],
      b: ['d1'],
      c: ['e1'],
      d2: ['e1', 'e2', 'd1', 'f'],
      f: ['d1'],
    };
    const result = enumerate(edges, ['e1', 'e2']);
    assert.equal(
      result.counted,
      bruteForceCount(edges, new Set(['e1', 'e2']), 's', new Set(['s'])),
    );
    assert.ok(result.counted > 4);
  });

  it('stops listing at the bound and says how many paths there are', () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 6; i++) {
      edges[`d${i}`] = [`l${i}`, `r${i}`];
      edges[`l${i}`] = [i < 5 ? `d${i + 1}` : 'end'];
      edges[`r${i}`] = [i < 5 ? `d${i + 1}` : 'end'];
    }
    const listed = enumerate(edges, ['end'], { list: 10, count: 1000, work: 100_000 });
    assert.equal(listed.paths.length, 10);
    assert.equal(listed.counted, 64);
    assert.equal(listed.complete, false);
    assert.equal(listed.countCapped, false);
    const capped = enumerate(edges, ['end'], { list: 10, count: 20, work: 100_000 });
    assert.equal(capped.counted, 20);
    assert.equal(capped.countCapped, true);
  });

  it('counts every path of a pathway without loops exactly, though walking them would pass the bound', () => {
    // 2^14 paths through 14 decisions whose branches merge again; walking them all takes far
    // more steps than the bound allows, counting them from each step's own count does not.
    const edges: Record<string, string[]> = {};
    const k = 14;
    for (let i = 0; i < k; i++) {
      edges[`d${i}`] = [`l${i}`, `r${i}`];
      edges[`l${i}`] = [i + 1 < k ? `d${i + 1}` : 'end'];
      edges[`r${i}`] = [i + 1 < k ? `d${i + 1}` : 'end'];
    }
    const result = enumerate(edges, ['end'], { list: 5, count: 100_000, work: 1000 });
    assert.equal(result.counted, 2 ** k);
    assert.equal(result.countCapped, false);
    assert.equal(result.complete, false);
    assert.deepEqual(
      result.paths.map((p) => p.steps.map((s) => s.id).join(' ')),
      enumerate(edges, ['end'], { list: 5, count: 5, work: 1000 }).paths.map((p) =>
        p.steps.map((s) => s.id).join(' '),
      ),
      'the listed paths are the first ones walked',
    );
    const capped = enumerate(edges, ['end'], { list: 5, count: 1000, work: 1000 });
    assert.equal(capped.counted, 1000);
    assert.equal(capped.countCapped, true);
  });

  it('counts a pathway with a loop by walking it, as before', () => {
    const edges = { a: ['d'], d: ['a', 'e', 'x'], x: ['e'] };
    const result = enumerate(edges, ['e'], { list: 10, count: 100, work: 1000 });
    assert.equal(result.counted, bruteForceCount(edges, new Set(['e']), 'a', new Set(['a'])));
    assert.equal(result.complete, true);
    assert.equal(result.paths.length, result.counted);
  });
});
