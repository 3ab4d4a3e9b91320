import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SymbolKind } from 'vscode-languageserver';
import { analyze, type Analysis } from '../../server/src/core';
import { outline, type OutlineEntry } from '../../server/src/core/language';
import { documentSymbols, foldingRanges } from '../../server/src/lsp/features/structure';
import { rangeText } from '../support/cursor';
import { EXAMPLES } from '../support/paths';

/** The outline as an editor's tree shows it, one line per entry, indented by depth. */
function tree(analysis: Analysis): string[] {
  const text = analysis.parsed.text;
  const lines: string[] = [];
  const add = (entry: OutlineEntry, depth: number): void => {
    const detail = entry.detail === undefined ? '' : ` "${entry.detail}"`;
    lines.push(
      `${'  '.repeat(depth)}${entry.name} (${entry.kind})${detail} ` +
        `${rangeText(text, entry.span)} at ${rangeText(text, entry.selectionSpan)}`,
    );
    for (const child of entry.children ?? []) add(child, depth + 1);
  };
  for (const entry of outline(analysis)) add(entry, 0);
  return lines;
}

// Windows line ends, a flow mapping, a comment, a step of unknown kind and non-ASCII titles.
const SMALL = [
  'pathway: 1',
  'id: small',
  'title: Kleiner Pfad — ä',
  'version: "1"',
  'start: ask',
  'steps:',
  '  ask:',
  '    kind: decision',
  '    title: Schmerz ≥ 7?',
  '    branches:',
  '      - {when: ja, next: stop}',
  '    otherwise: odd',
  '  odd:',
  '    kind: mystery',
  '  stop: {kind: end, title: Ende 😀}',
  '# a comment',
  'references:',
  '  who-2023:',
  '    title: Guideline',
  '',
].join('\r\n');

describe('document structure (in process, on an analysis)', () => {
  it('outlines the steps with kind and title and the references with title, with their ranges', () => {
    assert.deepEqual(tree(analyze(SMALL)), [
      'steps (section) 5:0-15:0 at 5:0-5:5',
      '  ask (decision) "decision — Schmerz ≥ 7?" 6:2-12:0 at 6:2-6:5',
      '  odd (step) "step" 12:2-14:0 at 12:2-12:5',
      '  stop (end) "end — Ende 😀" 14:2-14:35 at 14:2-14:6',
      'references (section) 16:0-19:0 at 16:0-16:10',
      '  who-2023 (reference) "Guideline" 17:2-19:0 at 17:2-17:10',
    ]);
  });

  it('outlines a real example: every step and reference in file order', () => {
    // The example that keeps a reference of its own (the others cite a shared file only).
    const file = fs.readFileSync(path.join(EXAMPLES, 'motor-skill-training.pathway.yaml'), 'utf8');
    const analysis = analyze(file);
    const [steps, references] = outline(analysis);
    assert.equal(steps?.name, 'steps');
    assert.deepEqual(
      steps?.children?.map((s) => s.name),
      [...(analysis.model?.steps.keys() ?? [])],
    );
    assert.deepEqual(tree(analysis).slice(0, 3), [
      'steps (section) 43:0-285:0 at 43:0-43:5',
      '  screen (assessment) "assessment — History and examination to confirm chronic non-specific low back pain" 44:2-61:0 at 44:2-44:8',
      '  eligibility (decision) "decision — Is this chronic non-specific low back pain?" 62:2-84:0 at 62:2-62:13',
    ]);
    assert.equal(references?.name, 'references');
    assert.ok((references?.children?.length ?? 0) > 0);
  });

  it('outlines nothing for a file that does not parse, and no section that is not written', () => {
    assert.deepEqual(outline(analyze(`${SMALL}  broken: [\r\n`)), []);
    const noReferences = SMALL.slice(0, SMALL.indexOf('# a comment'));
    assert.deepEqual(
      outline(analyze(noReferences)).map((e) => e.name),
      ['steps'],
    );
  });

  it('the language server sends document symbols with the kinds of step', () => {
    const [steps] = documentSymbols(analyze(SMALL));
    assert.equal(steps?.kind, SymbolKind.Namespace);
    assert.deepEqual(
      steps?.children?.map((s) => [s.name, s.kind]),
      [
        ['ask', SymbolKind.Enum],
        ['odd', SymbolKind.Object],
        ['stop', SymbolKind.Null],
      ],
    );
    assert.deepEqual(steps?.selectionRange, {
      start: { line: 5, character: 0 },
      end: { line: 5, character: 5 },
    });
  });

  it('folds each section, step and reference that spans lines, up to its last written line', () => {
    assert.deepEqual(
      foldingRanges(analyze(SMALL)).map((r) => `${r.startLine}-${r.endLine}`),
      ['5-14', '6-11', '12-13', '16-18', '17-18'],
    );
  });
});
