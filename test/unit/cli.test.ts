import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { runCli } from '../support/cli';
import { ROOT } from '../support/paths';

interface JsonOutput {
  files: {
    file: string;
    diagnostics: {
      code: string;
      severity: string;
      message: string;
      url: string;
      range: {
        start: { line: number; character: number };
        end: { line: number; character: number };
      };
    }[];
    suppressed: { code: string; severity: string; message: string }[];
  }[];
  summary: { files: number; errors: number; warnings: number; infos: number; suppressed: number };
}

const FLAWED = 'examples/flawed/flawed.pathway.yaml';

/** Fails unless `log` is valid against the SARIF 2.1.0 schema. */
function assertValidSarif(log: unknown): void {
  const schemaPath = path.join(
    ROOT,
    'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
  );
  const sarifSchema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as object;
  // The SARIF 2.1.0 schema is written in JSON Schema draft-04.
  const ajv = new AjvDraft04({
    allErrors: true,
    strict: false,
    validateFormats: false,
    // One of its patterns is not valid with the u flag.
    unicodeRegExp: false,
  });
  const validate = ajv.compile(sarifSchema);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-cli-'));
}

describe('pathway check (the CLI as a child process)', () => {
  it('exits 0 on the clean examples, with a text summary', () => {
    const result = runCli(['check', 'examples/brlp-manipulation.pathway.yaml']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '1 file checked: 0 errors, 0 warnings, 0 infos\n');
  });

  it('prints FILE:LINE:COL: SEVERITY CODE: MESSAGE lines (1-based) and exits 1 on errors', () => {
    const result = runCli(['check', FLAWED]);
    assert.equal(result.status, 1);
    const lines = result.stdout.trim().split('\n');
    assert.match(
      lines[0] ?? '',
      /^examples\/flawed\/flawed\.pathway\.yaml:41:3: warning unused-input: Input "age" /,
    );
    for (const line of lines.slice(0, -1)) {
      assert.match(line, /^[^:]+:\d+:\d+: (error|warning|info) [a-z-]+: \S/);
    }
    assert.equal(lines.at(-1), '1 file checked: 11 errors, 12 warnings, 0 infos');
  });

  it('json: one object with 0-based ranges, the rule docs link, and a summary', () => {
    const result = runCli(['check', '--format', 'json', FLAWED]);
    assert.equal(result.status, 1);
    const output = JSON.parse(result.stdout) as JsonOutput;
    assert.equal(output.files.length, 1);
    const file = output.files[0];
    assert.equal(file?.file, FLAWED);
    const first = file?.diagnostics[0];
    assert.equal(first?.code, 'unused-input');
    assert.equal(first?.severity, 'warning');
    assert.deepEqual(first?.range.start, { line: 40, character: 2 });
    assert.match(first?.url ?? '', /docs\/rules\.md#unused-input$/);
    assert.deepEqual(output.summary, {
      files: 1,
      errors: 11,
      warnings: 12,
      infos: 0,
      suppressed: 0,
    });
  });

  it('--rule changes a level, turns a rule off, and the last --rule for a code wins', () => {
    const result = runCli([
      'check',
      '--format',
      'json',
      '--rule',
      'unused-reference=error',
      '--rule',
      'unused-reference=info',
      '--rule',
      'duplicate-key=off',
      FLAWED,
    ]);
    const output = JSON.parse(result.stdout) as JsonOutput;
    const diagnostics = output.files[0]?.diagnostics ?? [];
    assert.equal(diagnostics.find((d) => d.code === 'unused-reference')?.severity, 'info');
    assert.equal(
      diagnostics.some((d) => d.code === 'duplicate-key'),
      false,
    );
    assert.deepEqual(output.summary, {
      files: 1,
      errors: 10,
      warnings: 11,
      infos: 1,
      suppressed: 0,
    });
  });

  it('only enabled error-level rules decide the exit status', () => {
    const errorRules = [
      'schema',
      'unknown-step',
      'unknown-reference',
      'missing-citation',
      'no-path-to-end',
      'duplicate-key',
      'invalid-condition',
      'unknown-input',
      'invalid-fact',
      'scenario-failed',
      'scenario-stuck',
    ];
    const downgraded = errorRules.flatMap((code) => ['--rule', `${code}=warning`]);
    assert.equal(runCli(['check', ...downgraded, FLAWED]).status, 0);
    const promoted = runCli(['check', '--rule', 'unused-reference=error', 'examples']);
    assert.equal(promoted.status, 1);
  });

  it('searches folders recursively, skipping node_modules and dot-folders', () => {
    const dir = tempDir();
    // A pathway that names no other file: each copy checks clean wherever it lies.
    const valid = fs.readFileSync(path.join(ROOT, 'test/inputs/computable.pathway.yaml'));
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.mkdirSync(path.join(dir, '.hidden'));
    fs.writeFileSync(path.join(dir, 'a', 'b', 'deep.pathway.yml'), valid);
    fs.writeFileSync(path.join(dir, 'top.pathway.yaml'), valid);
    fs.writeFileSync(path.join(dir, 'other.yaml'), 'not: a pathway\n');
    fs.writeFileSync(path.join(dir, 'node_modules', 'x.pathway.yaml'), 'broken: [\n');
    fs.writeFileSync(path.join(dir, '.hidden', 'x.pathway.yaml'), 'broken: [\n');
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'linked'));
    const result = runCli(['check', '--format', 'json', dir]);
    assert.equal(result.status, 0, result.stderr);
    const output = JSON.parse(result.stdout) as JsonOutput;
    assert.deepEqual(
      output.files.map((f) => path.relative(dir, f.file)),
      [path.join('a', 'b', 'deep.pathway.yml'), 'top.pathway.yaml'],
    );
  });

  it('checks an explicit file whatever its name', () => {
    const dir = tempDir();
    const file = path.join(dir, 'guideline.yaml');
    fs.writeFileSync(file, 'pathway: 1\n');
    const result = runCli(['check', '--format', 'json', file]);
    assert.equal(result.status, 1);
    const output = JSON.parse(result.stdout) as JsonOutput;
    assert.ok(output.files[0]?.diagnostics.some((d) => d.code === 'schema'));
  });

  it('a folder without pathway files: exit 0 and a note on stderr', () => {
    const dir = tempDir();
    const result = runCli(['check', dir]);
    assert.equal(result.status, 0);
    assert.match(result.stderr, /no pathway files/);
    assert.equal(result.stdout, '0 files checked: 0 errors, 0 warnings, 0 infos\n');
  });

  it('a missing path: a clear message and exit 2', () => {
    const result = runCli(['check', 'no/such/file.pathway.yaml']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /pathway: "no\/such\/file\.pathway\.yaml" does not exist/);
  });

  it('an unreadable file: a clear message and exit 2', function () {
    if (process.getuid?.() === 0) {
      // root reads any file; make reading fail the other way: a path through a file.
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'plain'), '');
      const result = runCli(['check', path.join(dir, 'plain', 'x.pathway.yaml')]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /cannot read/);
      return;
    }
    const dir = tempDir();
    const file = path.join(dir, 'locked.pathway.yaml');
    fs.writeFileSync(file, 'pathway: 1\n');
    fs.chmodSync(file, 0o000);
    const result = runCli(['check', file]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /cannot read .*permission denied/);
  });

  it('bad usage exits 2: unknown option, unknown rule, bad level, no path', () => {
    const unknownOption = runCli(['check', '--colour', 'examples']);
    assert.equal(unknownOption.status, 2);
    assert.match(unknownOption.stderr, /unknown option '--colour'/);
    const unknownRule = runCli(['check', '--rule', 'no-such-rule=off', 'examples']);
    assert.equal(unknownRule.status, 2);
    assert.match(unknownRule.stderr, /unknown rule "no-such-rule"/);
    const badLevel = runCli(['check', '--rule', 'schema=loud', 'examples']);
    assert.equal(badLevel.status, 2);
    assert.match(badLevel.stderr, /unknown level "loud"/);
    const badFormat = runCli(['check', '--format', 'xml', 'examples']);
    assert.equal(badFormat.status, 2);
    const noPath = runCli(['check']);
    assert.equal(noPath.status, 2);
    assert.match(noPath.stderr, /missing required argument 'paths'/);
    const unknownCommand = runCli(['lint', 'examples']);
    assert.equal(unknownCommand.status, 2);
  });

  it('--help explains the commands, formats, rules and exit statuses', () => {
    const top = runCli(['--help']);
    assert.equal(top.status, 0);
    assert.match(top.stdout, /check \[options\] <paths\.\.\.>/);
    const check = runCli(['check', '--help']);
    assert.equal(check.status, 0);
    for (const word of ['text', 'json', 'sarif', '--rule', 'unreachable-step', 'Exit status']) {
      assert.ok(check.stdout.includes(word), `check --help mentions ${word}`);
    }
  });

  it('sarif: valid SARIF 2.1.0 with every rule listed and info as note', () => {
    const result = runCli([
      'check',
      '--format',
      'sarif',
      '--rule',
      'unused-reference=info',
      '--rule',
      'missing-otherwise=off',
      FLAWED,
    ]);
    assert.equal(result.status, 1);
    const log = JSON.parse(result.stdout) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string; defaultConfiguration: { enabled: boolean } }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[];
        }[];
      }[];
    };
    assertValidSarif(log);

    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    const ids = run?.tool.driver.rules.map((r) => r.id) ?? [];
    for (const code of ['yaml-syntax', 'schema', 'unused-reference', 'missing-otherwise']) {
      assert.ok(ids.includes(code), `${code} listed`);
    }
    assert.equal(
      run?.tool.driver.rules.find((r) => r.id === 'missing-otherwise')?.defaultConfiguration
        .enabled,
      false,
    );
    const unused = run?.results.find((r) => r.ruleId === 'unused-reference');
    assert.equal(unused?.level, 'note');
    const discordant = run?.results.find((r) => r.ruleId === 'discordant-recommendation');
    assert.deepEqual(discordant?.locations[0]?.physicalLocation.region.startLine, 83);
    assert.deepEqual(discordant?.locations[0]?.physicalLocation.region.startColumn, 15);
  });
});

