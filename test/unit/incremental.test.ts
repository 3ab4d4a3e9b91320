import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyzeWhole,
  IncrementalAnalyzer,
  type Analysis,
  type SourceNode,
} from '../../server/src/core';
import { resplitBlocks, splitBlocks } from '../../server/src/core/parse/blocks';
import { directiveMentions, directiveMentionsAfterEdit } from '../../server/src/core/suppression';
import { EXAMPLES } from '../support/paths';
import { randomSource, syntheticPathway } from '../support/synthetic';

/**
 * Differential test: after every random edit, the incremental analyzer must give exactly
 * what a fresh `analyzeWhole` (one parse of the whole text) gives for the same text — findings with their ranges and messages,
 * the source tree, and the line index. Each session of edits is seeded; a failure names its
 * seed. By default it runs 3,000 edits, or fewer (at least 2,000) if they take more than
 * 10 seconds on a slow machine:
 *
 *   PATHWAY_DIFF_EDITS=100000 npx mocha --grep incremental   a longer run (no time limit)
 *   PATHWAY_DIFF_SEED=1234 npx mocha --grep incremental      one session again
 */
const LONG_RUN = process.env['PATHWAY_DIFF_EDITS'];
const TOTAL_EDITS = Number(LONG_RUN ?? 3000);
const TIME_LIMIT_MS = LONG_RUN ? Infinity : 10_000;
const MIN_EDITS = 2000;
const ONLY_SEED = process.env['PATHWAY_DIFF_SEED'];
const EDITS_PER_SESSION = 40;
const FIRST_SEED = 1000;

const ALPHABET = [
  ...'abcxyz019_-.:/ ',
  ' ',
  ' ',
  '\n',
  '\n',
  '  ',
  ': ',
  '- ',
  '#',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '!',
  '|',
  '>',
  '?',
  '%',
  '---',
  '\t',
  '\r\n',
  '\r',
  'é',
  '—',
  '😀',
  '\uFEFF',
  '\u00a0',
];

type Random = () => number;

function int(random: Random, below: number): number {
  return Math.floor(random() * below);
}

function pick<T>(random: Random, list: readonly T[]): T {
  return list[int(random, list.length)] as T;
}

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  return { start, end: newline < 0 ? text.length : newline + 1 };
}

