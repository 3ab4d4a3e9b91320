import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type PublishDiagnostics, type Range } from '../support/lspClient';

const PATHWAY = `pathway: 1
id: lbp
title: Low back pain
version: "1"
bibliography:
  - shared/lbp.references.yaml
  - shared/lbp.bib
start: advice
steps:
  advice:
    kind: recommendation
    title: Advise staying active
    strength: strong
    certainty: moderate
    cite: [qaseem-2017, Foster2018]
    next: done
  done:
    kind: end
    title: Review at 6 weeks
`;

/** A second pathway, never opened: the server reads it from disk. */
const SECOND = PATHWAY.replace('id: lbp', 'id: second').replace(
  'cite: [qaseem-2017, Foster2018]',
  'cite: [qaseem-2017]',
);

const REFERENCES = `references:
  qaseem-2017:
    title: Noninvasive treatments for low back pain
    source: Ann Intern Med. 2017;166(7):514-530
    doi: 10.7326/M16-2367
`;

const BIB = `% Exported from the group's library
@article{Foster2018,
  title = {Prevention and treatment of low back pain},
  journal = {Lancet}, year = {2018}, volume = {391}, pages = {2368-2383},
  doi = {10.1016/S0140-6736(18)30489-6}
}`;

interface Location {
  uri: string;
  range: Range;
}

