import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core';
import { SharedFiles, type FileRead } from '../../server/src/core/files/provider';
import { pathCompletions, pathSlotAt } from '../../server/src/core/language';
import { atCursor } from '../support/cursor';

function slot(marked: string): ReturnType<typeof pathSlotAt> {
  const { text, line, character } = atCursor(marked);
  return pathSlotAt(text, line, character);
}

const HEAD = `pathway: 1
id: lbp
title: Low back pain
version: "1"
`;

const FILES = [
  'shared/lbp.references.yaml',
  'shared/lbp.bib',
  'shared/items.json',
  'shared/notes.txt',
  '../elsewhere.bib',
  'lbp.pathway.yaml',
  'screens/red-flags.pathway.yml',
];

describe('completion of the paths a pathway names (in process)', () => {
  it('finds a bibliography item being typed, after its dash and an opening quote', () => {
    assert.deepEqual(slot(`${HEAD}bibliography:\n  - sha<|>\n`), {
      field: 'bibliography',
      typed: 'sha',
      replaceFrom: 4,
    });
    assert.deepEqual(slot(`${HEAD}bibliography:\n  - "shared/<|>\n`), {
      field: 'bibliography',
      typed: 'shared/',
      replaceFrom: 5,
    });
  });

  it('finds a use value in any step, whatever its kind says', () => {
    assert.deepEqual(slot(`${HEAD}steps:\n  screen:\n    kind: action\n    use: scr<|>\n`), {
      field: 'use',
      typed: 'scr',
      replaceFrom: 9,
    });
  });

  it('offers nothing outside those places, or once the value is closed or commented', () => {
    assert.equal(slot(`${HEAD}references:\n  - sha<|>\n`), undefined);
    assert.equal(slot(`${HEAD}use: x<|>\n`), undefined);
    assert.equal(slot(`${HEAD}bibliography:\n  - "a.bib" <|>\n`), undefined);
    assert.equal(slot(`${HEAD}bibliography:\n  - a.bib # c<|>\n`), undefined);
    assert.equal(slot(`${HEAD}steps:\n  a:\n    cite: [x]\n    next: <|>\n`), undefined);
  });

  it('offers bibliography files for an item and pathway files for use, nearest first', () => {
    const bibliography = { field: 'bibliography', typed: '', replaceFrom: 4 } as const;
    assert.deepEqual(
      pathCompletions(bibliography, FILES).map((item) => item.label),
      ['../elsewhere.bib', 'shared/items.json', 'shared/lbp.bib', 'shared/lbp.references.yaml'],
    );
    const use = { field: 'use', typed: '', replaceFrom: 9 } as const;
    assert.deepEqual(
      pathCompletions(use, FILES, 'lbp.pathway.yaml').map((item) => item.label),
      ['screens/red-flags.pathway.yml'],
    );
  });
});

describe('files observed for one analysis (in process)', () => {
  it('tells every path a pathway reads, while each file is still read and parsed once', () => {
    const reads: string[] = [];
    const texts = new Map([['shared/a.bib', '@misc{A, title = {T}, url = {https://x.org}}']]);
    const files = new SharedFiles({
      read(path: string): FileRead {
        reads.push(path);
        const text = texts.get(path);
        return text === undefined ? { problem: { kind: 'missing' } } : { text };
      },
    });
    const text = `${HEAD}bibliography:\n  - shared/a.bib\n  - shared/gone.bib\nstart: s\nsteps:\n  s:\n    kind: end\n    title: End\n`;
    const seen: string[][] = [[], []];
    for (const index of [0, 1]) {
      const observed = files.observed((path) => seen[index]?.push(path));
      analyze(text, {}, { files: { files: observed, path: 'p.pathway.yaml' } });
    }
    assert.deepEqual(seen, [
      ['shared/a.bib', 'shared/gone.bib'],
      ['shared/a.bib', 'shared/gone.bib'],
    ]);
    assert.deepEqual(reads, ['shared/a.bib', 'shared/gone.bib']);
  });

  it('tells the files a used pathway reads in turn, also when its analysis is kept from before', () => {
    const texts = new Map([
      [
        'b.pathway.yaml',
        `${HEAD}bibliography: [b.bib]\nstart: e\nsteps:\n  e:\n    kind: end\n    title: E\n`,
      ],
      ['b.bib', '@misc{B, title = {T}, url = {https://x.org}}'],
    ]);
    const files = new SharedFiles({
      read(path: string): FileRead {
        const found = texts.get(path);
        return found === undefined ? { problem: { kind: 'missing' } } : { text: found };
      },
    });
    const text = `${HEAD}start: b\nsteps:\n  b:\n    kind: pathway\n    title: B\n    use: b.pathway.yaml\n    next: e\n  e:\n    kind: end\n    title: E\n`;
    for (const round of [1, 2]) {
      const seen = new Set<string>();
      const observed = files.observed((path) => seen.add(path));
      const analysis = analyze(text, {}, { files: { files: observed, path: 'a.pathway.yaml' } });
      assert.equal(analysis.model?.calls?.get('b')?.state.kind, 'ok', `round ${round}`);
      assert.ok(seen.has('b.bib'), `round ${round}: ${[...seen].join(', ')}`);
    }
  });
});
