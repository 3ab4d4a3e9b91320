import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, runCliInShell, shellWord } from '../support/cli';
import { EXAMPLES, ROOT } from '../support/paths';
import { syntheticPathway } from '../support/synthetic';

/**
 * What the command line may be given by mistake or on purpose: paths that do not exist or
 * cannot be read, things that are not files, folders that loop, folders full of other YAML,
 * files that are not UTF-8, files far too large, outputs that cannot be written. Each gets
 * a message in words and exit status 2 (or a diagnostic and 1), and nothing is written
 * anywhere but where -o says.
 */
// A clean pathway that names no other file, so that a copy of it checks clean wherever it lies
// (an example copied alone would lose the references file it names).
const CLEAN = path.join(ROOT, 'test', 'inputs', 'computable.pathway.yaml');
const FLAWED = path.join(EXAMPLES, 'flawed', 'flawed.pathway.yaml');

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
    assert.equal(folderLoop.stdout, '1 file checked: 0 errors, 0 warnings, 0 infos\n');

    fs.symlinkSync('self.pathway.yaml', path.join(dir, 'guidelines', 'self.pathway.yaml'));
    fs.symlinkSync('nowhere.yaml', path.join(dir, 'guidelines', 'dangling.pathway.yaml'));
    const fileLoop = runCli(['check', path.join(dir, 'guidelines')]);
    assert.equal(fileLoop.status, 2);
    assert.match(fileLoop.stderr, /self\.pathway\.yaml": it is a symbolic link that loops/);
    assert.match(fileLoop.stderr, /dangling\.pathway\.yaml": it does not exist/);
    assert.match(fileLoop.stdout, /^1 file checked/m, 'the readable file is still checked');
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

describe('CLI: git never takes what the user wrote as an option (pathway diff REV:path)', function () {
  this.timeout(120_000);

  /** A git repository holding one committed pathway, guideline.pathway.yaml. */
  function repository(): string {
    const dir = tempDir();
    const git = (...args: string[]): void => {
      execFileSync(
        'git',
        [
          '-c',
          'user.name=Test',
          '-c',
          'user.email=test@example.org',
          '-c',
          'commit.gpgsign=false',
        ].concat(args),
        { cwd: dir, stdio: 'pipe' },
      );
    };
    git('init', '-q');
    fs.copyFileSync(CLEAN, path.join(dir, 'guideline.pathway.yaml'));
    git('add', 'guideline.pathway.yaml');
    git('commit', '-q', '-m', 'first');
    return dir;
  }

  it('a revision that looks like an option writes nothing and exits 2 with a message', () => {
    const repo = repository();
    const loot = tempDir();
    // What git show would have overwritten: it must stay as it is.
    const victim = path.join(loot, 'victim:guideline.pathway.yaml');
    fs.writeFileSync(victim, 'keep me\n');
    const payloads = [
      `--output=${path.join(loot, 'x')}:guideline.pathway.yaml`,
      `--output=${path.join(loot, 'victim')}:guideline.pathway.yaml`,
      `-o${path.join(loot, 'y')}:guideline.pathway.yaml`,
      '--ext-diff:guideline.pathway.yaml',
      '--end-of-options:guideline.pathway.yaml',
      `HEAD\n--output=${path.join(loot, 'z')}:guideline.pathway.yaml`,
    ];
    for (const payload of payloads) {
      for (const args of [
        ['diff', '--', payload, 'guideline.pathway.yaml'],
        ['diff', '--', 'guideline.pathway.yaml', payload],
      ]) {
        const result = runCli(args, repo);
        const shown = JSON.stringify(args);
        assert.equal(result.status, 2, `${shown}: ${result.stderr}`);
        assert.equal(result.stdout, '', shown);
        assert.match(
          result.stderr,
          payload.startsWith('-')
            ? /does not exist, and ".*" cannot be a git revision: a revision never starts with "-"/
            : /does not exist, and a git revision or path cannot hold a line break or other control character/,
          shown,
        );
      }
    }
    assert.deepEqual(filesIn(loot), ['victim:guideline.pathway.yaml'], 'no file was written');
    assert.equal(fs.readFileSync(victim, 'utf8'), 'keep me\n', 'no file was overwritten');
    assert.deepEqual(
      fs.readdirSync(repo).sort(),
      ['.git', 'guideline.pathway.yaml'],
      'nothing was written in the repository either',
    );
  });

  it('REV:path still reads the committed version; a file is read as a file, whatever its name', () => {
    const repo = repository();
    const head = runCli(['diff', 'HEAD:guideline.pathway.yaml', 'guideline.pathway.yaml'], repo);
    assert.equal(head.status, 0, head.stderr);
    assert.match(head.stdout, /unchanged/);
    const missing = runCli(['diff', 'nope:guideline.pathway.yaml', 'guideline.pathway.yaml'], repo);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read "nope:guideline\.pathway\.yaml" from git: fatal: /);
    // A file whose name looks like an option and a revision: it exists, so it is the file.
    fs.copyFileSync(CLEAN, path.join(repo, '--output=x:y'));
    const file = runCli(['diff', '--', '--output=x:y', 'guideline.pathway.yaml'], repo);
    assert.equal(file.status, 0, file.stderr);
    assert.deepEqual(fs.readdirSync(repo).sort(), [
      '--output=x:y',
      '.git',
      'guideline.pathway.yaml',
    ]);
  });
});

describe('CLI: what is written, and where', function () {
  this.timeout(120_000);

  it('-o replaces the file whole; when writing fails the old file is kept, and no scrap is left', () => {
    const dir = tempDir();
    const out = path.join(dir, 'flowchart.svg');
    fs.writeFileSync(out, 'old picture\n');
    fs.chmodSync(out, 0o640);
    const written = runCli(['render', CLEAN, '-o', out]);
    assert.equal(written.status, 0, written.stderr);
    assert.match(fs.readFileSync(out, 'utf8'), /^<svg /);
    assert.equal(fs.statSync(out).mode & 0o777, 0o640, 'the permissions are kept');
    assert.deepEqual(filesIn(dir), ['flowchart.svg']);

    // A file-size limit of 4 KB stops the 20 KB picture part way, as a full disk would.
    fs.writeFileSync(out, 'old picture\n');
    const cut = runCliInShell(
      `ulimit -f 4; pathway render ${shellWord(CLEAN)} -o ${shellWord(out)}`,
    );
    assert.equal(cut.status, 2, cut.stderr);
    assert.equal(
      cut.stderr,
      `pathway: cannot write "${out}": the file would be larger than the system allows\n`,
    );
    assert.equal(fs.readFileSync(out, 'utf8'), 'old picture\n', 'the old file is untouched');
    assert.deepEqual(filesIn(dir), ['flowchart.svg'], 'the unfinished file is removed');
  });

  it('-o never overwrites the file being read: not by its name, a link, a hard link or another path', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'sub'));
    const input = path.join(dir, 'guideline.pathway.yaml');
    fs.copyFileSync(CLEAN, input);
    const original = fs.readFileSync(input, 'utf8');
    fs.symlinkSync('guideline.pathway.yaml', path.join(dir, 'link.svg'));
    fs.linkSync(input, path.join(dir, 'hard.html'));
    const targets = [
      input,
      path.join(dir, 'sub', '..', 'guideline.pathway.yaml'),
      path.join(dir, 'link.svg'),
      path.join(dir, 'hard.html'),
    ];
    for (const target of targets) {
      for (const verb of [['render'], ['report'], ['export', '--fhir']]) {
        const result = runCli([...verb, input, '-o', target], dir);
        const shown = `${verb.join(' ')} -o ${target}`;
        assert.equal(result.status, 2, `${shown}: ${result.stderr}`);
        assert.match(
          result.stderr,
          /cannot write ".*": it is ".*guideline\.pathway\.yaml", the file being read\. Name another output file\./,
          shown,
        );
        assert.equal(result.stdout, '', shown);
      }
    }
    // Standard output sent into the file being read (>> does not empty it first).
    const appended = runCliInShell(`pathway render ${shellWord(input)} >> ${shellWord(input)}`);
    assert.equal(appended.status, 2);
    assert.match(appended.stderr, /cannot write to standard output: it is ".*", a file being read/);
    assert.equal(fs.readFileSync(input, 'utf8'), original, 'the pathway is untouched');
    assert.ok(fs.lstatSync(path.join(dir, 'link.svg')).isSymbolicLink());
  });

  it('-o refuses a device or a named pipe, at once: a message and exit 2', () => {
    const dir = tempDir();
    const pipe = path.join(dir, 'out.svg');
    const targets = ['/dev/null', '/dev/zero'];
    if (spawnSync('mkfifo', [pipe]).status === 0) targets.push(pipe);
    for (const target of targets) {
      for (const verb of [['render'], ['report'], ['export', '--fhir']]) {
        const result = runCli([...verb, CLEAN, '-o', target]);
        const shown = `${verb.join(' ')} -o ${target}`;
        assert.equal(result.status, 2, `${shown}: ${result.stderr}`);
        assert.equal(
          result.stderr,
          `pathway: cannot write "${target}": it is not a regular file (a device, a pipe or a socket). Leave out -o, or give -o -, to write to standard output.\n`,
          shown,
        );
      }
    }
    if (targets.includes(pipe)) assert.ok(fs.lstatSync(pipe).isFIFO(), 'the pipe is still a pipe');
  });

  it('-o - writes to standard output, and no file named "-"', () => {
    const dir = tempDir();
    const svg = runCli(['render', CLEAN, '-o', '-'], dir);
    assert.equal(svg.status, 0, svg.stderr);
    assert.match(svg.stdout, /^<svg /);
    const html = runCli(['render', CLEAN, '-o', '-', '--format', 'html'], dir);
    assert.match(html.stdout, /^<!DOCTYPE html>/i);
    const report = runCli(['report', CLEAN, '-o', '-'], dir);
    assert.equal(report.status, 0, report.stderr);
    assert.match(report.stdout, /^# /);
    const fhir = runCli(['export', '--fhir', CLEAN, '-o', '-'], dir);
    assert.equal(fhir.status, 0, fhir.stderr);
    assert.equal((JSON.parse(fhir.stdout) as { resourceType: string }).resourceType, 'Bundle');
    const empty = runCli(['render', CLEAN, '-o', ''], dir);
    assert.equal(empty.status, 2);
    assert.equal(empty.stderr, 'pathway: -o needs a file name (or - for standard output)\n');
    assert.deepEqual(filesIn(dir), []);
  });

  it('standard output that cannot be written (> /dev/full): one line on stderr and exit 2', function () {
    if (!fs.existsSync('/dev/full')) this.skip();
    const clean = shellWord(CLEAN);
    for (const commandLine of [
      `pathway check ${clean}`,
      `pathway check --format json ${clean}`,
      `pathway check --format sarif ${clean}`,
      `pathway render ${clean}`,
      `pathway report ${clean}`,
      `pathway export --fhir ${clean}`,
      `pathway diff ${clean} ${clean}`,
      `pathway render ${clean} -o -`,
    ]) {
      const result = runCliInShell(`${commandLine} > /dev/full`);
      assert.equal(result.status, 2, `${commandLine}: ${result.stderr}`);
      assert.equal(
        result.stderr,
        'pathway: cannot write to standard output: the disk is full\n',
        commandLine,
      );
    }
  });

  it('a reader that stops early (| head -1): the command stops quietly with its own status', () => {
    const dir = tempDir();
    // Far more output than a pipe holds, so the writer is still writing when head leaves.
    for (let i = 0; i < 150; i++) {
      fs.copyFileSync(FLAWED, path.join(dir, `flawed-${i}.pathway.yaml`));
    }
    const check = runCliInShell(`pathway check ${shellWord(dir)} | head -1`);
    assert.equal(check.stderr, '');
    assert.equal(check.status, 1, 'the files have errors');
    assert.match(check.stdout, /^.*flawed-0\.pathway\.yaml:\d+:\d+: \w+ [a-z-]+: .*\n$/);

    const big = path.join(dir, 'big.yaml');
    fs.writeFileSync(big, syntheticPathway({ steps: 500 }));
    const fhir = runCliInShell(`pathway export --fhir ${shellWord(big)} | head -c 1`);
    assert.equal(fhir.stderr, '');
    assert.equal(fhir.status, 0);
    assert.equal(fhir.stdout, '{');
  });

  it('a link in a folder to a file outside it is not read; a note says so', () => {
    const dir = tempDir();
    const secret = path.join(dir, 'home', '.git-credentials');
    fs.mkdirSync(path.dirname(secret));
    fs.writeFileSync(secret, 'https://alice:s3cret-token@example.org\n');
    const folder = path.join(dir, 'guidelines');
    fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
    fs.copyFileSync(CLEAN, path.join(folder, 'sub', 'kept.yaml'));
    fs.symlinkSync(secret, path.join(folder, 'credentials.pathway.yaml'));
    fs.symlinkSync('../home/.git-credentials', path.join(folder, 'relative.pathway.yaml'));
    if (fs.existsSync('/etc/passwd')) {
      fs.symlinkSync('/etc/passwd', path.join(folder, 'users.pathway.yaml'));
    }
    // A link to a file inside the folder is read.
    fs.symlinkSync(path.join('sub', 'kept.yaml'), path.join(folder, 'inside.pathway.yaml'));
    fs.symlinkSync(folder, path.join(dir, 'alias'));

    for (const given of [folder, path.join(dir, 'alias')]) {
      const result = runCli(['check', '--format', 'json', given]);
      assert.equal(result.status, 0, result.stderr);
      const output = JSON.parse(result.stdout) as { files: { file: string }[] };
      assert.deepEqual(
        output.files.map((f) => path.basename(f.file)),
        ['inside.pathway.yaml'],
      );
      for (const name of [
        'credentials',
        'relative',
        ...(fs.existsSync('/etc/passwd') ? ['users'] : []),
      ]) {
        assert.match(
          result.stderr,
          new RegExp(
            `"[^"]*${name}\\.pathway\\.yaml" was not read: it is a link to a file outside the folder "[^"]*". Name the file itself to check it\\.`,
          ),
        );
      }
      assert.doesNotMatch(result.stdout + result.stderr, /s3cret|root:/);
    }
    // Named on the command line, a link is followed: the user asked for that file.
    const named = runCli(['check', path.join(folder, 'credentials.pathway.yaml')]);
    assert.equal(named.status, 1);
    assert.doesNotMatch(named.stderr, /was not read/);
  });
});
