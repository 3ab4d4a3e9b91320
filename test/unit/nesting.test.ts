import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Yaml from 'yaml';
import type { Document } from 'yaml';
import {
  analyzeWhole,
  IncrementalAnalyzer,
  MAX_NESTING_DEPTH,
  type Analysis,
} from '../../server/src/core';
import { measureNesting } from '../../server/src/core/parse/nesting';
import { buildSourceTree } from '../../server/src/core/parse/sourceTree';
import { fuzzCase, fuzzCorpus, int, pick } from '../support/fuzz';
import { EXAMPLES } from '../support/paths';
import { randomSource } from '../support/synthetic';

/**
 * The nesting pre-scan (server/src/core/parse/nesting.ts): a file nested past 100 levels is
 * refused before the YAML parser runs, which took minutes and gigabytes on a few megabytes
 * of brackets. The scan must see brackets exactly where the parser's lexer does (never in
 * quotes, comments, block scalars or plain text), never measure a valid file deeper than it
 * is, and report where the source tree would.
 */

// The module object the core itself calls, so that its parser calls can be counted.
const yaml = createRequire(__filename)('yaml') as typeof Yaml;

/** Runs `work`, and gives the texts it had the YAML parser read. */
function parsedTexts(work: () => void): string[] {
  const whole = yaml.parseAllDocuments;
  const one = yaml.parseDocument;
  const texts: string[] = [];
  const counted = yaml as { parseAllDocuments: unknown; parseDocument: unknown };
  counted.parseAllDocuments = (...args: Parameters<typeof whole>) => {
    texts.push(args[0]);
    return whole(...args);
  };
  counted.parseDocument = (...args: Parameters<typeof one>) => {
    texts.push(args[0]);
    return one(...args);
  };
  try {
    work();
  } finally {
    counted.parseAllDocuments = whole;
    counted.parseDocument = one;
  }
  return texts;
}

/** The most flow collections yaml's own lexer has open at once. */
function lexerFlowDepth(text: string): number {
  const lexer = new yaml.Lexer();
  let deepest = 0;
  for (const token of lexer.lex(text)) {
    void token;
    // Not in yaml's types, but what the lexer counts flow collections with.
    deepest = Math.max(deepest, (lexer as unknown as { flowLevel: number }).flowLevel);
  }
  // A level is set after the token that opens it: the last one is seen only at the end.
  return Math.max(deepest, (lexer as unknown as { flowLevel: number }).flowLevel);
}

