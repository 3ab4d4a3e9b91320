import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { analyzeWhole } from '../../server/src/core';
import { LspClient, type PublishDiagnostics } from '../support/lspClient';
import { EXAMPLES, ROOT } from '../support/paths';
import { markdownProblems, markdownTexts } from '../support/markdown';
import { syntheticPathway } from '../support/synthetic';

/**
 * What a client (or a user) may throw at the server: documents it never opened, positions
 * outside the text, versions out of order, a burst of edits, cancelled requests, a file far
 * too large. The server must answer each sensibly and keep answering.
 */
const FLAWED = fs.readFileSync(path.join(EXAMPLES, 'flawed', 'flawed.pathway.yaml'), 'utf8');
// A clean pathway that names no other file: this document's folder holds none.
const CLEAN = fs.readFileSync(path.join(ROOT, 'test', 'inputs', 'computable.pathway.yaml'), 'utf8');
const URI = 'file:///work/faults/test.pathway.yaml';

/** JSON-RPC's code for a request the client cancelled, and for a failure in the server. */
const REQUEST_CANCELLED = -32800;
const INTERNAL_ERROR = -32603;

const POSITION_REQUESTS = [
  'textDocument/hover',
  'textDocument/completion',
  'textDocument/definition',
  'textDocument/prepareRename',
];

