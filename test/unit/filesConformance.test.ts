import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { FIXTURES_FILES } from '../support/paths';

/**
 * Cases about sub-pathways (the `pathway` step kind, `use`, `ends`, inputs, reach and
 * scenarios across files), which `pathway check` does not judge yet: each is skipped, for the
 * reason given, until it does.
 */
const SUB_PATHWAYS = 'sub-pathways (`use`) are not checked yet';
const SKIPPED: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'circular-pathway--entered-from-outside',
    'circular-pathway--self',
    'circular-pathway--three-files',
    'circular-pathway--two-files',
    'input-mismatch--choice-values',
    'input-mismatch--type',
    'input-not-recorded--route-around-sub-pathway',
    'input-not-recorded--satisfied-by-sub-pathway',
    'inputs-across-files--bounds-and-units-differ',
    'inputs-across-files--choice-values-other-order',
    'invalid-fact--used-pathway-input',
    'paths--leaves-root',
    'paths--parent-inside-root',
    'reach--covered-through-ends-routing',
    'reach--impossible-after-ends-routing',
    'reach--used-branch-impossible-for-this-caller-only',
    'scenario-failed--end-through-sub-pathway',
    'scenario-stuck--inside-sub-pathway',
    'scenarios--choose-inside-sub-pathway',
    'scenarios--crossing-broken-use',
    'scenarios--fact-list-across-files',
    'scenarios--through-sub-pathway',
    'scenarios--two-calls-deep',
    'schema--pathway-step-missing-next',
    'schema--pathway-step-missing-use',
    'schema--pathway-step-unknown-field',
    'sub-pathway--ends-to-emergency',
    'sub-pathway--findings-stay-in-used-file',
    'sub-pathway--next-only',
    'uncovered-patients--end-not-routed',
    'unknown-file--use-does-not-parse',
    'unknown-file--use-missing-file',
    'unknown-file--use-no-valid-start',
    'unknown-file--use-not-a-pathway-file',
    'unknown-input--fact-in-no-file',
    'unknown-step--ends-key-not-an-end',
    'unknown-step--ends-key-typo',
    'unknown-step--ends-value',
    'unknown-step--passes-inside-step',
    'unused-input--tested-only-by-used-pathway',
  ].map((name) => [name, SUB_PATHWAYS]),
);

interface JsonReport {
  files: {
    file: string;
    diagnostics: {
      code: string;
      severity: string;
      range: {
        start: { line: number; character: number };
        end: { line: number; character: number };
      };
    }[];
  }[];
}

/** `pathway check --format json` findings as expected.txt writes them (see the folder's README). */
function asExpectedLines(report: JsonReport): string[] {
  const lines: { file: string; line: number; character: number; code: string; text: string }[] = [];
  for (const { file, diagnostics } of report.files) {
    const name = file.split(path.sep).join('/');
    for (const { code, severity, range } of diagnostics) {
      const { start, end } = range;
      lines.push({
        file: name,
        line: start.line,
        character: start.character,
        code,
        text: `${name}:${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${severity} ${code}`,
      });
    }
  }
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  lines.sort(
    (a, b) =>
      order(a.file, b.file) ||
      a.line - b.line ||
      a.character - b.character ||
      order(a.code, b.code),
  );
  return lines.map((line) => line.text);
}

/**
 * Each case folder of test/fixtures-files checked as a user would, with `pathway check .` run
 * inside it (the folder is the root): every finding in every file, exactly as expected.txt
 * lists them.
 */
describe('pathway files together: the conformance cases', () => {
  const cases = fs
    .readdirSync(FIXTURES_FILES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  it('skips only cases that exist', () => {
    assert.deepEqual(
      Object.keys(SKIPPED).filter((name) => !cases.includes(name)),
      [],
    );
  });

  for (const name of cases) {
    const reason = SKIPPED[name];
    if (reason !== undefined) {
      it.skip(`${name} (${reason})`, () => undefined);
      continue;
    }
    it(name, () => {
      const folder = path.join(FIXTURES_FILES, name);
      const expected = fs
        .readFileSync(path.join(folder, 'expected.txt'), 'utf8')
        .split('\n')
        .filter((line) => line !== '');
      const result = runCli(['check', '--format', 'json', '.'], folder);
      assert.ok(result.status === 0 || result.status === 1, result.stderr);
      const actual = asExpectedLines(JSON.parse(result.stdout) as JsonReport);
      assert.deepEqual(actual, expected);
      const hasError = expected.some((line) => / error /.test(line));
      assert.equal(result.status, hasError ? 1 : 0, 'the exit status follows the errors');
    });
  }
});
