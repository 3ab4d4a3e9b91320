import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core';
import { LspClient, type Diagnostic } from '../support/lspClient';
import { EXAMPLES, FIXTURES, ROOT } from '../support/paths';

const FLAWED = fs.readFileSync(path.join(EXAMPLES, 'flawed', 'flawed.pathway.yaml'), 'utf8');
const URI = 'file:///work/test/brlp.pathway.yaml';

const SMALL = `pathway: 1
id: brlp
title: Back-related leg pain
version: "1"
start: assess
steps:
  assess:
    kind: assessment
    title: History and examination
    next: red-flags
  red-flags:
    kind: decision
    title: Any red flag?
    branches:
      - when: Saddle anaesthesia or bladder dysfunction
        next: urgent
    otherwise: smt
  smt:
    kind: recommendation
    title: Spinal manipulation plus home exercise
    strength: conditional
    certainty: moderate
    cite: [bronfort-2014]
    next: done
  urgent:
    kind: end
    title: Urgent surgical assessment
  done:
    kind: end
    title: Review at 12 weeks
references:
  bronfort-2014:
    title: Spinal manipulation and home exercise with advice for back-related leg pain
    source: Ann Intern Med. 2014;161:381-391
    doi: 10.7326/M14-0006
    pmid: 25222385
`;

