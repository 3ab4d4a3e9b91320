import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-bibliography-'));
}

function pathway(bibliography: readonly string[], cites: readonly string[]): string {
  return `pathway: 1
id: lbp
title: Low back pain
version: "1"
bibliography:
${bibliography.map((item) => `  - ${item}\n`).join('')}start: advice
steps:
  advice:
    kind: recommendation
    title: Advise staying active
    strength: strong
    certainty: moderate
    cite: [${cites.join(', ')}]
    next: done
  done:
    kind: end
    title: Review at 6 weeks
`;
}

const SECRET = `references:
  secret-2020:
    title: Text that must not leave its folder
    url: https://example.org/secret
`;

interface Finding {
  code: string;
  message: string;
  range: { start: { line: number } };
}

function findings(stdout: string): Finding[] {
  const report = JSON.parse(stdout) as { files: { diagnostics: Finding[] }[] };
  return report.files.flatMap((file) => file.diagnostics);
}

describe('pathway check: the files a pathway names under bibliography', () => {
  it('does not read a file outside the folder, whether named by path, by "..", or through a link', () => {
    const outside = tempDir();
    fs.writeFileSync(path.join(outside, 'secret.references.yaml'), SECRET);
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'shared'));
    fs.symlinkSync(
      path.join(outside, 'secret.references.yaml'),
      path.join(root, 'shared', 'linked.references.yaml'),
    );
    const absolute = path.join(outside, 'secret.references.yaml');
    const climbing = path.relative(root, absolute).split(path.sep).join('/');
    fs.writeFileSync(
      path.join(root, 'lbp.pathway.yaml'),
      pathway([absolute, climbing, 'shared/linked.references.yaml'], ['secret-2020']),
    );
    const result = runCli(['check', '--format', 'json', 'lbp.pathway.yaml'], root);
    assert.equal(result.status, 1, result.stderr);
    const found = findings(result.stdout);
    assert.deepEqual(
      found.map((f) => [f.code, f.range.start.line]),
      [
        ['unknown-file', 5],
        ['unknown-file', 6],
        ['unknown-file', 7],
      ],
      'no unknown-reference: the cite may be in a file not read',
    );
    assert.match(found[0]?.message ?? '', /is an absolute path/);
    assert.match(found[1]?.message ?? '', /lies outside the folder being checked/);
    assert.match(found[2]?.message ?? '', /is a link to a file outside the folder/);
    assert.doesNotMatch(result.stdout, /must not leave/);
  });

  it('reads none of the bibliographies of a pathway file outside the folder it runs in', () => {
    const root = tempDir();
    const elsewhere = tempDir();
    fs.writeFileSync(path.join(elsewhere, 'lbp.references.yaml'), SECRET);
    fs.writeFileSync(
      path.join(elsewhere, 'lbp.pathway.yaml'),
      pathway(['lbp.references.yaml'], ['secret-2020']),
    );
    const result = runCli(
      ['check', '--format', 'json', path.join(elsewhere, 'lbp.pathway.yaml')],
      root,
    );
    const found = findings(result.stdout);
    assert.deepEqual(
      found.map((f) => f.code),
      ['unknown-file'],
    );
    assert.match(found[0]?.message ?? '', /This pathway file lies outside the folder/);
  });

  it('keeps the size limit and the decoding notes for the files it reads', () => {
    const root = tempDir();
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('@article{A, title = {Red flags}, doi = {10.1136/bmj.f7095}}\n', 'utf16le'),
    ]);
    fs.writeFileSync(path.join(root, 'a.bib'), utf16);
    fs.writeFileSync(path.join(root, 'big.bib'), `% ${'x'.repeat(4000)}\n`);
    fs.writeFileSync(path.join(root, 'lbp.pathway.yaml'), pathway(['a.bib'], ['A']));
    const read = runCli(['check', 'lbp.pathway.yaml'], root);
    assert.equal(read.status, 0, read.stdout);
    assert.match(read.stderr, /note: "a\.bib" is UTF-16 \(little-endian\)/);

    fs.writeFileSync(path.join(root, 'lbp.pathway.yaml'), pathway(['big.bib'], ['A']));
    const limited = runCli(
      ['check', '--max-file-size', '2KB', '--format', 'json', 'lbp.pathway.yaml'],
      root,
    );
    const found = findings(limited.stdout);
    assert.deepEqual(
      found.map((f) => f.code),
      ['unknown-file'],
    );
    assert.match(
      found[0]?.message ?? '',
      /is too large to read: it is 3\.9 KB, more than the 2 KB/,
    );
  });

  it('reads a bibliography that many pathways share once per run, or once per worker thread', () => {
    const root = tempDir();
    // UTF-16: each time the file is read, its decoding is noted on stderr.
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('@article{A, title = {Red flags}, doi = {10.1136/bmj.f7095}}\n', 'utf16le'),
    ]);
    fs.writeFileSync(path.join(root, 'shared.bib'), utf16);
    for (let i = 0; i < 8; i++) {
      fs.writeFileSync(path.join(root, `p${i}.pathway.yaml`), pathway(['shared.bib'], ['A']));
    }
    const readings = (stderr: string): number =>
      stderr.split('\n').filter((line) => line.includes('"shared.bib" is UTF-16')).length;

    const here = runCli(['check', '--jobs', '0', '.'], root);
    assert.equal(here.status, 0, here.stdout + here.stderr);
    assert.equal(readings(here.stderr), 1, here.stderr);

    const workers = runCli(['check', '--jobs', '2', '.'], root);
    assert.equal(workers.status, 0, workers.stdout + workers.stderr);
    assert.ok(readings(workers.stderr) >= 1 && readings(workers.stderr) <= 2, workers.stderr);
  });

  it('gives pathway report the citation from the bibliography', () => {
    const root = tempDir();
    fs.writeFileSync(
      path.join(root, 'lbp.bib'),
      '@article{Foster2018, title = {Prevention and treatment of low back pain}, journal = {Lancet}, year = {2018}, volume = {391}, pages = {2368--2383}}\n',
    );
    fs.writeFileSync(path.join(root, 'lbp.pathway.yaml'), pathway(['lbp.bib'], ['Foster2018']));
    const report = runCli(['report', 'lbp.pathway.yaml'], root);
    assert.equal(report.status, 0, report.stderr);
    assert.match(report.stdout, /Prevention and treatment of low back pain/);
    assert.match(report.stdout, /Lancet\. 2018;391:2368-2383/);
  });
});
