import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { FIXTURES_FILES } from '../support/paths';

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

  for (const name of cases) {
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

interface JsonTestReport {
  files: {
    file: string;
    scenarios: { id: string; status: string; route?: string[] }[];
  }[];
}

/**
 * The scenario cases run as a user would, with `pathway test .` inside the folder: each
 * scenario's outcome, and its route where expected-test.txt gives one.
 */
describe('pathway files together: scenarios through sub-pathways', () => {
  const cases = fs
    .readdirSync(FIXTURES_FILES, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() &&
        fs.existsSync(path.join(FIXTURES_FILES, entry.name, 'expected-test.txt')),
    )
    .map((entry) => entry.name)
    .sort();

  it('has scenario cases', () => {
    assert.ok(cases.length >= 5, cases.join(', '));
  });

  for (const name of cases) {
    it(name, () => {
      const folder = path.join(FIXTURES_FILES, name);
      const expected = fs
        .readFileSync(path.join(folder, 'expected-test.txt'), 'utf8')
        .split('\n')
        .filter((line) => line !== '');
      const result = runCli(['test', '--format', 'json', '.'], folder);
      assert.ok(result.status === 0 || result.status === 1, result.stderr);
      const report = JSON.parse(result.stdout) as JsonTestReport;
      const outcomes = new Map<string, { status: string; route: string }>();
      for (const { file, scenarios } of report.files) {
        for (const { id, status, route } of scenarios) {
          const key = `${file.split(path.sep).join('/')} ${id}`;
          outcomes.set(key, { status, route: `ROUTE: ${(route ?? []).join(', ')}` });
        }
      }
      // Each scenario line, followed by its route when the case gives one.
      const actual: string[] = [];
      const wanted: string[] = [];
      for (const [i, line] of expected.entries()) {
        if (line.startsWith('ROUTE: ')) continue;
        const [file = '', id = '', status = ''] = line.split(' ');
        const outcome = outcomes.get(`${file} ${id}`);
        wanted.push(`${file} ${id} ${status}`);
        actual.push(`${file} ${id} ${outcome?.status ?? 'missing'}`);
        const route = expected[i + 1];
        if (route?.startsWith('ROUTE: ')) {
          wanted.push(route);
          actual.push(outcome?.route ?? 'ROUTE: (none)');
        }
        outcomes.delete(`${file} ${id}`);
      }
      assert.deepEqual(actual, wanted);
      assert.deepEqual([...outcomes.keys()], [], 'every scenario run is listed');
    });
  }
});