/** One random edit: returns the new text and words for what was done. */
function edit(text: string, random: Random, base: string): { text: string; what: string } {
  const at = int(random, text.length + 1);
  const line = lineBounds(text, at);
  const ids = [...text.matchAll(/^ {2}([A-Za-z0-9][\w.-]*):/gm)].map((m) => m[1] ?? '');
  switch (int(random, 13)) {
    case 0: {
      const insert = Array.from({ length: 1 + int(random, 3) }, () => pick(random, ALPHABET)).join(
        '',
      );
      return {
        text: text.slice(0, at) + insert + text.slice(at),
        what: `insert ${JSON.stringify(insert)} at ${at}`,
      };
    }
    case 1: {
      const length = 1 + int(random, 4);
      return {
        text: text.slice(0, at) + text.slice(at + length),
        what: `delete ${length} at ${at}`,
      };
    }
    case 2:
      return {
        text: text.slice(0, line.start) + text.slice(line.end),
        what: `delete line at ${line.start}`,
      };
    case 3: {
      const copy = text.slice(line.start, line.end);
      return {
        text: text.slice(0, line.end) + copy + text.slice(line.end),
        what: `duplicate line at ${line.start}`,
      };
    }
    case 4: {
      const other = lineBounds(text, line.end);
      if (other.start >= text.length) return { text, what: 'nothing' };
      const a = text.slice(line.start, line.end);
      const b = text.slice(other.start, other.end);
      return {
        text: text.slice(0, line.start) + b + a + text.slice(other.end),
        what: `swap lines at ${line.start}`,
      };
    }
    case 5: {
      // Rename an id where it is defined, to another id or a new one.
      if (ids.length === 0) return { text, what: 'nothing' };
      const from = pick(random, ids);
      const to = random() < 0.5 ? pick(random, ids) : `${from}${int(random, 9)}`;
      return { text: text.replace(`  ${from}:`, `  ${to}:`), what: `rename ${from} to ${to}` };
    }
    case 6: {
      // Break or redirect a link.
      const links = [...text.matchAll(/(next|otherwise|start): (\S+)/g)];
      if (links.length === 0) return { text, what: 'nothing' };
      const link = pick(random, links);
      const value = random() < 0.5 && ids.length > 0 ? pick(random, ids) : `${link[2] ?? ''}x`;
      const start = (link.index ?? 0) + (link[1]?.length ?? 0) + 2;
      return {
        text: text.slice(0, start) + value + text.slice(start + (link[2]?.length ?? 0)),
        what: `link at ${start} to ${value}`,
      };
    }
    case 7: {
      // Shift the indentation of a few lines.
      const lines = text.slice(line.start).split('\n');
      const count = 1 + int(random, 4);
      const shift = pick(random, [-2, -1, 1, 2]);
      for (let i = 0; i < count && i < lines.length; i++) {
        const current = lines[i] ?? '';
        lines[i] =
          shift > 0
            ? ' '.repeat(shift) + current
            : current.replace(new RegExp(`^ {0,${-shift}}`), '');
      }
      return {
        text: text.slice(0, line.start) + lines.join('\n'),
        what: `indent ${shift} × ${count} at ${line.start}`,
      };
    }
    case 8: {
      const unicode = pick(random, ['ü', '中文', '𝄞', '\u200b', '\u2028', 'ß', '🙂']);
      return { text: text.slice(0, at) + unicode + text.slice(at), what: `unicode at ${at}` };
    }
    case 9:
      return { text: text.slice(0, at), what: `truncate at ${at}` };
    case 10: {
      // Replace a line with a line from elsewhere in the file.
      const other = lineBounds(text, int(random, text.length + 1));
      const copy = text.slice(other.start, other.end);
      return {
        text: text.slice(0, line.start) + copy + text.slice(line.end),
        what: `replace line at ${line.start}`,
      };
    }
    case 11: {
      // Type a title: the common edit while writing.
      const titles = [...text.matchAll(/title: [^\n]*/g)];
      if (titles.length === 0) return { text, what: 'nothing' };
      const title = pick(random, titles);
      const end = (title.index ?? 0) + (title[0]?.length ?? 0);
      const typed = pick(random, [' and', 's', ' (review)', ':', ' #', '"']);
      return {
        text: text.slice(0, end) + typed + text.slice(end),
        what: `type ${JSON.stringify(typed)} at ${end}`,
      };
    }
    default:
      return { text: base, what: 'back to the original' };
  }
}

/** A source tree as comparable data: spans, values and structure, without absent fields. */
function treeData(node: SourceNode | undefined): unknown {
  if (!node) return undefined;
  return {
    value: node.value,
    span: node.span,
    keySpan: node.keySpan,
    empty: node.empty,
    firstKeySpan: node.firstKeySpan,
    floatLiteral: node.floatLiteral === true,
    entries: node.entries && [...node.entries].map(([key, child]) => [key, treeData(child)]),
    items: node.items?.map(treeData),
  };
}

function comparable(analysis: Analysis): unknown {
  const lines = analysis.parsed.lines;
  const starts: number[] = [];
  for (let i = 0; i < lines.lineCount; i++) starts.push(lines.lineStart(i));
  return {
    findings: analysis.findings,
    tree: treeData(analysis.parsed.tree?.root),
    duplicateKeys: analysis.parsed.tree?.duplicateKeys,
    starts,
  };
}

function corpus(): { name: string; text: string }[] {
  const examples = fs
    .readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.pathway.yaml'))
    .map((name) => ({ name, text: fs.readFileSync(path.join(EXAMPLES, name), 'utf8') }));
  return [
    ...examples,
    { name: 'synthetic-12', text: syntheticPathway({ steps: 12, seed: 3 }) },
    { name: 'synthetic-25', text: syntheticPathway({ steps: 25, seed: 4 }) },
  ];
}

