import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { EXAMPLES } from '../support/paths';

/**
 * What the command line may be given by mistake or on purpose: paths that do not exist or
 * cannot be read, things that are not files, folders that loop, folders full of other YAML,
 * files that are not UTF-8, files far too large, outputs that cannot be written. Each gets
 * a message in words and exit status 2 (or a diagnostic and 1), and nothing is written
 * anywhere but where -o says.
 */
const CLEAN = path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-faults-'));
}

/** Every file under a folder, relative to it. */
function filesIn(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => fs.lstatSync(path.join(folder, name)).isFile())
    .sort();
}

const isRoot = process.getuid?.() === 0;

describe('CLI faults (the pathway command as a child process)', function () {
  this.timeout(60_000);

  it('a missing file, a folder given as a file, a device, a pipe: a message and exit 2', () => {
    const dir = tempDir();
    const missing = runCli(['check', path.join(dir, 'missing.pathway.yaml')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /missing\.pathway\.yaml" does not exist/);

    for (const verb of [['render'], ['report'], ['export', '--fhir']]) {
      const result = runCli([...verb, path.join(dir, 'missing.pathway.yaml')]);
      assert.equal(result.status, 2, verb.join(' '));
      assert.match(result.stderr, /does not exist/, verb.join(' '));
      assert.equal(result.stdout, '', verb.join(' '));
    }
    const folder = runCli(['render', dir]);
    assert.equal(folder.status, 2);
    assert.match(folder.stderr, /it is a folder/);

    // A device never ends: it is refused, not read.
    const device = runCli(['check', '/dev/zero']);
    assert.equal(device.status, 2);
    assert.match(device.stderr, /"\/dev\/zero": it is not a regular file/);
    // A named pipe would wait for a writer for ever: refused before it is opened.
    const pipe = path.join(dir, 'pipe.pathway.yaml');
    if (spawnSync('mkfifo', [pipe]).status === 0) {
      const result = runCli(['check', pipe]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /pipe\.pathway\.yaml": it is not a regular file/);
    }
  });

  it('a file that cannot be read: permission denied, exit 2', function () {
    if (isRoot) this.skip(); // root reads whatever the permissions say
    const dir = tempDir();
    const file = path.join(dir, 'locked.pathway.yaml');
    fs.copyFileSync(CLEAN, file);
    fs.chmodSync(file, 0o000);
    const result = runCli(['check', file]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /locked\.pathway\.yaml": permission denied/);
  });

  it('a folder with a link that loops: the linked folder is not followed; a looping file link is named', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'guidelines', 'sub'), { recursive: true });
    fs.copyFileSync(CLEAN, path.join(dir, 'guidelines', 'a.pathway.yaml'));
    fs.symlinkSync('..', path.join(dir, 'guidelines', 'sub', 'up'));
    fs.symlinkSync(path.join(dir, 'guidelines'), path.join(dir, 'guidelines', 'sub', 'again'));
    const folderLoop = runCli(['check', path.join(dir, 'guidelines')]);
    assert.equal(folderLoop.status, 0, folderLoop.stderr);
    assert.equal(folderLoop.stdout, '1 files checked: 0 errors, 0 warnings, 0 infos\n');

    fs.symlinkSync('self.pathway.yaml', path.join(dir, 'guidelines', 'self.pathway.yaml'));
    fs.symlinkSync('nowhere.yaml', path.join(dir, 'guidelines', 'dangling.pathway.yaml'));
    const fileLoop = runCli(['check', path.join(dir, 'guidelines')]);
    assert.equal(fileLoop.status, 2);
    assert.match(fileLoop.stderr, /self\.pathway\.yaml": it is a symbolic link that loops/);
    assert.match(fileLoop.stderr, /dangling\.pathway\.yaml": it does not exist/);
    assert.match(fileLoop.stdout, /^1 files checked/m, 'the readable file is still checked');
  });

  it('a folder mixing pathway files with other YAML checks only the pathway files', () => {
    const dir = tempDir();
    fs.copyFileSync(CLEAN, path.join(dir, 'one.pathway.yaml'));
    fs.copyFileSync(CLEAN, path.join(dir, 'two.pathway.yml'));
    fs.writeFileSync(path.join(dir, 'docker-compose.yaml'), 'services: {web: {image: nginx}}\n');
    fs.writeFileSync(path.join(dir, 'broken.yml'), 'a: [unclosed\n');
    fs.mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.github', 'workflows', 'ci.pathway.yaml'), 'not: checked\n');
    const result = runCli(['check', '--format', 'json', dir]);
    assert.equal(result.status, 0, result.stderr);
    const output = JSON.parse(result.stdout) as { files: { file: string }[] };
    assert.deepEqual(
      output.files.map((f) => path.basename(f.file)),
      ['one.pathway.yaml', 'two.pathway.yml'],
    );
    // A folder with no pathway file at all: a note, exit 0.
    const other = tempDir();
    fs.writeFileSync(path.join(other, 'values.yaml'), 'a: 1\n');
    const none = runCli(['check', other]);
    assert.equal(none.status, 0);
    assert.match(none.stderr, /no pathway files/);
  });

  it('invalid UTF-8 is read with replacement characters and a note; UTF-16 is decoded', () => {
    const dir = tempDir();
    // "Café" saved as Latin-1 inside an otherwise UTF-8 file: the é is one byte, 0xE9.
    const latin1 = path.join(dir, 'latin1.pathway.yaml');
    const original = fs.readFileSync(CLEAN);
    const at = original.indexOf('title: ') + 'title: '.length;
    fs.writeFileSync(
      latin1,
      Buffer.concat([
        original.subarray(0, at),
        Buffer.from('Caf\xe9 ', 'latin1'),
        original.subarray(at),
      ]),
    );
    const text = fs.readFileSync(CLEAN, 'utf8');
    const result = runCli(['check', latin1]);
    assert.equal(result.status, 0, result.stdout);
    assert.match(
      result.stderr,
      /latin1\.pathway\.yaml" is not valid UTF-8 \(the first bad byte is on line \d+\); .* U\+FFFD/,
    );
    const utf16 = path.join(dir, 'utf16.pathway.yaml');
    fs.writeFileSync(
      utf16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    const decoded = runCli(['check', utf16]);
    assert.equal(decoded.status, 0, decoded.stdout);
    assert.match(decoded.stderr, /is UTF-16 \(little-endian\); it was read as such/);
  });

  it('a file over the size limit: file-too-large with the limit, without reading it; --max-file-size sets it', () => {
    const dir = tempDir();
    const big = path.join(dir, 'big.pathway.yaml');
    fs.writeFileSync(
      big,
      `${fs.readFileSync(CLEAN, 'utf8')}${`# ${'padding '.repeat(12)}\n`.repeat(111_000)}`,
    );
    const result = runCli(['check', big]);
    assert.equal(result.status, 1);
    assert.match(
      result.stdout,
      /big\.pathway\.yaml:1:1: error file-too-large: This file is too large to analyse: it is 10\.5 MB, more than the 10 MB/,
    );
    assert.equal(runCli(['check', '--max-file-size', '11MB', big]).status, 0);
    const small = runCli(['check', '--max-file-size', '2KB', CLEAN]);
    assert.equal(small.status, 1);
    assert.match(small.stdout, /more than the 2 KB the checker reads/);
    const off = runCli([
      'check',
      '--max-file-size',
      '2KB',
      '--rule',
      'file-too-large=warning',
      CLEAN,
    ]);
    assert.equal(off.status, 0);
    const bad = runCli(['check', '--max-file-size', 'large', CLEAN]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--max-file-size expects a size such as 20MB/);
    const render = runCli(['render', '--max-file-size', '2KB', CLEAN]);
    assert.equal(render.status, 1);
    assert.match(render.stderr, /cannot draw .*too large to analyse/);
    assert.equal(render.stdout, '');
  });

  it('an output that cannot be written: a message in words, exit 2, and nothing written anywhere', () => {
    const dir = tempDir();
    const notAFolder = path.join(dir, 'plain-file');
    fs.writeFileSync(notAFolder, 'x');
    fs.mkdirSync(path.join(dir, 'a-folder'));
    const cases: { args: string[]; message: RegExp }[] = [
      {
        args: ['render', CLEAN, '-o', path.join(dir, 'missing', 'deeper', 'out.svg')],
        message: /cannot write ".*out\.svg": the folder ".*missing\/deeper" does not exist/,
      },
      {
        args: ['report', CLEAN, '-o', path.join(notAFolder, 'report.md')],
        message: /cannot write ".*report\.md": a part of the path is not a folder/,
      },
      {
        args: ['export', '--fhir', CLEAN, '-o', path.join(dir, 'a-folder')],
        message: /cannot write ".*a-folder": it is a folder/,
      },
      {
        args: ['render', CLEAN, '-o', '/proc/pathway-test.html'],
        message: /cannot write "\/proc\/pathway-test\.html"/,
      },
    ];
    if (!isRoot) {
      const readOnly = path.join(dir, 'read-only');
      fs.mkdirSync(readOnly);
      fs.chmodSync(readOnly, 0o555);
      cases.push({
        args: ['report', CLEAN, '-o', path.join(readOnly, 'report.html')],
        message: /cannot write ".*report\.html": permission denied/,
      });
    }
    const before = filesIn(dir);
    for (const { args, message } of cases) {
      const result = runCli(args, dir);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '', 'nothing on standard output either');
    }
    assert.deepEqual(filesIn(dir), before, 'no file was written');
    assert.ok(!fs.existsSync(path.join(dir, 'missing')), 'no folder was created');
  });

  it('file names and messages cannot send control characters to the terminal', () => {
    const dir = tempDir();
    const file = path.join(dir, 'red\u001b[31m.pathway.yaml');
    fs.writeFileSync(
      file,
      fs.readFileSync(CLEAN, 'utf8').replace('next: ', 'next: "\\e[2J\\u202Ex"\n    nxt: '),
    );
    const result = runCli(['check', dir]);
    assert.equal(result.status, 1);
    // eslint-disable-next-line no-control-regex -- looking for them is the point
    assert.doesNotMatch(result.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    assert.match(result.stdout, /red<U\+001B>\[31m\.pathway\.yaml:/);
  });
});