/** Line and character of the n-th occurrence of `needle` (plus an offset into it). */
function positionOf(
  text: string,
  needle: string,
  offset = 0,
  nth = 0,
): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} not found`);
  const before = text.slice(0, index + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

describe('language server over stdio (real process, real JSON-RPC)', function () {
  this.timeout(20000);
  let client: LspClient;

  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
  });

  it('advertises every feature it serves', async () => {
    await client.stop();
    client = new LspClient();
    const { capabilities } = await client.initialize();
    for (const feature of [
      'completionProvider',
      'hoverProvider',
      'definitionProvider',
      'referencesProvider',
      'renameProvider',
      'documentSymbolProvider',
      'foldingRangeProvider',
      'codeActionProvider',
      'semanticTokensProvider',
    ]) {
      assert.ok(capabilities[feature], feature);
    }
  });

  it('publishes the same diagnostics as the CLI core, with code, source, docs link and version', async () => {
    const published = await client.open(URI, FLAWED);
    const core = analyze(FLAWED).findings;
    assert.equal(published.version, 1);
    assert.deepEqual(
      codes(published.diagnostics),
      core.map((f) => f.code),
    );
    assert.deepEqual(
      published.diagnostics.map((d) => d.range),
      core.map((f) => f.range),
    );
    for (const d of published.diagnostics) {
      assert.equal(d.source, 'pathway');
      assert.match(d.codeDescription?.href ?? '', new RegExp(`docs/rules\\.md#${d.code}$`));
    }
    const unused = published.diagnostics.find((d) => d.code === 'unused-reference');
    assert.deepEqual(unused?.tags, [1], 'unused references are tagged unnecessary');
    assert.equal(published.diagnostics.find((d) => d.code === 'unknown-step')?.severity, 1);
    assert.equal(published.diagnostics.find((d) => d.code === 'unreachable-step')?.severity, 2);
  });

  it('gives the conformance fixtures the same diagnostics as the core', async function () {
    // Hundreds of fixtures, one server: the time grows with every rule's fixtures and with
    // the machine's load. A safety net, not a measure of speed.
    this.timeout(120_000);
    const folder = path.join(FIXTURES);
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.pathway.yaml')) files.push(full);
      }
    };
    walk(folder);
    assert.ok(files.length > 0);
    const results = await Promise.all(
      files.map(async (file) => {
        const text = fs.readFileSync(file, 'utf8');
        const published = await client.open(`file://${file}`, text);
        return { file, text, published };
      }),
    );
    for (const { file, text, published } of results) {
      const expected = analyze(text).findings;
      assert.deepEqual(
        published.diagnostics.map((d) => `${d.code}@${JSON.stringify(d.range)}`),
        expected.map((f) => `${f.code}@${JSON.stringify(f.range)}`),
        path.relative(ROOT, file),
      );
    }
  });

  it('re-checks on edits and clears diagnostics when the file is fixed', async () => {
    assert.deepEqual((await client.open(URI, SMALL)).diagnostics, []);
    const broken = await client.change(URI, SMALL.replace('next: done', 'next: dnoe'));
    // One typo, one diagnostic: the step it cuts off is counted in its message.
    assert.deepEqual(codes(broken.diagnostics), ['unknown-step']);
    assert.match(
      broken.diagnostics[0]?.message ?? '',
      /Did you mean "done"\? Until it is corrected, 1 step cannot be reached\./,
    );
    assert.match(broken.diagnostics[0]?.message ?? '', /Did you mean "done"\?/);
    const fixed = await client.change(URI, SMALL);
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('a key indented deeper than its siblings: one diagnostic on that key, not the line above', async () => {
    assert.deepEqual((await client.open(URI, SMALL)).diagnostics, []);
    const deeper = SMALL.replace(
      '    title: History and examination',
      '      title: History and examination',
    );
    const published = await client.change(URI, deeper);
    assert.deepEqual(codes(published.diagnostics), ['yaml-syntax']);
    const [diagnostic] = published.diagnostics;
    const start = positionOf(deeper, 'title: History');
    assert.deepEqual(diagnostic?.range, {
      start,
      end: { line: start.line, character: start.character + 'title'.length },
    });
    assert.match(
      diagnostic?.message ?? '',
      /"title:" on line 9 is indented further than "kind:" on line 8 above it\..*line up with "kind:" \(4 spaces from the left\)/,
    );
    assert.doesNotMatch(diagnostic?.message ?? '', /quotes/);
    assert.deepEqual((await client.change(URI, SMALL)).diagnostics, []);
  });

  it('a burst of edits publishes the last version, never an older one after it', async () => {
    await client.open(URI, SMALL);
    let last;
    for (let i = 0; i < 30; i++) {
      last = client.change(URI, i % 2 === 0 ? SMALL.replace('next: done', 'next: gone') : SMALL);
    }
    const final = await last;
    assert.equal(final?.version, 31);
    assert.deepEqual(final?.diagnostics, []);
    const versions = client.allPublished(URI).map((p) => p.version ?? 0);
    assert.deepEqual(
      [...versions].sort((a, b) => a - b),
      versions,
      'versions only move forward',
    );
  });

  it('reads rule levels per resource through workspace/configuration and re-checks on change', async () => {
    const text = `${SMALL}  spare-2020:\n    title: Unused\n    source: Somewhere\n`;
    const before = await client.open(URI, text);
    assert.equal(before.diagnostics.find((d) => d.code === 'unused-reference')?.severity, 2);
    client.settings = { rules: { 'unused-reference': 'error' } };
    let next = client.nextDiagnostics(URI);
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: null,
    });
    assert.equal((await next).diagnostics.find((d) => d.code === 'unused-reference')?.severity, 1);
    client.settings = {
      rules: { 'unused-reference': 'off', 'no-such-rule': 'error', schema: 'loud' },
    };
    next = client.nextDiagnostics(URI);
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: null,
    });
    assert.deepEqual((await next).diagnostics, []);
  });

  it('honours # pathway-disable-next-line and # pathway-disable', async () => {
    const text = SMALL.replace(
      '    next: done',
      '    # pathway-disable-next-line unknown-step\n    next: nowhere-at-all',
    );
    const published = await client.open(URI, text);
    assert.deepEqual(codes(published.diagnostics), ['unreachable-step']);
    const fileWide = await client.change(
      URI,
      `# pathway-disable unknown-step, unreachable-step\n${SMALL.replace('next: done', 'next: dnoe')}`,
    );
    assert.deepEqual(codes(fileWide.diagnostics), []);
  });

  it('shows every diagnostic when the directive is only text in a detail block', async () => {
    await client.open(URI, SMALL);
    const inDetail = await client.change(
      URI,
      SMALL.replace(
        '    next: done',
        '    detail: |\n      # pathway-disable\n      # pathway-disable-next-line unknown-step\n    next: nowhere-at-all',
      ),
    );
    assert.deepEqual(codes(inDetail.diagnostics), ['unknown-step', 'unreachable-step']);
  });

  it('hover on a step link: kind, title, where it is reached from and where it leads', async () => {
    await client.open(URI, SMALL);
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: URI },
      position: positionOf(SMALL, 'next: red-flags', 8),
    });
    const text = hover.contents.value;
    assert.match(text, /Any red flag\?/);
    assert.match(text, /decision/);
    assert.match(text, /Reached from: `assess`/);
    assert.match(text, /`urgent` when Saddle anaesthesia/);
    assert.match(text, /`smt` otherwise/);
  });

  it('hover on a cite: the full citation with DOI and PubMed links', async () => {
    await client.open(URI, SMALL);
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: URI },
      position: positionOf(SMALL, '[bronfort-2014]', 3),
    });
    assert.match(hover.contents.value, /Spinal manipulation and home exercise/);
    assert.match(hover.contents.value, /https:\/\/doi\.org\/10\.7326\/M14-0006/);
    assert.match(hover.contents.value, /https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/25222385\//);
  });

  it('hover on a cite: the year appears once, after a source that does not give it', async () => {
    const at = (text: string) => positionOf(text, '[bronfort-2014]', 3);
    const hoverOn = async (text: string): Promise<string> => {
      await client.change(URI, text);
      const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', {
        textDocument: { uri: URI },
        position: at(text),
      });
      return hover.contents.value;
    };
    await client.open(URI, SMALL);
    // The source already gives the year: the hover once read "…2014;161:381-391 · 2014".
    const sourceGivesYear = SMALL.replace(
      '    source: Ann Intern Med. 2014;161:381-391\n',
      '    source: Ann Intern Med. 2014;161:381-391\n    year: 2014\n',
    );
    assert.notEqual(sourceGivesYear, SMALL);
    const once = await hoverOn(sourceGivesYear);
    assert.equal(once.match(/2014/g)?.length, 1, once);
    assert.match(once, /Ann Intern Med\. 2014;161:381-391/);
    const yearOnly = sourceGivesYear.replace(
      'source: Ann Intern Med. 2014;161:381-391',
      'source: Ann Intern Med',
    );
    const shown = await hoverOn(yearOnly);
    assert.match(shown, /Ann Intern Med · 2014/);
    assert.equal(shown.match(/2014/g)?.length, 1, shown);
  });

  it('hover on a key and on an enum value: the schema description and the GRADE meaning', async () => {
    await client.open(URI, SMALL);
    const key = await client.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: URI },
      position: positionOf(SMALL, 'certainty: moderate', 2),
    });
    assert.match(key.contents.value, /Certainty of evidence/);
    const value = await client.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: URI },
      position: positionOf(SMALL, 'conditional', 3),
    });
    assert.match(value.contents.value, /Conditional \(weak\)/);
  });

  it('go to definition and find all references for step ids and reference ids', async () => {
    await client.open(URI, SMALL);
    const definition = await client.request<{ range: { start: { line: number } } }[]>(
      'textDocument/definition',
      { textDocument: { uri: URI }, position: positionOf(SMALL, 'otherwise: smt', 12) },
    );
    assert.equal(definition[0]?.range.start.line, positionOf(SMALL, '  smt:').line);
    const refs = await client.request<unknown[]>('textDocument/references', {
      textDocument: { uri: URI },
      position: positionOf(SMALL, '  bronfort-2014:', 4),
      context: { includeDeclaration: true },
    });
    assert.equal(refs.length, 2);
    const citeDefinition = await client.request<{ range: { start: { line: number } } }[]>(
      'textDocument/definition',
      { textDocument: { uri: URI }, position: positionOf(SMALL, '[bronfort-2014]', 2) },
    );
    assert.equal(citeDefinition[0]?.range.start.line, positionOf(SMALL, '  bronfort-2014:').line);
  });

  it('rename updates every use; prepareRename refuses invalid ids and collisions', async () => {
    await client.open(URI, SMALL);
    const at = { textDocument: { uri: URI }, position: positionOf(SMALL, 'next: red-flags', 7) };
    const prepared = await client.request<{ placeholder: string }>(
      'textDocument/prepareRename',
      at,
    );
    assert.equal(prepared.placeholder, 'red-flags');
    const edit = await client.request<{ changes: Record<string, { newText: string }[]> }>(
      'textDocument/rename',
      { ...at, newName: 'screen-red-flags' },
    );
    const edits = edit.changes[URI] ?? [];
    assert.equal(edits.length, 2);
    assert.ok(edits.every((e) => e.newText === 'screen-red-flags'));

    await assert.rejects(
      client.request('textDocument/rename', { ...at, newName: 'two words' }),
      /not a valid step id/,
    );
    await assert.rejects(
      client.request('textDocument/rename', { ...at, newName: 'done' }),
      /already exists/,
    );
    await assert.rejects(
      client.request('textDocument/prepareRename', {
        textDocument: { uri: URI },
        position: positionOf(SMALL, 'title: Back', 2),
      }),
      /Only a step id, a reference id or an input/,
    );
  });

  it('document symbols: the steps with their kind, and the references', async () => {
    await client.open(URI, SMALL);
    const symbols = await client.request<
      { name: string; children: { name: string; detail: string }[] }[]
    >('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['steps', 'references'],
    );
    assert.deepEqual(
      symbols[0]?.children.map((c) => c.name),
      ['assess', 'red-flags', 'smt', 'urgent', 'done'],
    );
    assert.equal(symbols[0]?.children[1]?.detail, 'decision — Any red flag?');
  });

  it('folding ranges for the steps and each step', async () => {
    await client.open(URI, SMALL);
    const ranges = await client.request<{ startLine: number; endLine: number }[]>(
      'textDocument/foldingRange',
      { textDocument: { uri: URI } },
    );
    const assess = positionOf(SMALL, '  assess:').line;
    assert.ok(ranges.some((r) => r.startLine === assess && r.endLine === assess + 3));
    assert.ok(ranges.some((r) => r.startLine === positionOf(SMALL, 'steps:').line));
  });

  it('quick fixes: replace an unknown id with the suggestion, or create the missing step', async () => {
    const text = SMALL.replace('next: done', 'next: dnoe');
    const published = await client.open(URI, text);
    const diagnostic = published.diagnostics[0];
    assert.ok(diagnostic);
    const actions = await client.request<
      {
        title: string;
        isPreferred?: boolean;
        edit: { changes: Record<string, { newText: string }[]> };
      }[]
    >('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Change to "done"'), titles.join(' | '));
    assert.ok(titles.includes('Create step "dnoe" as an end'), titles.join(' | '));
    assert.equal(actions.find((a) => a.title === 'Change to "done"')?.isPreferred, true);
  });

  it('quick fixes for unused references, missing otherwise and discordant recommendations', async () => {
    const published = await client.open(URI, FLAWED);
    const titlesFor = async (code: string): Promise<string[]> => {
      const diagnostic = published.diagnostics.find((d) => d.code === code);
      assert.ok(diagnostic, code);
      const actions = await client.request<{ title: string }[]>('textDocument/codeAction', {
        textDocument: { uri: URI },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      });
      return actions.map((a) => a.title);
    };
    assert.ok(
      (await titlesFor('unused-reference')).some((t) =>
        t.startsWith('Remove the unused reference'),
      ),
    );
    assert.ok((await titlesFor('missing-otherwise')).some((t) => t.startsWith('Add "otherwise"')));
    const discordant = await titlesFor('discordant-recommendation');
    assert.ok(discordant.includes('Add a "rationale" for the strong recommendation'));
    assert.ok(discordant.includes('Make the recommendation conditional'));
    assert.ok((await titlesFor('unknown-reference')).includes('Change to "bronfort-2014"'));
  });

  it('completion on a half-typed document: step ids after next:, keys for the kind, GRADE values', async () => {
    const half = `${SMALL.split('  urgent:')[0]}  new-step:\n    kind: recommendation\n    strength: \n    next: \n`;
    await client.open(URI, half);
    const lines = half.split('\n');
    const nextLine = lines.lastIndexOf('    next: ');
    const ids = await client.request<{ label: string }[]>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: nextLine, character: 10 },
    });
    assert.ok(ids.some((i) => i.label === 'red-flags'));
    const strengthLine = lines.indexOf('    strength: ');
    const grades = await client.request<{ label: string; documentation?: { value: string } }[]>(
      'textDocument/completion',
      { textDocument: { uri: URI }, position: { line: strengthLine, character: 14 } },
    );
    assert.deepEqual(
      grades.map((g) => g.label),
      ['strong', 'conditional'],
    );
    assert.match(grades[0]?.documentation?.value ?? '', /Strong/);
  });

  it('completion of keys, reference ids and new-step snippets', async () => {
    const text = `${SMALL}`
      .replace('    cite: [bronfort-2014]\n', '    cite: [\n')
      .replace('  assess:\n', '  assess:\n    \n');
    await client.open(URI, text);
    const lines = text.split('\n');
    const keyLine = lines.indexOf('    ');
    const keys = await client.request<{ label: string }[]>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: keyLine, character: 4 },
    });
    const labels = keys.map((k) => k.label);
    assert.ok(labels.includes('detail'));
    assert.ok(labels.includes('cite'));
    assert.ok(!labels.includes('branches'), 'an assessment takes no branches');
    assert.ok(!labels.includes('kind'), 'kind is already there');
    const citeLine = lines.indexOf('    cite: [');
    const refs = await client.request<{ label: string }[]>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: citeLine, character: 11 },
    });
    assert.deepEqual(
      refs.map((r) => r.label),
      ['bronfort-2014'],
    );
    const stepsLine = lines.indexOf('  assess:');
    const snippets = await client.request<{ label: string }[]>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: stepsLine, character: 2 },
    });
    assert.ok(snippets.some((s) => s.label === 'new decision step'));
  });

  it('completion names ids only; resolving the item shown adds what it names', async () => {
    // A pathway of thousands of steps offers thousands of ids: each one's kind and title
    // are sent when the editor shows that item (completionItem/resolve), not in the list.
    await client.open(URI, SMALL);
    type Item = { label: string; kind?: number; detail?: string; data?: unknown };
    const steps = await client.request<Item[]>('textDocument/completion', {
      textDocument: { uri: URI },
      position: positionOf(SMALL, 'next: done', 6),
    });
    const done = steps.find((item) => item.label === 'done');
    assert.ok(done, 'the step id is offered');
    assert.equal(done.detail, undefined);
    const resolved = await client.request<Item>('completionItem/resolve', done);
    assert.equal(resolved.detail, 'end — Review at 12 weeks');
    assert.equal(resolved.label, 'done');

    // The author deletes the citation to type another: the text no longer parses, and the
    // reference is still named by its title.
    const citing = URI.replace('.pathway.yaml', '-citing.pathway.yaml');
    await client.open(citing, SMALL);
    const at = positionOf(SMALL, 'cite: [', 7);
    const end = { line: at.line, character: at.character + 'bronfort-2014]'.length };
    const checked = client.nextDiagnostics(citing, 2);
    await client.edit(citing, [{ range: { start: at, end }, text: '' }], 2);
    const published = await checked;
    assert.ok(codes(published.diagnostics).includes('yaml-syntax'));
    const refs = await client.request<Item[]>('textDocument/completion', {
      textDocument: { uri: citing },
      position: at,
    });
    const reference = await client.request<Item>('completionItem/resolve', refs[0]);
    assert.equal(
      reference.detail,
      'Spinal manipulation and home exercise with advice for back-related leg pain',
    );
    // An item from a document since closed comes back as it was.
    await client.close(URI);
    const orphan = await client.request<Item>('completionItem/resolve', done);
    assert.equal(orphan.detail, undefined);
  });

  it('answers features on a document that does not parse, without failing', async () => {
    const broken = `${SMALL}  oops: [\n`;
    const published = await client.open(URI, broken);
    assert.deepEqual(codes(published.diagnostics), ['yaml-syntax']);
    const hover = await client.request('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 2, character: 2 },
    });
    assert.equal(hover, null);
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', {
      textDocument: { uri: URI },
    });
    assert.deepEqual(symbols, []);
    const completion = await client.request<{ label: string }[]>('textDocument/completion', {
      textDocument: { uri: URI },
      position: positionOf(broken, 'next: done', 6),
    });
    assert.ok(completion.some((c) => c.label === 'assess'));
  });

  it('the CLI starts the same server: pathway lsp --stdio', async () => {
    const viaCli = new LspClient([path.join(ROOT, 'bin', 'pathway.js'), 'lsp', '--stdio']);
    try {
      await viaCli.initialize();
      const published = await viaCli.open(URI, FLAWED);
      assert.deepEqual(
        codes(published.diagnostics),
        analyze(FLAWED).findings.map((f) => f.code),
      );
    } finally {
      await viaCli.stop();
    }
  });
});
