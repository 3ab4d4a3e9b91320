// The guide to pathway files together (docs/files.md) shows commands and files a reader will
// copy: the import it works through must say and write what the page says, its examples must
// check as the page says, and its links must lead somewhere.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/core';
import { analyzeReferencesFile } from '../../server/src/core/analysis';
import { runCli } from '../support/cli';
import { EXAMPLES, ROOT } from '../support/paths';

const PAGE_FILE = path.join(ROOT, 'docs', 'files.md');
const PAGE = fs.readFileSync(PAGE_FILE, 'utf8');

function blocks(language: string): string[] {
  const found: string[] = [];
  const fence = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```', 'gm');
  for (const match of PAGE.matchAll(fence)) found.push(match[1] ?? '');
  return found;
}

/** The anchor GitHub gives a heading: lower case, spaces to hyphens, punctuation dropped. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replaceAll(' ', '-');
}

function anchorsIn(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6} (.*)$/gm)].map((m) => anchorOf(m[1] ?? '')));
}

describe('docs/files.md', () => {
  it('works through an import that says and writes what the page shows', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-files-docs-'));
    fs.copyFileSync(path.join(EXAMPLES, 'self-management.bib'), path.join(dir, 'zotero.bib'));
    const [ris] = blocks('ris');
    assert.ok(ris, 'the page shows the EndNote export');
    fs.writeFileSync(path.join(dir, 'endnote.ris'), ris);
    fs.mkdirSync(path.join(dir, 'shared'));
    const command = blocks('sh').find((b) => b.startsWith('pathway references import'));
    assert.ok(command, 'the page shows the command');
    const args = command.trim().split(/\s+/).slice(1);
    const result = runCli(args, dir);
    assert.equal(result.status, 0, result.stderr);
    const said = blocks('text').find((b) => b.startsWith('pathway: endnote.ris'));
    assert.equal(result.stderr, said);
    const written = fs.readFileSync(
      path.join(dir, 'shared', 'self-management.references.yaml'),
      'utf8',
    );
    assert.ok(blocks('yaml').includes(written), `the page shows the file as written:\n${written}`);
  });

  it('shows a references file and a red-flag screen that check clean', () => {
    const references = blocks('yaml').find((b) => b.startsWith('title: Low back pain'));
    assert.ok(references);
    assert.deepEqual(analyzeReferencesFile(references).findings, []);
    const screen = blocks('yaml').find((b) => b.startsWith('# screens/red-flags.pathway.yaml'));
    assert.ok(screen);
    assert.deepEqual(
      analyze(screen).findings.map((f) => `${f.code}: ${f.message}`),
      [],
    );
  });

  it('links only to files and headings that exist', () => {
    const own = anchorsIn(PAGE);
    let checked = 0;
    for (const [, target] of PAGE.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (target === undefined || /^[a-z]+:/.test(target)) continue;
      const [file, anchor] = target.split('#');
      const full = file ? path.resolve(path.dirname(PAGE_FILE), file) : PAGE_FILE;
      assert.ok(fs.existsSync(full), `${target}: no such file`);
      if (anchor !== undefined) {
        const anchors = full === PAGE_FILE ? own : anchorsIn(fs.readFileSync(full, 'utf8'));
        assert.ok(anchors.has(anchor), `${target}: no such heading`);
      }
      checked++;
    }
    assert.ok(checked > 20, `${checked} links checked`);
  });
});
