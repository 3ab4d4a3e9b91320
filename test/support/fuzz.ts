/**
 * The fuzzer's mutations and properties, shared by the core tier (test/unit/fuzz.test.ts),
 * the server tier (test/lsp/fuzz.test.ts) and `npm run fuzz`.
 *
 * A case is one seed: the seed picks a pathway from the corpus and one to three mutations,
 * so a failing case is reproduced by its seed alone (PATHWAY_FUZZ_SEED=N). Every mutation
 * says what it did in words, and a failure prints them with the seed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding, LineIndex } from '../../server/src/core';
import { EXAMPLES, FIXTURES } from './paths';
import { randomSource } from './synthetic';

export type Random = () => number;

export function int(random: Random, below: number): number {
  return Math.floor(random() * below);
}

export function pick<T>(random: Random, list: readonly T[]): T {
  return list[int(random, list.length)] as T;
}

/** What the fuzzer starts from: every example, the flawed one included. */
export interface Seedling {
  readonly name: string;
  readonly text: string;
}

export function fuzzCorpus(): Seedling[] {
  const read = (folder: string, names: string[]): Seedling[] =>
    names.map((name) => ({
      name: path.relative(EXAMPLES, path.join(folder, name)),
      text: fs.readFileSync(path.join(folder, name), 'utf8'),
    }));
  const examples = fs.readdirSync(EXAMPLES).filter((name) => name.endsWith('.pathway.yaml'));
  const flawed = fs
    .readdirSync(path.join(EXAMPLES, 'flawed'))
    .filter((name) => name.endsWith('.pathway.yaml'));
  return [...read(EXAMPLES, examples), ...read(path.join(EXAMPLES, 'flawed'), flawed)];
}

/** The small pathway truncated at every length in the quick run (under 1 KB). */
export const SMALL_PATHWAY = path.join(FIXTURES, 'clean', 'status-omitted.pathway.yaml');

/** Text that breaks things in editors and parsers: astral, right-to-left, invisible, odd. */
export const UNICODE = [
  '😀',
  '👩🏽‍⚕️',
  '𝔸𝕓𝕔',
  '𠀀',
  '\u202E', // right-to-left override
  '\u202Bשלום\u202C',
  'مرحبا',
  '\u200F',
  '\u2066\u2069',
  '\u0301\u0301\u0301', // combining accents with nothing to sit on
  '\u200B',
  '\u200D',
  '\u2028',
  '\u2029',
  '\u00A0',
  '\u3000',
  '\uFEFF',
  '\uFFFD',
  '\uD800', // half of a surrogate pair
  '\uDC00',
  '\u0000',
  '\u001B[31m',
  '\u0085',
  '：', // a full-width colon
  'а', // Cyrillic a
  'ǅ',
  'ﷺ',
  '\r',
];

/** YAML's own punctuation and constructs, dropped in at random. */
const YAML_BITS = [
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
  '*nothing',
  '!',
  '!!js/function ',
  '!custom ',
  '!!binary ',
  '|',
  '>-',
  '? ',
  '%YAML 1.2\n',
  '---\n',
  '...\n',
  '<<: *a\n',
  '\t',
  '\r\n',
  '\\',
  '@',
  '`',
];

/** Keys a key may be swapped for: the format's own, and the prototype's. */
const KEYS = [
  'kind',
  'title',
  'next',
  'otherwise',
  'branches',
  'when',
  'cite',
  'strength',
  'certainty',
  'steps',
  'references',
  'start',
  'pathway',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
];

export interface Mutation {
  readonly text: string;
  readonly what: string;
}

function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

function describe(value: string): string {
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return shown;
}

