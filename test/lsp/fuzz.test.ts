import * as assert from 'node:assert/strict';
import { analyzeWhole, LineIndex } from '../../server/src/core';
import { SharedFiles, type FileProvider } from '../../server/src/core/files/provider';

/** A folder that holds no other file. */
const NO_FILES: FileProvider = { read: () => ({ problem: { kind: 'missing' } }) };
import {
  describeCase,
  fuzzCase,
  fuzzCorpus,
  fuzzPlan,
  int,
  LONG_RUN,
  rangeProblem,
  type FuzzCase,
  type LspRange,
} from '../support/fuzz';
import { LspClient, type Diagnostic } from '../support/lspClient';
import { randomSource } from '../support/synthetic';

/**
 * The seeded fuzzer, server tier: the real server process over stdio. Each case opens an
 * example, edits it into the mutated text with one range edit (as an editor sends it),
 * waits for its diagnostics, then asks for hover, completion, symbols, folding, definition
 * and quick fixes at positions the seed picks (some outside the text). The server must
 * answer every request without an error, publish diagnostics that lie inside the text and
 * match the core's, log no error, and still be running at the end.
 *
 *   PATHWAY_FUZZ_CASES=2000 npx mocha out/test/lsp/fuzz.test.js   a long run
 *   PATHWAY_FUZZ_SEED=1234 npx mocha out/test/lsp/fuzz.test.js    one case again
 */
const PLAN = fuzzPlan({ cases: 200, timeLimitMs: 4000, minimum: 16 });

/** Cases handled at once, each in its own document. */
const BATCH = 8;

/** Generous: a request on an example takes milliseconds. */
const TIME_PER_REQUEST_MS = 5000;

interface Position {
  line: number;
  character: number;
}

/** The one range edit that turns `before` into `after`, never splitting a \r\n or a pair. */
function rangeEdit(before: string, after: string): { range: LspRange; text: string } {
  let prefix = 0;
  const limit = Math.min(before.length, after.length);
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  const splits = (text: string, at: number): boolean => {
    const a = text.charCodeAt(at - 1);
    const b = text.charCodeAt(at);
    return (a === 13 && b === 10) || (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff);
  };
  while (prefix > 0 && (splits(before, prefix) || splits(after, prefix))) prefix--;
  while (
    suffix > 0 &&
    (splits(before, before.length - suffix) || splits(after, after.length - suffix))
  ) {
    suffix--;
  }
  const lines = new LineIndex(before);
  const offsetPosition = (offset: number): Position => {
    // Line starts as the LSP counts them; the character is the distance from the start.
    const { line } = lines.positionAt(offset);
    return { line, character: offset - lines.lineStart(line) };
  };
  return {
    range: { start: offsetPosition(prefix), end: offsetPosition(before.length - suffix) },
    text: after.slice(prefix, after.length - suffix),
  };
}

/** A position the seed picks: mostly inside the text, sometimes anywhere. */
function somewhere(random: () => number, lines: LineIndex): Position {
  const roll = random();
  if (roll < 0.05) return { line: lines.lineCount + int(random, 1000), character: 0 };
  if (roll < 0.1) return { line: int(random, lines.lineCount), character: 10_000 };
  const line = int(random, lines.lineCount);
  return { line, character: int(random, lines.lineText(line).length + 1) };
}

