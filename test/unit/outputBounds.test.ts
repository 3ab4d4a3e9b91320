import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  analyze,
  analyzeWhole,
  buildAuditReport,
  IncrementalAnalyzer,
} from '../../server/src/core';
import { runCli } from '../support/cli';

/**
 * What a file can make the checker write is bounded by the file: aliases repeat at most as
 * much text as one file may hold (the size limit), and the audit report's list of paths,
 * which repeats titles on every path, stops at two million characters. So `pathway
 * render`, `report` and `export` never build hundreds of megabytes from a small file, nor
 * fail with "Invalid string length".
 */
const MB = 1024 * 1024;
const HEAD = 'pathway: 1\nid: bounds\ntitle: Bounds\nversion: "1"\n';

/** `uses` steps whose titles are aliases of one anchored title of `size` characters. */
function aliasedTitles(size: number, uses: number): string {
  const steps = [`  s0:\n    kind: action\n    title: &long ${'x'.repeat(size)}\n    next: s1\n`];
  for (let i = 1; i <= uses; i++) {
    steps.push(`  s${i}:\n    kind: action\n    title: *long\n    next: s${i + 1}\n`);
  }
  steps.push(`  s${uses + 1}:\n    kind: end\n    title: End\n`);
  return `${HEAD}start: s0\nsteps:\n${steps.join('')}`;
}

/** The line (from 0) of the alias used by step `s<n>`. */
function aliasLine(text: string, n: number): number {
  return text.slice(0, text.indexOf(`  s${n}:\n`)).split('\n').length - 1 + 2;
}

/** Decisions in a row, each leading on by two answers: 2^n paths, each naming every one. */
function manyPaths(decisions: number, titleSize: number): string {
  const steps: string[] = [];
  for (let i = 1; i <= decisions; i++) {
    const next = i < decisions ? `d${i + 1}` : 'e';
    steps.push(
      `  d${i}:\n    kind: decision\n    title: ${`Decision ${i} `.padEnd(titleSize, 'y')}\n    branches:\n      - when: Yes\n        next: ${next}\n      - when: No\n        next: ${next}\n    otherwise: ${next}\n`,
    );
  }
  steps.push('  e:\n    kind: end\n    title: End\n    outcome: Done\n');
  return `${HEAD}start: d1\nsteps:\n${steps.join('')}`;
}

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-bounds-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('output bounds', function () {
  this.timeout(120_000);

  describe('aliases repeat at most as much text as a file may hold', () => {
    it('100 aliases of a 1 MB title: one yaml-syntax error at the alias that goes over', () => {
      const text = aliasedTitles(MB, 100);
      for (const analysis of [analyzeWhole(text), analyze(text)]) {
        assert.deepEqual(
          analysis.findings.map((f) => f.code),
          ['yaml-syntax'],
        );
        const [finding] = analysis.findings;
        assert.match(
          finding?.message ?? '',
          /Aliases here repeat more than 10 MB of text, more than a whole pathway file may hold; write the values out instead\./,
        );
        // Ten aliases of 1 MB fill the 10 MB; the eleventh goes over.
        assert.equal(finding?.range.start.line, aliasLine(text, 11));
        assert.equal(analysis.model, undefined);
      }
    });

    it('the budget is the size limit; within it, aliases are expanded as written', () => {
      const text = aliasedTitles(MB, 5);
      const within = analyzeWhole(text);
      assert.deepEqual(
        within.findings.map((f) => f.code),
        [],
      );
      assert.equal(within.model?.steps.get('s5')?.title?.length, MB);
      // A 2 MB limit (the file is 1 MB): the third alias goes over.
      const lower = analyzeWhole(text, { maxFileSize: 2 * MB });
      assert.deepEqual(
        lower.findings.map((f) => [f.code, f.range.start.line]),
        [['yaml-syntax', aliasLine(text, 3)]],
      );
      assert.match(lower.findings[0]?.message ?? '', /more than 2 MB of text/);
      // The editor's analyzer reads aliases whole, with the same budget.
      assert.deepEqual(
        new IncrementalAnalyzer().analyze(text, { maxFileSize: 2 * MB }).findings,
        lower.findings,
      );
    });

    it('pathway render, report and export refuse the file in words, writing nothing huge', () => {
      const file = tempFile('aliases.pathway.yaml', aliasedTitles(MB, 100));
      for (const verb of [['render'], ['render', '--format', 'html'], ['export', '--fhir']]) {
        const result = runCli([...verb, file]);
        assert.equal(result.status, 1, verb.join(' '));
        assert.equal(result.stdout, '', verb.join(' '));
        assert.match(result.stderr, /Aliases here repeat more than 10 MB of text/, verb.join(' '));
        assert.doesNotMatch(result.stderr, /Invalid string length/);
      }
      for (const format of ['md', 'html']) {
        const report = runCli(['report', '--format', format, file]);
        assert.equal(report.status, 1, format);
        assert.match(report.stdout, /Aliases here repeat more than 10 MB of text/, format);
        assert.ok(report.stdout.length < 100_000, `${format}: ${report.stdout.length} characters`);
      }
    });
  });

  describe('the audit report lists paths up to two million characters of titles', () => {
    it('long decision titles on hundreds of paths: the report says how many it lists', () => {
      // 8 decisions of 200 KB titles, 511 paths: listing 200 of them would repeat 320 MB.
      const text = manyPaths(8, 200_000);
      const analysis = analyzeWhole(text);
      assert.deepEqual(
        analysis.findings.map((f) => f.code),
        [],
      );
      const report = buildAuditReport(analysis, { date: '2025-01-01' });
      assert.equal(report.pathCount.complete, false);
      assert.ok(report.pathCount.counted > 200);
      // Each path names the 8 titles (1.6 MB): the first path fits, the second goes over.
      assert.equal(report.pathCount.listed, 1);

      const file = tempFile('paths.pathway.yaml', text);
      for (const format of ['md', 'html']) {
        const output = path.join(path.dirname(file), `report.${format}`);
        const result = runCli(['report', file, '-o', output]);
        assert.equal(result.status, 0, `${format}: ${result.stderr}`);
        const written = fs.readFileSync(output, 'utf8');
        assert.match(written, /There are \d+ paths; the first 1 are listed\./, format);
        assert.ok(written.length < 5 * text.length, `${format}: ${written.length} characters`);
      }
    });

    it('a real-sized listing is unchanged: 200 paths with short titles', () => {
      const report = buildAuditReport(analyzeWhole(manyPaths(9, 60)), { date: '2025-01-01' });
      assert.equal(report.pathCount.listed, 200);
      assert.equal(
        buildAuditReport(analyzeWhole(manyPaths(9, 60)), { date: '2025-01-01', pathText: 5000 })
          .pathCount.listed,
        8,
      );
    });
  });
});