/** The depth of the deepest collection of the parsed documents, keys included. */
function parsedDepth(docs: readonly { contents: unknown }[]): number {
  let deepest = -1;
  const stack: { node: unknown; depth: number }[] = docs.map((d) => ({
    node: d.contents,
    depth: 0,
  }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (yaml.isMap(node)) {
      deepest = Math.max(deepest, depth);
      for (const pair of node.items) {
        stack.push({ node: pair.key, depth: depth + 1 }, { node: pair.value, depth: depth + 1 });
      }
    } else if (yaml.isSeq(node)) {
      deepest = Math.max(deepest, depth);
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    } else if (yaml.isPair(node)) {
      stack.push({ node: node.key, depth }, { node: node.value, depth });
    }
  }
  return deepest;
}

const PIECES = [
  ...'abcxyz019_-.:/ ',
  ' ',
  '  ',
  '\n',
  '\n',
  '\n  ',
  '\n    ',
  '\r\n',
  '\r',
  '\t',
  ': ',
  ':',
  '- ',
  '-',
  '? ',
  '#',
  ' #',
  '"',
  "'",
  "''",
  '\\"',
  '\\',
  '[',
  '[',
  ']',
  '{',
  '{',
  '}',
  ',',
  ', ',
  '&a ',
  '*a',
  '!t ',
  '!<x> ',
  '|',
  '|2',
  '>-',
  '---',
  '\n---\n',
  '\n...\n',
  '\n%YAML 1.2\n',
  '\uFEFF',
];

function randomText(random: () => number): string {
  let text = '';
  for (let n = int(random, 60); n > 0; n--) text += pick(random, PIECES);
  return text;
}

function texts(): { what: string; text: string }[] {
  const cases: { what: string; text: string }[] = [];
  for (let seed = 1; seed <= 3000; seed++) {
    cases.push({ what: `random text ${seed}`, text: randomText(randomSource(seed)) });
  }
  const corpus = fuzzCorpus();
  for (let seed = 1; seed <= 300; seed++) {
    const c = fuzzCase(seed, corpus);
    cases.push({ what: `fuzz seed ${seed}`, text: c.text });
  }
  return cases;
}

function finding(analysis: Analysis): { code: string; message: string; at: number }[] {
  return analysis.findings.map((f) => ({ code: f.code, message: f.message, at: f.span.start }));
}

const TOO_DEEP = /nested more than 100 levels deep/;

const VALID_HEAD = 'pathway: 1\nid: deep\ntitle: Deep\nversion: "1"\nstart: a\n';

describe('nesting pre-scan', function () {
  this.timeout(60_000);

  it('counts a bracket exactly where the YAML lexer opens a flow collection', () => {
    for (const { what, text } of texts()) {
      assert.equal(measureNesting(text).deepestFlow, lexerFlowDepth(text), what);
    }
  });

  it('measures valid texts no deeper than they parse (no false alarm), the examples exactly', () => {
    let valid = 0;
    for (const { what, text } of texts()) {
      const docs = yaml.parseAllDocuments(text, { uniqueKeys: false, schema: 'core' });
      const list = Array.isArray(docs) ? docs : [];
      if (list.some((doc) => doc.errors.length > 0)) continue;
      valid++;
      assert.ok(measureNesting(text).deepest <= parsedDepth(list), what);
    }
    assert.ok(valid > 500, `${valid} valid texts`);
    const examples = fs.readdirSync(EXAMPLES).filter((name) => name.endsWith('.pathway.yaml'));
    for (const name of examples) {
      const text = fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
      const docs = yaml.parseAllDocuments(text, { uniqueKeys: false, schema: 'core' });
      assert.equal(measureNesting(text).deepest, parsedDepth(Array.isArray(docs) ? docs : []));
    }
  });

  for (const [name, make] of [
    ['flow lists', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`],
    ['flow mappings', (n: number) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}`],
    ['lists and mappings mixed', (n: number) => '[{a: '.repeat(Math.ceil(n / 2))],
    ['list items on one line', (n: number) => `${'- '.repeat(n)}x`],
    [
      'indented mappings',
      (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
    ],
    [
      'lists at their key’s column',
      (n: number) =>
        `k:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i)}- k:`).join('\n')}`,
    ],
    [
      'brackets in a step',
      (n: number) =>
        `${VALID_HEAD}steps:\n  a:\n    kind: end\n    title: End\n    detail: ${'['.repeat(n)}${']'.repeat(n)}\n`,
    ],
  ] as const) {
    it(`${name}: refused unparsed, at the point the source tree would name`, () => {
      for (const depth of [MAX_NESTING_DEPTH + 1, MAX_NESTING_DEPTH + 3]) {
        const text = make(depth);
        // Where reading the parse says it goes too deep (cheap at this depth).
        const [doc] = yaml.parseAllDocuments(text, {
          uniqueKeys: false,
          schema: 'core',
        }) as Document[] as [Document];
        const tree = buildSourceTree(doc, text);
        const expected = tree.problems.find((p) => TOO_DEEP.test(p.message))?.span.start;
        assert.notEqual(expected, undefined, `${depth}: the tree finds it too deep`);
        let analysis: Analysis | undefined;
        assert.deepEqual(
          parsedTexts(() => (analysis = analyzeWhole(text))),
          [],
        );
        assert.deepEqual(
          finding(analysis as Analysis).map((f) => ({ ...f, message: TOO_DEEP.test(f.message) })),
          [{ code: 'yaml-syntax', message: true, at: expected }],
          `${depth} deep`,
        );
        // The editor's reading in blocks says the same.
        assert.deepEqual(
          finding(new IncrementalAnalyzer().analyze(text)),
          finding(analysis as Analysis),
        );
      }
    });
  }

  it('6 MB of "[", 10 MB of "{" and of "[{" come back at once with one nesting error', () => {
    const size = 10 * 1024 * 1024;
    for (const [what, text] of [
      ['6 MB of [', '['.repeat(6 * 1024 * 1024)],
      ['10 MB of {', '{'.repeat(size)],
      ['10 MB of [{', '[{'.repeat(size / 2)],
      ['10 MB of "- "', '- '.repeat(size / 2)],
    ] as const) {
      for (const read of [analyzeWhole, (t: string) => new IncrementalAnalyzer().analyze(t)]) {
        let analysis: Analysis | undefined;
        assert.deepEqual(
          parsedTexts(() => (analysis = read(text))),
          [],
          what,
        );
        const findings = (analysis as Analysis).findings;
        assert.equal(findings.length, 1, what);
        assert.equal(findings[0]?.code, 'yaml-syntax', what);
        assert.match(findings[0]?.message ?? '', TOO_DEEP, what);
        assert.equal(findings[0]?.range.start.line, 0, what);
        assert.equal(findings[0]?.range.start.character, what.includes('- ') ? 200 : 100, what);
      }
    }
  });

  it('brackets in quotes, comments, block scalars and plain text are text, however many', () => {
    const brackets = '[{'.repeat(100_000);
    const step = (detail: string) =>
      `${VALID_HEAD}steps:\n  a:\n    kind: end\n    title: End\n${detail}`;
    for (const [what, text] of [
      ['double quotes', step(`    detail: "${brackets}"\n`)],
      ['single quotes', step(`    detail: '${brackets}'\n`)],
      ['a comment', step(`    detail: See below # ${brackets}\n`)],
      ['a block scalar', step(`    detail: |\n      ${brackets}\n      ${brackets}\n`)],
      ['plain text', step(`    detail: Text ${brackets}\n`)],
      ['plain text on more lines', step(`    detail: Text\n      ${brackets}\n`)],
    ] as const) {
      for (const analysis of [analyzeWhole(text), new IncrementalAnalyzer().analyze(text)]) {
        assert.deepEqual(
          analysis.findings.map((f) => f.code),
          [],
          what,
        );
        const detail = analysis.model?.steps.get('a')?.node.entries?.get('detail')?.value;
        assert.ok(typeof detail === 'string', what);
        assert.equal(detail.includes(brackets), what !== 'a comment', what);
      }
    }
  });

  it('a step nested too deep in a large pathway: found before parsing, edit after edit', () => {
    const steps = Array.from(
      { length: 200 },
      (_, i) => `  s${i}:\n    kind: action\n    title: Step ${i}\n    next: s${i + 1}\n`,
    ).join('');
    const deep = '['.repeat(1024 * 1024);
    const text = `${VALID_HEAD.replace('start: a', 'start: s0')}steps:\n${steps}  s200:\n    kind: end\n    title: End\n    detail: ${deep}\n`;
    const analyzer = new IncrementalAnalyzer();
    const first = analyzer.analyze(text);
    assert.deepEqual(
      first.findings.map((f) => f.code),
      ['yaml-syntax'],
    );
    assert.match(first.findings[0]?.message ?? '', TOO_DEEP);
    const line = text.slice(0, text.indexOf(deep)).split('\n').length - 1;
    assert.equal(first.findings[0]?.range.start.line, line);
    // An edit elsewhere: still found, and the parser never sees the deep text.
    const edited = text.replace('title: Step 3\n', 'title: Step three\n');
    let again: Analysis | undefined;
    const parsed = parsedTexts(() => (again = analyzer.analyze(edited)));
    assert.ok(parsed.length > 0);
    assert.ok(parsed.every((t) => !t.includes('[['.repeat(MAX_NESTING_DEPTH))));
    assert.deepEqual(finding(again as Analysis), finding(analyzeWhole(edited)));
    // Fixed: the pathway checks clean again.
    const fixed = edited.replace(deep, 'Plain text');
    assert.deepEqual(
      analyzer.analyze(fixed).findings.map((f) => f.code),
      [],
    );
  });
});
