// The preview's path finding, without a page: which steps and arrows light up when a step is
// selected, and where the arrow keys lead.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { linksOf, pathsThrough, stepBefore, type Arrow } from '../../client/webview/logic/paths';
import { analyze, walkModel } from '../../server/src/core';
import { EXAMPLES, ROOT } from '../support/paths';

/** A chart from `from>to` pairs. */
function chart(pairs: string[], starts: string[], ends: string[]) {
  const arrows = pairs.map((pair): Arrow => {
    const [from = '', to = ''] = pair.split('>');
    return { from, to };
  });
  return { arrows, starts, ends };
}

function lit(c: ReturnType<typeof chart>, id: string): { steps: string[]; arrows: string[] } {
  const found = pathsThrough(c, id);
  return {
    steps: [...found.steps].sort(),
    arrows: c.arrows.filter((a) => found.arrows.has(a)).map((a) => `${a.from}>${a.to}`),
  };
}

describe('the preview paths (logic)', () => {
  it('selecting a branch lights every path from the start through it to an end, and not the other branch', () => {
    const c = chart(['s>d', 'd>a', 'd>b', 'a>e1', 'b>e2'], ['s'], ['e1', 'e2']);
    assert.deepEqual(lit(c, 'a'), { steps: ['a', 'd', 'e1', 's'], arrows: ['s>d', 'd>a', 'a>e1'] });
    // The decision itself lies on both branches' paths.
    assert.deepEqual(lit(c, 'd').steps, ['a', 'b', 'd', 'e1', 'e2', 's']);
  });

  it('in a real pathway, selecting the neuropathic-pain recommendation lights the way to it and every way on, not the other answers before it', () => {
    const model = walkModel(
      analyze(
        fs.readFileSync(path.join(EXAMPLES, 'stepped-care-radiating-lbp.pathway.yaml'), 'utf8'),
      ),
    );
    const arrows = model.steps.flatMap((s) =>
      s.exits.map((e): Arrow => ({ from: s.id, to: e.to })),
    );
    const ends = model.steps.filter((s) => s.kind === 'end').map((s) => s.id);
    const found = pathsThrough({ arrows, starts: [model.start ?? ''], ends }, 'gabapentinoid');
    for (const id of ['initial-assessment', 'red-flags', 'response', 'persistent-pain']) {
      assert.equal(found.steps.has(id), true, `${id} leads to or from the selection`);
    }
    const litArrows = [...found.arrows].map((a) => `${a.from}>${a.to}`);
    assert.ok(litArrows.includes('response>gabapentinoid'));
    // Red flags at the later review are a way on from it; those at the first visit are not.
    assert.ok(litArrows.includes('persistent-pain>emergency-surgical-assessment'));
    for (const arrow of [
      'red-flags>emergency-surgical-assessment',
      'red-flags>prompt-imaging',
      'response>emergency-surgical-assessment',
      'response>prompt-imaging',
      'response>self-management-review',
      'response>add-nonpharmacological',
    ]) {
      assert.ok(!litArrows.includes(arrow), `${arrow} is on no path through the selection`);
    }
  });

  it('a step the start cannot reach still shows what leads to it and where it goes', () => {
    const c = chart(['s>e', 'o>a', 'a>e'], ['s'], ['e']);
    assert.deepEqual(lit(c, 'a'), { steps: ['a', 'e', 'o'], arrows: ['o>a', 'a>e'] });
  });

  it('a branch that ends nowhere stays dark when the selected step has a way to an end', () => {
    const c = chart(['s>a', 'a>e', 'a>x', 'x>y'], ['s'], ['e']);
    assert.deepEqual(lit(c, 'a'), { steps: ['a', 'e', 's'], arrows: ['s>a', 'a>e'] });
  });

  it('a step no end can be reached from shows all it reaches', () => {
    const c = chart(['s>a', 'a>b', 'b>a', 's>e'], ['s'], ['e']);
    assert.deepEqual(lit(c, 'a'), { steps: ['a', 'b', 's'], arrows: ['s>a', 'a>b', 'b>a'] });
  });

  it('each step leads where its arrows are written, in order and each once', () => {
    const links = linksOf(chart(['d>b', 'd>a', 'd>b', 'a>e', 'b>e'], ['d'], ['e']).arrows);
    assert.deepEqual(links.exits.get('d'), ['b', 'a']);
    assert.deepEqual(links.entries.get('e'), ['a', 'b']);
    assert.equal(links.exits.get('e'), undefined);
  });

  it('the up arrow goes back the way the down arrow came, else to the first step leading here', () => {
    const links = linksOf(chart(['a>c', 'b>c', 'c>e'], ['a'], ['e']).arrows);
    assert.equal(stepBefore(links, ['b'], 'c'), 'b');
    assert.equal(stepBefore(links, [], 'c'), 'a');
    assert.equal(stepBefore(links, ['e'], 'c'), 'a');
    assert.equal(stepBefore(links, [], 'a'), undefined);
  });
});

/** The page bundles these files and Node runs them in these tests: neither may reach the other. */
describe("the preview's pure logic", () => {
  const LOGIC = path.join(ROOT, 'client', 'webview', 'logic');
  const files = fs.readdirSync(LOGIC).filter((name) => name.endsWith('.ts'));

  it('is compiled without DOM or Node types', () => {
    const raw = fs.readFileSync(path.join(LOGIC, 'tsconfig.json'), 'utf8');
    const config = JSON.parse(raw.replace(/^\s*\/\/.*$/gm, '')) as {
      compilerOptions: { types: string[]; lib: string[] };
    };
    assert.deepEqual(config.compilerOptions.types, []);
    assert.ok(!config.compilerOptions.lib.some((lib) => lib.toLowerCase().startsWith('dom')));
  });

  it('imports no package and none of the page modules around it', () => {
    assert.ok(files.length >= 2);
    const page = path.join(ROOT, 'client', 'webview');
    const offending: string[] = [];
    for (const name of files) {
      const text = fs.readFileSync(path.join(LOGIC, name), 'utf8');
      for (const [, specifier = ''] of text.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
        const resolved = path.resolve(LOGIC, specifier);
        const intoPage = resolved.startsWith(page) && !resolved.startsWith(LOGIC);
        if (!specifier.startsWith('.') || intoPage) offending.push(`${name} imports ${specifier}`);
      }
    }
    assert.deepEqual(offending, []);
  });
});