/** Line and character of the n-th occurrence of `needle` in `text`, plus `offset` into it. */
function at(
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

/** The range of the n-th `needle` in `text`. */
function rangeOf(text: string, needle: string, nth = 0): Range {
  const start = at(text, needle, 0, nth);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

function codes(published: PublishDiagnostics): string[] {
  return published.diagnostics.map((d) => `${d.code}@${d.range.start.line}`);
}

describe('language server: the files a pathway names', function () {
  this.timeout(60_000);
  let client: LspClient;
  let folder: string;
  const file = (name: string): string => path.join(folder, ...name.split('/'));
  const uri = (name: string): string => pathToFileURL(file(name)).href;
  const write = (name: string, text: string): void => fs.writeFileSync(file(name), text);

  before(async () => {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-files-')));
    fs.mkdirSync(file('shared'));
    fs.mkdirSync(file('screens'));
    write('lbp.pathway.yaml', PATHWAY);
    write('second.pathway.yaml', SECOND);
    write('shared/lbp.references.yaml', REFERENCES);
    write('shared/lbp.bib', BIB);
    write('shared/notes.txt', 'not a bibliography\n');
    write('shared/items.json', '[]\n');
    write('screens/red-flags.pathway.yaml', 'pathway: 1\n');
    client = new LspClient();
    await client.initialize({}, { folders: [pathToFileURL(folder).href], watchFiles: true });
  });

  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('resolves the cites from the files on disk: no unknown-reference, no unknown-file', async () => {
    const published = await client.open(uri('lbp.pathway.yaml'), PATHWAY);
    assert.deepEqual(codes(published), []);
  });

  it('asks the editor to watch the files a pathway may name', () => {
    const watch = client.registered.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watch?.registerOptions, {
      watchers: [{ globPattern: '**/*.{bib,json,yaml,yml}' }],
    });
  });

  it('checks the open pathway again when its references file changes on disk', async () => {
    const broken = client.diagnosticsWhere(uri('lbp.pathway.yaml'), (p) =>
      p.diagnostics.some((d) => d.code === 'unknown-reference'),
    );
    write('shared/lbp.references.yaml', REFERENCES.replace('qaseem-2017:', 'qaseem-2018:'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri('shared/lbp.references.yaml'), type: 2 }],
    });
    const published = await broken;
    assert.deepEqual(codes(published), [`unknown-reference@${at(PATHWAY, 'qaseem-2017').line}`]);
    const cite = published.diagnostics[0];
    assert.deepEqual(cite?.range, rangeOf(PATHWAY, 'qaseem-2017'));
    assert.match(cite?.message ?? '', /qaseem-2018/);

    const fixed = client.diagnosticsWhere(
      uri('lbp.pathway.yaml'),
      (p) => p.diagnostics.length === 0,
    );
    write('shared/lbp.references.yaml', REFERENCES);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri('shared/lbp.references.yaml'), type: 2 }],
    });
    await fixed;
  });

  it('reports unknown-file when a named file is deleted, and clears it when it comes back', async () => {
    const missing = client.diagnosticsWhere(uri('lbp.pathway.yaml'), (p) =>
      p.diagnostics.some((d) => d.code === 'unknown-file'),
    );
    fs.rmSync(file('shared/lbp.bib'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri('shared/lbp.bib'), type: 3 }],
    });
    assert.deepEqual(codes(await missing), [`unknown-file@${at(PATHWAY, 'shared/lbp.bib').line}`]);

    const back = client.diagnosticsWhere(
      uri('lbp.pathway.yaml'),
      (p) => p.diagnostics.length === 0,
    );
    write('shared/lbp.bib', BIB);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri('shared/lbp.bib'), type: 1 }],
    });
    await back;
  });

  it('follows the disk for a references file open but never edited (a closed tab may stay open)', async () => {
    await client.open(uri('shared/lbp.references.yaml'), REFERENCES);
    const broken = client.diagnosticsWhere(uri('lbp.pathway.yaml'), (p) =>
      p.diagnostics.some((d) => d.code === 'unknown-reference'),
    );
    write('shared/lbp.references.yaml', REFERENCES.replace('qaseem-2017:', 'qaseem-2018:'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri('shared/lbp.references.yaml'), type: 2 }],
    });
    assert.deepEqual(codes(await broken), [`unknown-reference@${at(PATHWAY, 'qaseem-2017').line}`]);
    const fixed = client.diagnosticsWhere(
      uri('lbp.pathway.yaml'),
      (p) => p.diagnostics.length === 0,
    );
    write('shared/lbp.references.yaml', REFERENCES);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri('shared/lbp.references.yaml'), type: 2 }],
    });
    await fixed;
    await client.close(uri('shared/lbp.references.yaml'));
  });

  it('keeps the text of an edited references file, whatever its file on disk says', async () => {
    await client.open(uri('shared/lbp.references.yaml'), REFERENCES);
    await client.change(uri('shared/lbp.references.yaml'), `${REFERENCES}# edited\n`);
    write('shared/lbp.references.yaml', REFERENCES.replace('qaseem-2017:', 'qaseem-2018:'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri('shared/lbp.references.yaml'), type: 2 }],
    });
    // A hover answers after the change is handled: the cite still resolves.
    const hover = await client.request<{ contents: { value: string } } | null>(
      'textDocument/hover',
      {
        textDocument: { uri: uri('lbp.pathway.yaml') },
        position: at(PATHWAY, 'qaseem-2017', 2),
      },
    );
    assert.match(hover?.contents.value ?? '', /Noninvasive treatments for low back pain/);
    write('shared/lbp.references.yaml', REFERENCES);
    await client.close(uri('shared/lbp.references.yaml'));
  });

  it('checks an open references file on its own, and its dependants again as it is edited', async () => {
    const own = await client.open(uri('shared/lbp.references.yaml'), REFERENCES);
    assert.deepEqual(codes(own), []);

    const broken = client.diagnosticsWhere(uri('lbp.pathway.yaml'), (p) =>
      p.diagnostics.some((d) => d.code === 'unknown-reference'),
    );
    // Unsaved: the disk still holds the reference.
    await client.change(
      uri('shared/lbp.references.yaml'),
      REFERENCES.replace('qaseem-2017:', 'qaseem-2018:'),
    );
    assert.deepEqual(codes(await broken), [`unknown-reference@${at(PATHWAY, 'qaseem-2017').line}`]);

    const fixed = client.diagnosticsWhere(
      uri('lbp.pathway.yaml'),
      (p) => p.diagnostics.length === 0,
    );
    await client.change(uri('shared/lbp.references.yaml'), REFERENCES);
    await fixed;
  });

  it('goes from a cite to its BibTeX entry, on the line of its key', async () => {
    const found = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: uri('lbp.pathway.yaml') },
      position: at(PATHWAY, 'Foster2018', 2),
    });
    assert.deepEqual(found, [{ uri: uri('shared/lbp.bib'), range: rangeOf(BIB, 'Foster2018') }]);
  });

  it('goes from a cite to its reference in the references file', async () => {
    const found = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: uri('lbp.pathway.yaml') },
      position: at(PATHWAY, 'qaseem-2017', 1),
    });
    assert.deepEqual(found, [
      { uri: uri('shared/lbp.references.yaml'), range: rangeOf(REFERENCES, 'qaseem-2017') },
    ]);
  });

  it('shows the bibliography entry on hover over a cite', async () => {
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: uri('lbp.pathway.yaml') },
      position: at(PATHWAY, 'Foster2018', 2),
    });
    assert.match(hover.contents.value, /Prevention and treatment of low back pain/);
    assert.match(hover.contents.value, /lbp\.bib/);
  });

  it('finds the cites of a shared reference in every pathway of the workspace, open or not', async () => {
    const found = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uri('shared/lbp.references.yaml') },
      position: at(REFERENCES, 'qaseem-2017', 3),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(found, [
      { uri: uri('shared/lbp.references.yaml'), range: rangeOf(REFERENCES, 'qaseem-2017') },
      { uri: uri('lbp.pathway.yaml'), range: rangeOf(PATHWAY, 'qaseem-2017') },
      { uri: uri('second.pathway.yaml'), range: rangeOf(SECOND, 'qaseem-2017') },
    ]);
    const uses = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uri('lbp.pathway.yaml') },
      position: at(PATHWAY, 'qaseem-2017', 3),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(
      uses.map((u) => u.uri),
      [uri('lbp.pathway.yaml'), uri('second.pathway.yaml')],
    );
  });

  it('finds them again as the pathways on disk change, are added and are deleted', async () => {
    const references = (): Promise<Location[]> =>
      client.request<Location[]>('textDocument/references', {
        textDocument: { uri: uri('shared/lbp.references.yaml') },
        position: at(REFERENCES, 'qaseem-2017', 3),
        context: { includeDeclaration: false },
      });
    const changed = async (name: string, type: 1 | 2 | 3): Promise<void> =>
      client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: uri(name), type }],
      });
    const shifted = `# A line above moves the cite down one.\n${SECOND}`;
    const moved = rangeOf(SECOND, 'qaseem-2017');
    try {
      write('second.pathway.yaml', shifted);
      await changed('second.pathway.yaml', 2);
      write('third.pathway.yaml', SECOND);
      await changed('third.pathway.yaml', 1);
      assert.deepEqual(await references(), [
        { uri: uri('lbp.pathway.yaml'), range: rangeOf(PATHWAY, 'qaseem-2017') },
        {
          uri: uri('second.pathway.yaml'),
          range: {
            start: { ...moved.start, line: moved.start.line + 1 },
            end: { ...moved.end, line: moved.end.line + 1 },
          },
        },
        { uri: uri('third.pathway.yaml'), range: moved },
      ]);
    } finally {
      write('second.pathway.yaml', SECOND);
      await changed('second.pathway.yaml', 2);
      fs.rmSync(file('third.pathway.yaml'));
      await changed('third.pathway.yaml', 3);
    }
    assert.deepEqual(
      (await references()).map((found) => found.uri),
      [uri('lbp.pathway.yaml'), uri('second.pathway.yaml')],
    );
  });

  it('renames a shared reference in its file and in every pathway that cites it, in one edit', async () => {
    const expected = {
      changes: {
        [uri('shared/lbp.references.yaml')]: [
          { range: rangeOf(REFERENCES, 'qaseem-2017'), newText: 'qaseem-2017a' },
        ],
        [uri('lbp.pathway.yaml')]: [
          { range: rangeOf(PATHWAY, 'qaseem-2017'), newText: 'qaseem-2017a' },
        ],
        [uri('second.pathway.yaml')]: [
          { range: rangeOf(SECOND, 'qaseem-2017'), newText: 'qaseem-2017a' },
        ],
      },
    };
    const fromFile = await client.request('textDocument/rename', {
      textDocument: { uri: uri('shared/lbp.references.yaml') },
      position: at(REFERENCES, 'qaseem-2017', 1),
      newName: 'qaseem-2017a',
    });
    assert.deepEqual(fromFile, expected);

    const prepared = await client.request('textDocument/prepareRename', {
      textDocument: { uri: uri('lbp.pathway.yaml') },
      position: at(PATHWAY, 'qaseem-2017', 1),
    });
    assert.deepEqual(prepared, {
      range: rangeOf(PATHWAY, 'qaseem-2017'),
      placeholder: 'qaseem-2017',
    });
    const fromCite = await client.request('textDocument/rename', {
      textDocument: { uri: uri('lbp.pathway.yaml') },
      position: at(PATHWAY, 'qaseem-2017', 1),
      newName: 'qaseem-2017a',
    });
    assert.deepEqual(fromCite, expected);
  });

  it('refuses a rename to an id a citing pathway already resolves', async () => {
    await assert.rejects(
      client.request('textDocument/rename', {
        textDocument: { uri: uri('shared/lbp.references.yaml') },
        position: at(REFERENCES, 'qaseem-2017', 1),
        newName: 'Foster2018',
      }),
      /"Foster2018" already names a reference/,
    );
  });

  it('refuses a rename of a cite a BibTeX file resolves, saying where its key belongs', async () => {
    await assert.rejects(
      client.request('textDocument/prepareRename', {
        textDocument: { uri: uri('lbp.pathway.yaml') },
        position: at(PATHWAY, 'Foster2018', 1),
      }),
      /"Foster2018" is the key of an entry of shared\/lbp\.bib, which a reference manager exports/,
    );
  });

  it('completes the paths of bibliography files and used pathways, relative to the pathway', async () => {
    const text = PATHWAY.replace('  - shared/lbp.bib\n', '  - sh\n').replace(
      '    next: done\n',
      '    next: done\n  screen:\n    kind: pathway\n    use: \n',
    );
    await client.change(uri('lbp.pathway.yaml'), text);
    type Item = { label: string; kind: number; textEdit?: { range: Range; newText: string } };
    const labels = async (position: { line: number; character: number }): Promise<Item[]> => {
      const answer = await client.request<Item[] | { items: Item[] }>('textDocument/completion', {
        textDocument: { uri: uri('lbp.pathway.yaml') },
        position,
      });
      return Array.isArray(answer) ? answer : answer.items;
    };
    const bibliography = await labels(at(text, '  - sh\n', 6));
    assert.deepEqual(
      bibliography.map((item) => item.label),
      ['shared/items.json', 'shared/lbp.bib', 'shared/lbp.references.yaml'],
    );
    assert.deepEqual(bibliography[0]?.textEdit?.range, {
      start: at(text, 'sh\n'),
      end: at(text, 'sh\n', 2),
    });
    const used = await labels(at(text, 'use: ', 5));
    assert.deepEqual(
      used.map((item) => item.label),
      ['second.pathway.yaml', 'screens/red-flags.pathway.yaml'],
    );
    await client.change(uri('lbp.pathway.yaml'), PATHWAY);
  });

  describe('a sub-pathway', () => {
    const SCREEN = `pathway: 1
id: red-flag-screen
title: Red-flag screen
version: "1"
start: ask
steps:
  ask:
    kind: decision
    title: Any red flag?
    branches:
      - when: Suspected cauda equina syndrome
        next: emergency
    otherwise: clear
  emergency:
    kind: end
    title: Emergency referral
  clear:
    kind: end
    title: No red flag
`;
    const USER = `pathway: 1
id: acute
title: Acute low back pain
version: "1"
start: screen
steps:
  screen:
    kind: pathway
    title: Screen for red flags
    use: screens/screen.pathway.yaml
    ends:
      emergency: same-day
    next: review
  same-day:
    kind: end
    title: Same-day assessment
  review:
    kind: end
    title: Review at 6 weeks
`;

    it('completes the used pathway\'s ends under "ends", and this pathway\'s steps as their values', async () => {
      write('screens/screen.pathway.yaml', SCREEN);
      const published = await client.open(uri('acute.pathway.yaml'), USER);
      assert.deepEqual(codes(published), []);
      const text = USER.replace(
        '      emergency: same-day\n',
        '      emergency: same-day\n      \n',
      );
      await client.change(uri('acute.pathway.yaml'), text);
      type Item = { label: string };
      const labels = async (position: { line: number; character: number }): Promise<string[]> => {
        const answer = await client.request<Item[] | { items: Item[] }>('textDocument/completion', {
          textDocument: { uri: uri('acute.pathway.yaml') },
          position,
        });
        return (Array.isArray(answer) ? answer : answer.items).map((item) => item.label);
      };
      // The screen's ends not yet routed: "emergency" is.
      assert.deepEqual(await labels(at(text, '      \n', 6)), ['clear']);
      assert.deepEqual(
        (await labels(at(text, 'emergency: ', 11))).filter((label) => label !== 'screen').sort(),
        ['review', 'same-day'],
      );
      await client.change(uri('acute.pathway.yaml'), USER);
    });

    it("checks the using pathway again when the used pathway's ends change on disk", async () => {
      const flagged = client.diagnosticsWhere(uri('acute.pathway.yaml'), (p) =>
        p.diagnostics.some((d) => d.code === 'unknown-step'),
      );
      write('screens/screen.pathway.yaml', SCREEN.replaceAll('emergency', 'emergency-referral'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: uri('screens/screen.pathway.yaml'), type: 2 }],
      });
      const published = await flagged;
      const finding = published.diagnostics.find((d) => d.code === 'unknown-step');
      assert.deepEqual(finding?.range, rangeOf(USER, 'emergency'));
      assert.match(finding?.message ?? '', /Its ends are "emergency-referral", "clear"/);
    });
  });
});