function timed<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took more than ${TIME_PER_REQUEST_MS} ms`)),
      TIME_PER_REQUEST_MS,
    );
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

describe('fuzzing the language server (the real process over stdio)', function () {
  this.timeout(LONG_RUN ? 0 : 60_000);
  const corpus = fuzzCorpus();
  let client: LspClient;

  before(async () => {
    client = new LspClient();
    await client.initialize();
  });

  after(async () => {
    await client.stop();
  });

  /** One case, end to end; returns what went wrong. */
  async function runCase(c: FuzzCase): Promise<string[]> {
    const problems: string[] = [];
    const uri = `file:///fuzz/case-${c.seed}.pathway.yaml`;
    await client.open(uri, c.base.text);
    const edit = rangeEdit(c.base.text, c.text);
    const published = client.nextDiagnostics(uri, 2);
    await client.edit(uri, [edit], 2);
    const diagnostics = (await timed('the diagnostics', published)).diagnostics;

    const lines = new LineIndex(c.text);
    // The server reads the files a pathway names from the document's folder, here one with
    // none: every bibliography and sub-pathway is an unknown file, as the core says with none.
    const expected = analyzeWhole(
      c.text,
      {},
      {
        files: { files: new SharedFiles(NO_FILES), path: `case-${c.seed}.pathway.yaml` },
      },
    ).findings.map((f) => `${f.code}@${JSON.stringify(f.range)}`);
    const seen = diagnostics.map((d) => `${d.code}@${JSON.stringify(d.range)}`);
    if (JSON.stringify(seen) !== JSON.stringify(expected)) {
      problems.push(`published ${seen.join(', ')}\n  the core gives ${expected.join(', ')}`);
    }
    const inside = (what: string, range: LspRange | undefined): void => {
      if (!range) return;
      const problem = rangeProblem(range, lines);
      if (problem) problems.push(`${what} ${JSON.stringify(range)}: ${problem}`);
    };
    for (const d of diagnostics) inside(`diagnostic ${d.code}`, d.range);
    if (diagnostics.some((d: Diagnostic) => d.code === 'internal-error')) {
      problems.push('an internal-error diagnostic');
    }

    const random = randomSource(c.seed);
    const textDocument = { uri };
    const ask = async <T>(method: string, params: object): Promise<T | undefined> => {
      try {
        return await timed(method, client.request<T>(method, { textDocument, ...params }));
      } catch (error) {
        problems.push(
          `${method} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        return undefined;
      }
    };
    const hover = await ask<{ range?: LspRange } | null>('textDocument/hover', {
      position: somewhere(random, lines),
    });
    inside('hover', hover?.range);
    await ask('textDocument/completion', { position: somewhere(random, lines) });
    const symbols = await ask<{ range: LspRange; selectionRange: LspRange }[]>(
      'textDocument/documentSymbol',
      {},
    );
    for (const symbol of symbols ?? []) inside('symbol', symbol.range);
    await ask('textDocument/foldingRange', {});
    const tokens = await ask<{ data: number[] }>('textDocument/semanticTokens/full', {});
    if (tokens && tokens.data.length % 5 !== 0) problems.push('semantic tokens not in fives');
    const definitions = await ask<{ range: LspRange }[] | null>('textDocument/definition', {
      position: somewhere(random, lines),
    });
    for (const location of definitions ?? []) inside('definition', location.range);
    const whole = {
      start: { line: 0, character: 0 },
      end: { line: lines.lineCount, character: 0 },
    };
    const actions = await ask<{ edit?: { changes?: Record<string, { range: LspRange }[]> } }[]>(
      'textDocument/codeAction',
      { range: whole, context: { diagnostics } },
    );
    for (const action of actions ?? []) {
      for (const edits of Object.values(action.edit?.changes ?? {})) {
        for (const textEdit of edits) inside('quick fix edit', textEdit.range);
      }
    }
    await client.close(uri);
    return problems;
  }

  it(`answers every request on mutated documents, within the text (${PLAN.seeds.length > 1 ? `up to ${PLAN.seeds.length} cases` : `seed ${PLAN.seeds[0]}`})`, async () => {
    const started = performance.now();
    let ran = 0;
    for (let i = 0; i < PLAN.seeds.length; i += BATCH) {
      if (ran >= PLAN.minimum && performance.now() - started > PLAN.timeLimitMs) break;
      const cases = PLAN.seeds.slice(i, i + BATCH).map((seed) => fuzzCase(seed, corpus));
      const results = await Promise.all(cases.map(runCase));
      results.forEach((problems, k) => {
        const c = cases[k] as FuzzCase;
        if (problems.length > 0) assert.fail(`${describeCase(c)}\n${problems.join('\n')}`);
      });
      assert.ok(
        client.alive,
        `the server stopped after seeds ${cases.map((c) => c.seed).join(', ')}`,
      );
      ran += cases.length;
    }
    assert.deepEqual(client.loggedErrors, [], 'errors the server logged');
    // Still there, and still answering.
    const symbols = await client.request('textDocument/documentSymbol', {
      textDocument: { uri: 'file:///fuzz/never-opened.pathway.yaml' },
    });
    assert.deepEqual(symbols, []);
    console.log(`      ${ran} cases in ${Math.round(performance.now() - started)} ms`);
  });
});