/** One mutation of `text`, chosen by `random`. */
export function mutate(text: string, random: Random): Mutation {
  const all = lines(text);
  const lineAt = (): number => int(random, Math.max(1, all.length));
  const at = int(random, text.length + 1);
  switch (int(random, 12)) {
    case 0: {
      // A flipped bit in the UTF-8 bytes, read back as an editor would (bad bytes become U+FFFD).
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return { text: '\u0001', what: 'flip-byte in an empty text' };
      const offset = int(random, bytes.length);
      const bit = int(random, 8);
      bytes[offset] = (bytes[offset] ?? 0) ^ (1 << bit);
      return {
        text: new TextDecoder('utf-8').decode(bytes),
        what: `flip bit ${bit} of byte ${offset}`,
      };
    }
    case 1: {
      const n = lineAt();
      return { text: all.filter((_, i) => i !== n).join(''), what: `delete line ${n + 1}` };
    }
    case 2: {
      const n = lineAt();
      const copy = [...all];
      copy.splice(n, 0, all[n] ?? '');
      return { text: copy.join(''), what: `duplicate line ${n + 1}` };
    }
    case 3: {
      const a = lineAt();
      const b = lineAt();
      const copy = [...all];
      const lineA = (copy[a] ?? '').replace(/\r?\n$/, '');
      const lineB = (copy[b] ?? '').replace(/\r?\n$/, '');
      copy[a] = (copy[a] ?? '').replace(lineA, () => lineB);
      copy[b] = (copy[b] ?? '').replace(lineB, () => lineA);
      return { text: copy.join(''), what: `swap lines ${a + 1} and ${b + 1}` };
    }
    case 4:
      return { text: text.slice(0, at), what: `truncate at ${at}` };
    case 5: {
      // Shift the indentation of a few lines, or indent with a tab.
      const n = lineAt();
      const count = 1 + int(random, 4);
      const shift = pick(random, [-4, -2, -1, 1, 2, 4, 0]);
      const copy = all.map((line, i) => {
        if (i < n || i >= n + count) return line;
        if (shift === 0) return `\t${line}`;
        return shift > 0
          ? ' '.repeat(shift) + line
          : line.replace(new RegExp(`^ {0,${-shift}}`), '');
      });
      return {
        text: copy.join(''),
        what: `indent lines ${n + 1}-${n + count} by ${shift === 0 ? 'a tab' : shift}`,
      };
    }
    case 6: {
      const insert = Array.from({ length: 1 + int(random, 3) }, () => pick(random, UNICODE)).join(
        '',
      );
      return {
        text: text.slice(0, at) + insert + text.slice(at),
        what: `insert ${describe(insert)} at ${at}`,
      };
    }
    case 7: {
      // Swap two keys, or rename one to another key (the prototype's names included).
      const keyed = all
        .map((line, i) => ({ i, match: /^(\s*(?:- )?)([^\s:#][^:#]*):(\s|$)/.exec(line) }))
        .filter((entry) => entry.match);
      if (keyed.length === 0) return { text, what: 'swap keys (none found)' };
      const first = pick(random, keyed);
      const second = pick(random, keyed);
      const copy = [...all];
      const rename = (i: number, key: string): void => {
        copy[i] = (copy[i] ?? '').replace(/^(\s*(?:- )?)([^\s:#][^:#]*):/, (_, lead) => {
          return `${String(lead)}${key}:`;
        });
      };
      if (random() < 0.5) {
        const keyA = first.match?.[2] ?? '';
        const keyB = second.match?.[2] ?? '';
        rename(first.i, keyB);
        rename(second.i, keyA);
        return {
          text: copy.join(''),
          what: `swap keys of lines ${first.i + 1} and ${second.i + 1}`,
        };
      }
      const key = pick(random, KEYS);
      rename(first.i, key);
      return { text: copy.join(''), what: `rename the key of line ${first.i + 1} to ${key}` };
    }
    case 8: {
      // A merge gone wrong: git's conflict markers around a few lines, both sides kept.
      const n = lineAt();
      const count = 1 + int(random, 5);
      const ours = all.slice(n, n + count).join('');
      const theirs = ours.replace(/title: /g, 'title: Revised ');
      const eol = ours.endsWith('\n') || ours === '' ? '' : '\n';
      const block = `<<<<<<< HEAD\n${ours}${eol}=======\n${theirs}${eol}>>>>>>> review\n`;
      return {
        text: [...all.slice(0, n), block, ...all.slice(n + count)].join(''),
        what: `conflict markers around lines ${n + 1}-${n + count}`,
      };
    }
    case 9: {
      const insert = pick(random, YAML_BITS);
      return {
        text: text.slice(0, at) + insert + text.slice(at),
        what: `insert ${describe(insert)} at ${at}`,
      };
    }
    case 10: {
      // Line breaks as another system writes them.
      const style = pick(random, ['\r\n', '\r', 'mixed']);
      const converted =
        style === 'mixed'
          ? all.map((line, i) => (i % 2 === 0 ? line.replace(/\n$/, '\r\n') : line)).join('')
          : text.replace(/\r?\n/g, style);
      return { text: converted, what: `line breaks as ${JSON.stringify(style)}` };
    }
    default: {
      // Delete or duplicate a run of characters.
      const length = 1 + int(random, 20);
      if (random() < 0.5) {
        return {
          text: text.slice(0, at) + text.slice(at + length),
          what: `delete ${length} characters at ${at}`,
        };
      }
      const run = text.slice(at, at + length);
      return {
        text: text.slice(0, at) + run + run + text.slice(at + length),
        what: `double ${describe(run)} at ${at}`,
      };
    }
  }
}

export interface FuzzCase {
  readonly seed: number;
  readonly base: Seedling;
  readonly text: string;
  /** The texts after each mutation, the last one being `text`. */
  readonly steps: readonly string[];
  readonly mutations: readonly string[];
}

/** The case a seed stands for: a pathway of the corpus and one to three mutations of it. */
export function fuzzCase(seed: number, corpus: readonly Seedling[]): FuzzCase {
  const random = randomSource(seed);
  const base = pick(random, corpus);
  let text = base.text;
  const steps: string[] = [];
  const mutations: string[] = [];
  for (let i = 1 + int(random, 3); i > 0; i--) {
    const change = mutate(text, random);
    text = change.text;
    steps.push(text);
    mutations.push(change.what);
  }
  return { seed, base, text, steps, mutations };
}

export function describeCase(c: FuzzCase): string {
  return `seed ${c.seed} (${c.base.name}: ${c.mutations.join('; ')}); reproduce with PATHWAY_FUZZ_SEED=${c.seed}`;
}

/** How many cases to run and from which seed: a quick slice in npm test, more in npm run fuzz. */
export interface FuzzPlan {
  readonly seeds: readonly number[];
  /** Stop early (after the first `minimum` cases) once this many milliseconds have passed. */
  readonly timeLimitMs: number;
  readonly minimum: number;
}

export function fuzzPlan(quick: { cases: number; timeLimitMs: number; minimum: number }): FuzzPlan {
  const only = process.env['PATHWAY_FUZZ_SEED'];
  if (only) return { seeds: [Number(only)], timeLimitMs: Infinity, minimum: 1 };
  const cases = process.env['PATHWAY_FUZZ_CASES'];
  const first = Number(process.env['PATHWAY_FUZZ_FIRST_SEED'] ?? 1);
  const count = cases ? Number(cases) : quick.cases;
  return {
    seeds: Array.from({ length: count }, (_, i) => first + i),
    timeLimitMs: cases ? Infinity : quick.timeLimitMs,
    minimum: cases ? count : quick.minimum,
  };
}

/** Whether this is a long run (npm run fuzz): the long-only checks run then. */
export const LONG_RUN = process.env['PATHWAY_FUZZ_CASES'] !== undefined;

export interface LspRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/**
 * Why a range does not lie inside a text, or undefined when it does: lines that exist,
 * characters within the line (never inside its line break), start before end, and neither
 * end between the two halves of a surrogate pair.
 */
export function rangeProblem(range: LspRange, lines: LineIndex): string | undefined {
  const before = (
    a: { line: number; character: number },
    b: { line: number; character: number },
  ): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);
  for (const [name, position] of [
    ['start', range.start],
    ['end', range.end],
  ] as const) {
    const { line, character } = position;
    if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0) {
      return `${name} ${JSON.stringify(position)} is not a position`;
    }
    if (line >= lines.lineCount) {
      return `${name} line ${line} is past the last line (${lines.lineCount - 1})`;
    }
    const length = lines.lineText(line).length;
    if (character > length) {
      return `${name} ${line}:${character} is past the end of its line (${length} characters)`;
    }
    const offset = lines.lineStart(line) + character;
    const text = lines.text;
    const high = text.charCodeAt(offset - 1);
    const low = text.charCodeAt(offset);
    if (high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      return `${name} ${line}:${character} splits a surrogate pair`;
    }
  }
  if (before(range.end, range.start)) return `it ends before it starts`;
  return undefined;
}

/** Every property a core analysis must have, as problems found (empty when none). */
export function findingProblems(findings: readonly Finding[], lines: LineIndex): string[] {
  const problems: string[] = [];
  for (const finding of findings) {
    if (finding.code === 'internal-error') {
      problems.push(`internal-error: ${finding.message}`);
    }
    const where = rangeProblem(finding.range, lines);
    if (where) problems.push(`${finding.code} range ${JSON.stringify(finding.range)}: ${where}`);
    const fromSpan = lines.rangeOf(finding.span);
    if (JSON.stringify(fromSpan) !== JSON.stringify(finding.range)) {
      problems.push(`${finding.code}: its span and its range disagree`);
    }
    if (/[\r\n]/.test(finding.message)) problems.push(`${finding.code}: message on several lines`);
  }
  return problems;
}
