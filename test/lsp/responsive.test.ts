import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core';
import { LspClient, type PublishDiagnostics } from '../support/lspClient';
import { EXAMPLES } from '../support/paths';
import { syntheticPathway } from '../support/synthetic';

/**
 * A large file's first analysis takes seconds; the server goes on answering about the other
 * documents meanwhile (it analyses in slices, see server/src/lsp/analysisCache.ts). Observed
 * as an author would, over the real server process: answers about a small document arrive
 * before the large document's diagnostics, and questions about the large document get the
 * answer for its latest text. The order of events is what is checked, never a duration.
 */
const SMALL_TEXT = fs.readFileSync(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'), 'utf8');
const SMALL = 'file:///work/responsive/small.pathway.yaml';
const OTHER = 'file:///work/responsive/other.pathway.yaml';
const LARGE = 'file:///work/responsive/large.pathway.yaml';

/** The document symbols: the steps and the references, each with its entries. */
type Symbols = { name: string; children: { name: string }[] }[];

/** Where the first `next:` value of a text is, to hover on. */
function firstNext(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => /^ {4}next: /.test(l));
  return { line, character: (lines[line] ?? '').indexOf('next: ') + 'next: '.length + 1 };
}

/**
 * Resolves when the server asks for the settings of `uri`, once the answer has gone out: the
 * server starts analysing the document as soon as it reads that answer.
 */
function answeredSettings(client: LspClient, uri: string): Promise<void> {
  return new Promise((resolve) => {
    client.connection.onRequest(
      'workspace/configuration',
      (params: { items: { scopeUri?: string }[] }) => {
        if (params.items.some((item) => item.scopeUri === uri)) setImmediate(resolve);
        return params.items.map(() => client.settings);
      },
    );
  });
}

describe('a large document does not hold up the others (language server over stdio)', function () {
  this.timeout(180_000);
  let client: LspClient;
  // About 9.8 MB: under the 10 MB size limit, so it is analysed in full.
  const large = syntheticPathway({ steps: 16_000 });

  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
  });

  it('while a 10 MB pathway is first analysed, a small one gets hover, symbols and diagnostics', async () => {
    assert.ok(large.length > 9 * 1024 * 1024 && large.length < 10 * 1024 * 1024);
    await client.open(SMALL, SMALL_TEXT);
    const events: string[] = [];
    const configured = answeredSettings(client, LARGE);
    const largeChecked = client.open(LARGE, large).then((published) => {
      events.push('large document checked');
      return published;
    });
    // From here the server is analysing the large document.
    await configured;
    const symbols = client
      .request<Symbols>('textDocument/documentSymbol', { textDocument: { uri: SMALL } })
      .then((answer) => {
        events.push('symbols of the small document');
        return answer;
      });
    const hover = client
      .request<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri: SMALL },
        position: firstNext(SMALL_TEXT),
      })
      .then((answer) => {
        events.push('hover on the small document');
        return answer;
      });
    const otherChecked = client
      .open(OTHER, SMALL_TEXT.replace('next:', 'next: nowhere #'))
      .then((published) => {
        events.push('diagnostics of a document opened meanwhile');
        return published;
      });

    const [symbolsAnswer, hoverAnswer, other, published] = await Promise.all([
      symbols,
      hover,
      otherChecked,
      largeChecked,
    ]);
    assert.deepEqual(events.slice(-1), ['large document checked'], events.join(', '));
    assert.equal(events.length, 4);
    // The answers are the real ones, not empty stand-ins.
    assert.ok((symbolsAnswer[0]?.children.length ?? 0) > 5);
    assert.ok((hoverAnswer?.contents.value ?? '').length > 0);
    assert.ok(other.diagnostics.some((d) => d.code === 'unknown-step'));
    assert.deepEqual(published.diagnostics, []);
  });

  it('a 10 MB pathway read whole (a tab in its middle) holds nothing up either', async () => {
    // A tab as indentation: the file cannot be read in blocks, so it is parsed whole, in
    // the server's worker thread, while the server answers about the small document.
    const lines = large.split('\n');
    const middle = lines.findIndex((l, i) => i > lines.length / 2 && l === '    kind: action');
    lines[middle] = '\tkind: action';
    const tabbed = lines.join('\n');
    await client.open(SMALL, SMALL_TEXT);
    let checked = false;
    const configured = answeredSettings(client, LARGE);
    const largeChecked = client.open(LARGE, tabbed).then((published) => {
      checked = true;
      return published;
    });
    await configured;
    // One question after another, each sent when the last is answered: read in place, the
    // parse would hold them all up and only a few would be answered before the diagnostics
    // (between the slices of the work after it).
    let answered = 0;
    while (!checked) {
      const answer = await client.request<{ contents: { value: string } } | null>(
        'textDocument/hover',
        { textDocument: { uri: SMALL }, position: firstNext(SMALL_TEXT) },
      );
      assert.ok((answer?.contents.value ?? '').length > 0);
      answered++;
    }
    assert.ok(answered >= 20, `${answered} answers while the large document was read`);
    // Exactly what the checker finds reading it in place.
    const published = await largeChecked;
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range, d.message]),
      analyze(tabbed).findings.map((f) => [f.code, f.range, f.message]),
    );
    assert.equal(published.diagnostics[0]?.range.start.line, middle);
  });

  it('a request about the large document, edited during its analysis, gets its latest text', async () => {
    const configured = answeredSettings(client, LARGE);
    const published: PublishDiagnostics[] = [];
    const firstChecked = client.nextDiagnostics(LARGE);
    void client.open(LARGE, large);
    await configured;
    // Rename the first step while the first version is analysed, and break its link.
    const firstId = /^ {2}(\S+):$/m.exec(large)?.[1] ?? '';
    const lines = large.split('\n');
    const line = lines.indexOf(`  ${firstId}:`);
    const version = await client.edit(LARGE, [
      {
        range: { start: { line, character: 2 }, end: { line, character: 2 + firstId.length } },
        text: 'renamed-first-step',
      },
    ]);
    const symbols = await client.request<Symbols>('textDocument/documentSymbol', {
      textDocument: { uri: LARGE },
    });
    const steps = symbols[0]?.children.map((s) => s.name) ?? [];
    assert.equal(steps[0], 'renamed-first-step');
    assert.ok(!steps.includes(firstId));
    published.push(await firstChecked);
    // No diagnostics of the first version are published after it was overtaken.
    assert.equal(published[0]?.version, version);
    const edited = [...lines.slice(0, line), '  renamed-first-step:', ...lines.slice(line + 1)];
    assert.deepEqual(
      published[0]?.diagnostics.map((d) => d.code),
      analyze(edited.join('\n')).findings.map((f) => f.code),
    );
    assert.ok(published[0]?.diagnostics.some((d) => d.code === 'unknown-step'));
  });
});
