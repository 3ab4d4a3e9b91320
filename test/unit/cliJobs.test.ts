// A folder is checked on every core (--jobs): the output is the same whatever the number of
// worker threads, a file whose check cannot finish is named and the others are checked.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, type CliResult } from '../support/cli';
import { CLI, EXAMPLES, FIXTURES } from '../support/paths';
import { syntheticPathway } from '../support/synthetic';

const made: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-jobs-'));
  made.push(dir);
  return dir;
}

/**
 * A folder with what makes output differ from file to file: findings of every level,
 * suppressed findings, notes on decoding (UTF-16, bytes that are not UTF-8), terminal
 * escapes in messages, a link out of the folder (a note) and one that leads nowhere (a
 * problem).
 */
function mixedFolder(): string {
  const dir = tempDir();
  fs.cpSync(EXAMPLES, path.join(dir, 'examples'), { recursive: true });
  fs.cpSync(path.join(FIXTURES, 'hostile'), path.join(dir, 'hostile'), { recursive: true });
  fs.cpSync(path.join(FIXTURES, 'suppression'), path.join(dir, 'suppression'), {
    recursive: true,
  });
  const outside = path.join(tempDir(), 'elsewhere.pathway.yaml');
  fs.writeFileSync(outside, 'pathway: 1\n');
  fs.symlinkSync(outside, path.join(dir, 'link-out.pathway.yaml'));
  fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling.pathway.yaml'));
  return dir;
}

function assertSameRun(one: CliResult, other: CliResult, what: string): void {
  assert.equal(other.status, one.status, `${what}: exit status`);
  assert.equal(other.stderr, one.stderr, `${what}: stderr`);
  assert.equal(other.stdout, one.stdout, `${what}: stdout`);
}

describe('pathway check --jobs (a folder on every core)', function () {
  this.timeout(300_000);
  after(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the same bytes with --jobs 1 and --jobs 3 as in this process, in every format', () => {
    const dir = mixedFolder();
    const runs: [string, string[]][] = [
      ['text', []],
      ['json', ['--rule', 'unused-reference=off', '--max-file-size', '12KB']],
      ['sarif', ['--no-inline-config']],
    ];
    for (const [format, options] of runs) {
      const args = ['check', '--format', format, ...options, dir];
      const here = runCli([...args, '--jobs', '0']);
      // Each kind of line is there to compare: findings, notes and problems.
      assert.equal(here.status, 2, here.stderr);
      assert.match(here.stderr, /note: ".*utf16-without-decoding\.pathway\.yaml" is UTF-16/);
      assert.match(here.stderr, /note: ".*link-out\.pathway\.yaml" was not read/);
      assert.match(here.stderr, /cannot read ".*dangling\.pathway\.yaml"/);
      assertSameRun(here, runCli([...args, '--jobs', '1']), `${format}, --jobs 1`);
      assertSameRun(here, runCli([...args, '--jobs', '3']), `${format}, --jobs 3`);
      assertSameRun(here, runCli(args), `${format}, without --jobs`);
    }
  });

  it('without --jobs, files of 1 MB and more go to the workers, and print as in this process', () => {
    const dir = tempDir();
    for (let i = 0; i < 20; i++) {
      const name = `guideline-${String(i).padStart(2, '0')}.pathway.yaml`;
      fs.writeFileSync(path.join(dir, name), syntheticPathway({ steps: 100, seed: 100 + i }));
    }
    fs.copyFileSync(
      path.join(EXAMPLES, 'flawed', 'flawed.pathway.yaml'),
      path.join(dir, 'flawed.pathway.yaml'),
    );
    const here = runCli(['check', '--jobs', '0', dir]);
    assert.equal(here.status, 1, here.stderr);
    assert.match(here.stdout, /^21 files checked: [1-9]/m);
    assertSameRun(here, runCli(['check', dir]), 'without --jobs');
  });

  it('passes the options to the workers: the rule turned off, the size limit, the comments', () => {
    const dir = mixedFolder();
    const json = runCli(
      ['check', '--format', 'json', '--jobs', '2']
        .concat(['--rule', 'unused-reference=off', '--max-file-size', '12KB', '--no-inline-config'])
        .concat([dir]),
    );
    const output = JSON.parse(json.stdout) as {
      files: { diagnostics: { code: string }[] }[];
      summary: { suppressed: number };
    };
    const codes = output.files.flatMap((f) => f.diagnostics.map((d) => d.code));
    assert.ok(codes.includes('file-too-large'), 'a file over 12KB is reported unread');
    assert.ok(!codes.includes('unused-reference'), 'the rule turned off reports nothing');
    assert.equal(output.summary.suppressed, 0, 'comments silence nothing');
  });

  it('pathway test prints the same with --jobs 1 and --jobs 3 as in this process', () => {
    const dir = mixedFolder();
    const args = ['test', '--coverage', dir];
    const here = runCli([...args, '--jobs', '0']);
    assert.match(here.stdout, /✓ .*\n[^]*coverage: /);
    assertSameRun(here, runCli([...args, '--jobs', '1']), 'test, --jobs 1');
    assertSameRun(here, runCli([...args, '--jobs', '3']), 'test, --jobs 3');
  });

  it('a file whose check runs out of memory is named, and the other files are checked', () => {
    // A real failure: Node's heap limit (which worker threads share) is far below what a
    // 9 MB pathway needs, yet above what the command and the small files need.
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'huge.pathway.yaml'),
      syntheticPathway({ steps: 16000, seed: 7 }),
    );
    fs.copyFileSync(
      path.join(EXAMPLES, 'flawed', 'flawed.pathway.yaml'),
      path.join(dir, 'flawed.pathway.yaml'),
    );
    fs.copyFileSync(
      path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'),
      path.join(dir, 'z-clean.pathway.yaml'),
    );
    const result = spawnSync(
      process.execPath,
      ['--max-old-space-size=64', CLI, 'check', '--jobs', '1', dir],
      { encoding: 'utf8', timeout: 240_000 },
    );
    assert.equal(result.status, 2, result.stderr);
    assert.equal(
      result.stderr,
      `pathway: cannot check "${path.join(dir, 'huge.pathway.yaml')}": checking it ran out of memory. Split the pathway into smaller files, or give pathway more memory (for example NODE_OPTIONS=--max-old-space-size=8192).\n`,
    );
    const lines = result.stdout.trim().split('\n');
    assert.ok(lines.some((line) => line.startsWith(path.join(dir, 'flawed.pathway.yaml'))));
    assert.match(lines.at(-1) ?? '', /^2 files checked: \d+ errors/);
  });

  it('--jobs takes a whole number from 0 to 256; anything else is bad usage', () => {
    for (const value of ['x', '-1', '1.5', '257', '']) {
      const result = runCli(['check', '--jobs', value, 'examples']);
      assert.equal(result.status, 2, `--jobs ${value}`);
      assert.match(result.stderr, /--jobs expects how many files to check at once, from 0 to 256/);
    }
  });
});