describe('incremental analysis gives what a full check gives', function () {
  this.timeout(600_000);
  const bases = corpus();

  it('on the examples and generated pathways as they are', () => {
    for (const { name, text } of bases) {
      const analyzer = new IncrementalAnalyzer();
      const result = analyzer.analyze(text);
      assert.equal(analyzer.lastMode, 'incremental', `${name} should be read in pieces`);
      assert.deepStrictEqual(comparable(result), comparable(analyzeWhole(text)), name);
    }
  });

  it('after each of up to 3,000 random edits (seeded)', () => {
    const sessions = ONLY_SEED
      ? [Number(ONLY_SEED)]
      : Array.from(
          { length: Math.ceil(TOTAL_EDITS / EDITS_PER_SESSION) },
          (_, i) => FIRST_SEED + i,
        );
    let inPieces = 0;
    let edits = 0;
    const started = performance.now();
    for (const seed of sessions) {
      if (edits >= MIN_EDITS && performance.now() - started > TIME_LIMIT_MS) break;
      const random = randomSource(seed);
      const base = pick(random, bases);
      const analyzer = new IncrementalAnalyzer();
      let text = base.text;
      analyzer.analyze(text);
      const log: string[] = [];
      for (let i = 0; i < EDITS_PER_SESSION; i++) {
        const change = edit(text, random, base.text);
        text = change.text;
        log.push(change.what);
        const incremental = analyzer.analyze(text);
        edits++;
        // A text that cannot be read in pieces is checked by `analyzeWhole` itself.
        if (analyzer.lastMode !== 'incremental') continue;
        inPieces++;
        const expected = analyzeWhole(text);
        // Strings compare fast; the structural comparison below explains a difference.
        const same =
          JSON.stringify(comparable(incremental)) === JSON.stringify(comparable(expected));
        if (same) continue;
        try {
          assert.deepStrictEqual(comparable(incremental), comparable(expected));
          assert.fail('the JSON forms differ');
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          assert.fail(
            `seed ${seed} (${base.name}), edit ${i + 1}: ${log.join('; ')}\n` +
              `reproduce with PATHWAY_DIFF_SEED=${seed}\n${message.slice(0, 4000)}`,
          );
        }
      }
    }
    // The edits must exercise the incremental path, not only the fallback to a full check.
    assert.ok(inPieces > edits / 4, `only ${inPieces} of ${edits} edits were checked in pieces`);
    console.log(`      ${edits} edits, ${inPieces} of them checked in pieces`);
  });

  it('re-splitting and re-searching after each edit give what a fresh split and search give', () => {
    // The split into blocks and the search for suppression directives are redone only
    // around an edit; both must equal doing them afresh, including when the split fails.
    let checked = 0;
    for (let seed = FIRST_SEED; seed < FIRST_SEED + 100; seed++) {
      const random = randomSource(seed);
      const base = pick(random, bases);
      let text = base.text;
      let layout = splitBlocks(text);
      let mentions = directiveMentions(text);
      for (let i = 0; i < 50; i++) {
        const change =
          random() < 0.1
            ? (() => {
                const at = int(random, text.length + 1);
                return { text: `${text.slice(0, at)}# pathway-disable${text.slice(at)}` };
              })()
            : edit(text, random, base.text);
        const before = text;
        text = change.text;
        let prefix = 0;
        while (prefix < Math.min(before.length, text.length) && before[prefix] === text[prefix]) {
          prefix++;
        }
        let suffix = 0;
        while (
          suffix < Math.min(before.length, text.length) - prefix &&
          before[before.length - 1 - suffix] === text[text.length - 1 - suffix]
        ) {
          suffix++;
        }
        const textEdit = {
          prefix,
          suffixStart: text.length - suffix,
          moved: text.length - before.length,
        };
        const where = `seed ${seed}, edit ${i + 1}`;
        mentions = directiveMentionsAfterEdit(mentions, text, textEdit);
        assert.deepEqual(mentions, directiveMentions(text), where);
        const fresh = splitBlocks(text);
        if (layout) assert.deepEqual(resplitBlocks(layout, text, textEdit), fresh, where);
        layout = fresh;
        checked++;
      }
    }
    assert.ok(checked >= 5000);
  });
});