describe('YAML that is not a pathway (the CLI as a child process)', function () {
  this.timeout(120_000);
  const CLEAN = 'examples/brlp-manipulation.pathway.yaml';
  const cases: { name: string; text: string; why: RegExp }[] = [
    { name: 'list', text: '- a\n- b\n', why: /it holds a list, and a pathway is a set of fields/ },
    {
      name: 'text',
      text: 'just some words\n',
      why: /it holds a single value, and a pathway is a set of fields/,
    },
    { name: 'empty', text: '', why: /it is empty, and a pathway needs at least pathway, id/ },
    { name: 'comments', text: '# nothing here\n', why: /it is empty/ },
    {
      name: 'compose',
      text: 'services:\n  web:\n    image: nginx\n',
      why: /it holds none of a pathway's fields \(pathway, id, title, version, start, steps, …\)/,
    },
  ];

  it('diff: exit 2 with the reason, never "unchanged", whichever side it is on', () => {
    const dir = tempDir();
    for (const { name, text, why } of cases) {
      const file = path.join(dir, `${name}.yaml`);
      fs.writeFileSync(file, text);
      for (const args of [
        [file, file],
        [file, CLEAN],
        [CLEAN, file],
      ]) {
        const result = runCli(['diff', ...args]);
        const shown = `diff ${args.join(' ')}`;
        assert.equal(result.status, 2, `${shown}: ${result.stdout}`);
        assert.equal(result.stdout, '', shown);
        assert.match(result.stderr, /cannot be read as a pathway: /, shown);
        assert.match(result.stderr, why, shown);
      }
    }
    // A pathway with mistakes is still a pathway: its logic is compared.
    const flawed = runCli(['diff', FLAWED, FLAWED]);
    assert.equal(flawed.status, 0, flawed.stderr);
  });

  it('render and export refuse it (exit 1); report lists what was found (exit 1)', () => {
    const dir = tempDir();
    for (const { name, text, why } of cases) {
      const file = path.join(dir, `${name}.yaml`);
      fs.writeFileSync(file, text);
      const render = runCli(['render', file]);
      assert.equal(render.status, 1, name);
      assert.equal(render.stdout, '', name);
      assert.match(render.stderr, /^pathway: cannot draw ".*": /, name);
      assert.match(render.stderr, why, name);
      const fhir = runCli(['export', '--fhir', file]);
      assert.equal(fhir.status, 1, name);
      assert.equal(fhir.stdout, '', name);
      assert.match(fhir.stderr, /^pathway: cannot export ".*": /, name);
      assert.match(fhir.stderr, why, name);
      const report = runCli(['report', file]);
      assert.equal(report.status, 1, name);
      assert.match(
        report.stderr,
        /cannot be read as a pathway: .*; the report lists what was found/,
      );
      assert.match(report.stdout, /^# /, `${name}: the report is written`);
    }
  });
});

describe('pathway check and "# pathway-disable" comments', () => {
  const NEXT_LINE = 'test/fixtures/suppression/next-line-comment.pathway.yaml';
  const FILE_WIDE = 'test/fixtures/suppression/file-wide-comment.pathway.yaml';
  const IN_DETAIL = 'test/fixtures/suppression/directive-in-detail-block.pathway.yaml';

  it('text: what comments silence is counted in the summary, and does not fail the run', () => {
    const result = runCli(['check', FILE_WIDE, NEXT_LINE]);
    assert.equal(result.status, 0, result.stdout);
    const lines = result.stdout.trim().split('\n');
    assert.match(
      lines[0] ?? '',
      /next-line-comment\.pathway\.yaml:14:3: warning unreachable-step:/,
    );
    assert.equal(lines.at(-1), '2 files checked: 0 errors, 1 warning, 0 infos, 3 suppressed');
    assert.equal(lines.length, 2);
  });

  it('the words in a detail block silence nothing: the errors are printed and the run fails', () => {
    const result = runCli(['check', IN_DETAIL]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /:25:16: error unknown-step:/);
    assert.match(result.stdout, /\n1 file checked: 1 error, 1 warning, 0 infos\n$/);
  });

  it('--no-inline-config reports every finding, as if there were no comments', () => {
    const result = runCli(['check', '--no-inline-config', FILE_WIDE, NEXT_LINE]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /file-wide-comment\.pathway\.yaml:11:11: error unknown-step:/);
    assert.match(result.stdout, /next-line-comment\.pathway\.yaml:13:11: error unknown-step:/);
    assert.equal(
      result.stdout.trim().split('\n').at(-1),
      '2 files checked: 2 errors, 2 warnings, 0 infos',
    );
    const help = runCli(['check', '--help']);
    assert.match(help.stdout, /--no-inline-config/);
  });

  it('json: each file lists what was silenced, and the summary counts it', () => {
    const result = runCli(['check', '--format', 'json', NEXT_LINE]);
    assert.equal(result.status, 0);
    const output = JSON.parse(result.stdout) as JsonOutput;
    const file = output.files[0];
    assert.deepEqual(
      file?.diagnostics.map((d) => d.code),
      ['unreachable-step'],
    );
    assert.deepEqual(
      file?.suppressed.map((d) => `${d.severity} ${d.code}`),
      ['error unknown-step'],
    );
    assert.deepEqual(output.summary, {
      files: 1,
      errors: 0,
      warnings: 1,
      infos: 0,
      suppressed: 1,
    });
    const ignoring = JSON.parse(
      runCli(['check', '--format', 'json', '--no-inline-config', NEXT_LINE]).stdout,
    ) as JsonOutput;
    assert.deepEqual(ignoring.files[0]?.suppressed, []);
    assert.equal(ignoring.summary.errors, 1);
  });

  it('sarif: silenced findings are results marked as suppressed in the source', () => {
    const result = runCli(['check', '--format', 'sarif', FILE_WIDE, NEXT_LINE]);
    assert.equal(result.status, 0);
    const log = JSON.parse(result.stdout) as {
      runs: {
        results: {
          ruleId: string;
          suppressions?: { kind: string }[];
          locations: {
            physicalLocation: {
              artifactLocation: { uri: string };
              region: { startLine: number };
            };
          }[];
        }[];
      }[];
    };
    assertValidSarif(log);
    const results = log.runs[0]?.results ?? [];
    const where = (r: (typeof results)[number]) =>
      `${path.basename(r.locations[0]?.physicalLocation.artifactLocation.uri ?? '')}:${r.locations[0]?.physicalLocation.region.startLine} ${r.ruleId} ${JSON.stringify(r.suppressions ?? null)}`;
    assert.deepEqual(results.map(where), [
      'file-wide-comment.pathway.yaml:11 unknown-step [{"kind":"inSource"}]',
      'file-wide-comment.pathway.yaml:12 unreachable-step [{"kind":"inSource"}]',
      'next-line-comment.pathway.yaml:14 unreachable-step null',
      'next-line-comment.pathway.yaml:13 unknown-step [{"kind":"inSource"}]',
    ]);
    const ignoring = JSON.parse(
      runCli(['check', '--format', 'sarif', '--no-inline-config', FILE_WIDE]).stdout,
    ) as typeof log;
    assert.ok(ignoring.runs[0]?.results.every((r) => r.suppressions === undefined));
  });
});