describe('language server faults (the real process over stdio)', function () {
  this.timeout(60_000);
  let client: LspClient;

  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
  });

  afterEach(async () => {
    const logged = [...client.loggedErrors];
    const alive = client.alive;
    await client.stop();
    assert.deepEqual(logged, [], 'errors the server logged');
    assert.ok(alive, 'the server was still running');
  });

  /** A request's answer; a refusal in words (an InvalidRequest error) counts as one. */
  async function answer(method: string, params: object): Promise<unknown> {
    try {
      return await client.request(method, params);
    } catch (error) {
      assert.ok(error instanceof ResponseError, `${method}: ${String(error)}`);
      assert.notEqual(error.code, INTERNAL_ERROR, `${method}: ${error.message}`);
      return error;
    }
  }

  it('answers requests for documents it never opened with nothing, not an error', async () => {
    const textDocument = { uri: 'file:///work/faults/never-opened.pathway.yaml' };
    const position = { line: 0, character: 0 };
    for (const method of POSITION_REQUESTS) {
      const result = await client.request<unknown>(method, { textDocument, position });
      assert.ok(result === null || (Array.isArray(result) && result.length === 0), method);
    }
    assert.deepEqual(
      await client.request('textDocument/references', {
        textDocument,
        position,
        context: { includeDeclaration: true },
      }),
      [],
    );
    assert.equal(
      await client.request('textDocument/rename', { textDocument, position, newName: 'x' }),
      null,
    );
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange']) {
      assert.deepEqual(await client.request(method, { textDocument }), [], method);
    }
    assert.deepEqual(
      await client.request('textDocument/codeAction', {
        textDocument,
        range: { start: position, end: position },
        context: { diagnostics: [] },
      }),
      [],
    );
    const preview = await client.request<{ error?: string }>('pathway/preview', {
      uri: textDocument.uri,
    });
    assert.match(preview.error ?? '', /not open/);
    // A change to a document that was never opened is ignored, and nothing is published.
    await client.edit(textDocument.uri, [{ range: { start: position, end: position }, text: 'x' }]);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument }), []);
    assert.deepEqual(client.allPublished(textDocument.uri), []);
  });

  it('answers positions outside the text (past the end, negative, fractional) at once', async () => {
    await client.open(URI, FLAWED);
    const textDocument = { uri: URI };
    const positions = [
      { line: 1_000_000_000, character: 0 },
      { line: 0, character: 1_000_000_000 },
      { line: 5, character: 99_999 },
      { line: -1, character: -5 },
      { line: 2.5, character: 1.5 },
    ];
    for (const position of positions) {
      for (const method of POSITION_REQUESTS) {
        const started = performance.now();
        await answer(method, { textDocument, position });
        assert.ok(performance.now() - started < 2000, `${method} at ${JSON.stringify(position)}`);
      }
      await answer('textDocument/references', {
        textDocument,
        position,
        context: { includeDeclaration: true },
      });
      await answer('textDocument/rename', { textDocument, position, newName: 'x' });
      await answer('textDocument/codeAction', {
        textDocument,
        range: { start: position, end: position },
        context: { diagnostics: [] },
      });
    }
  });

  it('a change that repeats or goes back on a version number still checks the new text', async () => {
    const opened = await client.open(URI, FLAWED);
    assert.ok(opened.diagnostics.length > 0);
    // Version 1 again, with other text: the analysis of the first version 1 must not be reused.
    let next = client.nextDiagnostics(URI);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 1 },
      contentChanges: [{ text: CLEAN }],
    });
    assert.deepEqual((await next).diagnostics, []);
    const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', {
      textDocument: { uri: URI },
    });
    assert.ok(
      symbols.some((s) => s.name === 'steps'),
      'the symbols are those of the new text',
    );
    // An older version number than the one held.
    await client.change(URI, CLEAN.replace('kind: end', 'kind: ending'));
    next = client.nextDiagnostics(URI);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 0 },
      contentChanges: [{ text: FLAWED }],
    });
    const back = await next;
    assert.deepEqual(
      back.diagnostics.map((d) => d.code),
      analyzeWhole(FLAWED).findings.map((f) => f.code),
    );
    // A change without a version is refused (logged by the protocol library), not applied.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI },
      contentChanges: [{ text: '' }],
    });
    const after = await client.request<unknown[]>('textDocument/documentSymbol', {
      textDocument: { uri: URI },
    });
    assert.ok(after.length > 0);
    client.loggedErrors.splice(0);
  });

  it('a burst of 1,000 edits: the last version wins, and nothing older is published after it', async () => {
    await client.open(URI, CLEAN);
    const anchor = CLEAN.indexOf('title: ') + 'title: '.length;
    const before = CLEAN.slice(0, anchor);
    const line = before.split('\n').length - 1;
    const character = anchor - before.lastIndexOf('\n') - 1;
    let text = CLEAN;
    let version = 1;
    const typed = 'Spinal manipulation, revised after the panel; next: review. ';
    const sent: Promise<number>[] = [];
    for (let i = 0; i < 1000; i++) {
      const ch = typed.charAt(i % typed.length);
      const at = { line, character: character + i };
      text = text.slice(0, anchor + i) + ch + text.slice(anchor + i);
      version++;
      sent.push(client.edit(URI, [{ range: { start: at, end: at }, text: ch }], version));
    }
    const last = client.nextDiagnostics(URI, version);
    await Promise.all(sent);
    const final = await last;
    // One more edit, after the burst: nothing from the burst may be published before its own.
    const settled = client.nextDiagnostics(URI, version + 1);
    await client.edit(
      URI,
      [{ range: { start: { line, character }, end: { line, character } }, text: '' }],
      version + 1,
    );
    await settled;

    const published = client.allPublished(URI).map((p: PublishDiagnostics) => p.version ?? 0);
    assert.deepEqual(
      published,
      [...published].sort((a, b) => a - b),
      'versions only move forward',
    );
    assert.equal(new Set(published).size, published.length, 'no version published twice');
    assert.ok(published.length < 200, `the burst was checked ${published.length} times`);
    assert.deepEqual(
      final.diagnostics.map((d) => `${d.code}@${JSON.stringify(d.range)}`),
      analyzeWhole(text).findings.map((f) => `${f.code}@${JSON.stringify(f.range)}`),
      'the last version is the one checked',
    );
  });

  it('honours $/cancelRequest: a request cancelled before it runs is answered as cancelled', async () => {
    const big = syntheticPathway({ steps: 1500, seed: 7 });
    await client.open(URI, big);
    // A new text makes the next request read the whole file, keeping the server busy...
    await client.change(URI, syntheticPathway({ steps: 1500, seed: 8 }));
    await client.edit(URI, [
      {
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
        text: '# edited\n',
      },
    ]);
    const busy = client.request('textDocument/documentSymbol', { textDocument: { uri: URI } });
    // ...while a hover is sent and cancelled at once.
    const source = new CancellationTokenSource();
    const hover = client.connection.sendRequest(
      'textDocument/hover',
      { textDocument: { uri: URI }, position: { line: 10, character: 4 } },
      source.token,
    );
    source.cancel();
    await busy;
    await assert.rejects(hover, (error: unknown) => {
      assert.ok(error instanceof ResponseError, String(error));
      assert.equal(error.code, REQUEST_CANCELLED);
      return true;
    });
    // The server goes on answering.
    const after = await client.request<unknown[]>('textDocument/documentSymbol', {
      textDocument: { uri: URI },
    });
    assert.ok(after.length > 0);
  });

  it('hover shows hostile ids and titles as text: code spans that cannot be closed from inside', async () => {
    const id = 'a`[x](javascript:alert(1))`';
    const text = `pathway: 1
id: hostile
title: Hostile
version: "1"
start: ${JSON.stringify(id)}
steps:
  ${JSON.stringify(id)}:
    kind: action
    title: "<img src=x onerror=alert(2)> [y](javascript:alert(3))"
    next: done
  done:
    kind: end
    title: End
`;
    await client.open(URI, text);
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 4, character: 9 },
    });
    const value = hover.contents.value;
    assert.ok(value.includes('`` a`[x](javascript:alert(1))` ``'), value);
    // Read back as Markdown: the title and the id as written, no HTML, no link.
    assert.deepEqual(markdownProblems(value, { headings: [] }), []);
    const texts = markdownTexts(value);
    assert.equal(texts[0], '<img src=x onerror=alert(2)> [y](javascript:alert(3))');
    assert.equal(texts[1], `${id} — action`);
  });

  it('a 20 MB file gets file-too-large stating the limit, and the server stays responsive', async () => {
    const step = (i: number): string =>
      `  step-${i}:\n    kind: action\n    title: ${'Explain and agree the plan, '.repeat(8)}\n    next: step-${i + 1}\n`;
    const parts = ['pathway: 1\nid: huge\ntitle: Huge\nversion: "1"\nstart: step-0\nsteps:\n'];
    let size = parts[0]?.length ?? 0;
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      const text = step(i);
      parts.push(text);
      size += text.length;
    }
    const huge = parts.join('');
    const bigUri = 'file:///work/faults/huge.pathway.yaml';
    const started = performance.now();
    const published = await client.open(bigUri, huge);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['file-too-large'],
    );
    assert.match(
      published.diagnostics[0]?.message ?? '',
      /too large to analyse.*20(\.0)? MB.*10 MB/,
    );
    assert.deepEqual(published.diagnostics[0]?.range, {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    });
    // Another document is served while the huge one is open, and edits to the huge one are
    // answered as quickly.
    const other = await client.open(URI, FLAWED);
    assert.ok(other.diagnostics.length > 0);
    const edited = client.nextDiagnostics(bigUri, 2);
    await client.edit(bigUri, [
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '#' },
    ]);
    assert.deepEqual(
      (await edited).diagnostics.map((d) => d.code),
      ['file-too-large'],
    );
    for (const method of POSITION_REQUESTS) {
      await answer(method, { textDocument: { uri: bigUri }, position: { line: 5, character: 4 } });
    }
    const preview = await client.request<{ error?: string }>('pathway/preview', { uri: bigUri });
    assert.match(preview.error ?? '', /too large/);
    assert.ok(
      performance.now() - started < 20_000,
      `took ${Math.round(performance.now() - started)} ms`,
    );

    // The limit is a setting (in megabytes): raised, the same file is read.
    client.settings = { rules: {}, maxFileSize: 0.002 };
    const lowered = client.nextDiagnostics(URI);
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: null,
    });
    const small = await lowered;
    assert.deepEqual(
      small.diagnostics.map((d) => d.code),
      ['file-too-large'],
      'a 2 KB limit stops a 4 KB file',
    );
    assert.match(small.diagnostics[0]?.message ?? '', /the 2 KB the checker reads/);
  });
});
