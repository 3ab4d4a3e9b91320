// pathway check on files that use other pathway files: one file reads what it uses and
// reports its own findings only; a folder's findings each land in the file they belong to.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { FIXTURES_FILES } from '../support/paths';

interface JsonOutput {
  files: { file: string; diagnostics: { code: string; range: { start: { line: number } } }[] }[];
}

interface SarifOutput {
  runs: {
    results: {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
  }[];
}

describe('pathway check of files that use other pathways (the CLI as a child process)', function () {
  this.timeout(120_000);
  const STAY = path.join(FIXTURES_FILES, 'sub-pathway--findings-stay-in-used-file');

  it("one file: the used pathway is read, and only the file's own findings are reported", () => {
    // The screen it uses has two warnings of its own: none is repeated here.
    const clean = runCli(['check', 'acute-lbp.pathway.yaml'], STAY);
    assert.equal(clean.status, 0, clean.stdout);
    assert.equal(clean.stdout, '1 file checked: 0 errors, 0 warnings, 0 infos\n');

    // An ends key is judged against the used pathway's ends: only a file read can tell.
    const folder = path.join(FIXTURES_FILES, 'unknown-step--ends-key-not-an-end');
    const result = runCli(['check', '--format', 'json', 'acute-lbp.pathway.yaml'], folder);
    assert.equal(result.status, 1, result.stderr);
    const output = JSON.parse(result.stdout) as JsonOutput;
    assert.deepEqual(
      output.files.map((f) => [f.file, f.diagnostics.map((d) => [d.code, d.range.start.line + 1])]),
      [
        [
          'acute-lbp.pathway.yaml',
          [
            ['unknown-step', 18],
            ['unreachable-step', 23],
          ],
        ],
      ],
    );
  });

  it('the used file checked on its own reports its findings in itself', () => {
    const result = runCli(['check', 'screens/red-flags.pathway.yaml'], STAY);
    assert.equal(result.status, 0, result.stdout);
    assert.match(
      result.stdout,
      /^screens\/red-flags\.pathway\.yaml:12:3: warning missing-otherwise: /m,
    );
    assert.match(
      result.stdout,
      /^screens\/red-flags\.pathway\.yaml:32:3: warning unused-reference: /m,
    );
  });

  it('a folder in JSON: each finding under the file it belongs to, once', () => {
    const result = runCli(['check', '--format', 'json', '.'], STAY);
    assert.equal(result.status, 0, result.stderr);
    const output = JSON.parse(result.stdout) as JsonOutput;
    assert.deepEqual(
      output.files.map((f) => [f.file, f.diagnostics.map((d) => d.code)]),
      [
        ['acute-lbp.pathway.yaml', []],
        ['sciatica.pathway.yaml', []],
        ['screens/red-flags.pathway.yaml', ['missing-otherwise', 'unused-reference']],
      ],
    );
  });

  it('a folder in SARIF: each result located in the file it belongs to, once', () => {
    const result = runCli(['check', '--format', 'sarif', '.'], STAY);
    assert.equal(result.status, 0, result.stderr);
    const output = JSON.parse(result.stdout) as SarifOutput;
    assert.deepEqual(
      output.runs[0]?.results.map((r) => [
        r.ruleId,
        r.locations[0]?.physicalLocation.artifactLocation.uri,
      ]),
      [
        ['missing-otherwise', 'screens/red-flags.pathway.yaml'],
        ['unused-reference', 'screens/red-flags.pathway.yaml'],
      ],
    );
  });
});
