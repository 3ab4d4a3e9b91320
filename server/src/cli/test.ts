// `pathway test`: runs every scenario of the pathway files named or found under a folder and
// prints one line per scenario, the coverage of branches and ends when asked, as text, JSON or
// JUnit XML (which CI systems show as test results).
import { coveredShare, escapeXml, routeWords, type CheckOptions, type Coverage } from '../core';
import { collectFiles, printable } from './files';
import { writeOutput } from './output';
import { runFiles, type PoolSettings } from './pool';
import type { FileTests } from './testResults';

export type TestFormat = 'text' | 'json' | 'junit';

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function counts(files: readonly FileTests[]): {
  scenarios: number;
  passed: number;
  failed: number;
  stuck: number;
} {
  const all = files.flatMap((f) => f.results);
  return {
    scenarios: all.length,
    passed: all.filter((r) => r.status === 'passed').length,
    failed: all.filter((r) => r.status === 'failed').length,
    stuck: all.filter((r) => r.status === 'stuck').length,
  };
}

function percent(coverage: Coverage): string {
  const { covered, total } = coveredShare(coverage);
  const share = total === 0 ? 100 : Math.floor((covered / total) * 100);
  return `${covered} of ${total} branches and ends taken (${share}%)`;
}

function coverageText(coverage: Coverage): string[] {
  const lines = [`  coverage: ${percent(coverage)}`];
  let decision: string | undefined;
  for (const way of coverage.branches) {
    if (way.decision !== decision) {
      decision = way.decision;
      lines.push(`    decision "${way.decision}"`);
    }
    const name = way.branch === 'otherwise' ? 'otherwise' : `branch ${way.branch}`;
    lines.push(
      `      ${way.scenarios === 0 ? '·' : '✓'} ${name} → "${way.next ?? '?'}": ${plural(way.scenarios, 'scenario')}`,
    );
  }
  if (coverage.ends.length > 0) {
    lines.push('    ends');
    for (const end of coverage.ends)
      lines.push(
        `      ${end.scenarios === 0 ? '·' : '✓'} "${end.step}": ${plural(end.scenarios, 'scenario')}`,
      );
  }
  return lines;
}

function formatText(files: readonly FileTests[], withCoverage: boolean): string {
  const out: string[] = [];
  for (const file of files) {
    if (file.results.length === 0 && file.notRun.length === 0 && !withCoverage) continue;
    out.push(printable(file.file));
    for (const result of file.results) {
      const title = result.title ? ` — ${result.title}` : '';
      if (result.status === 'passed') out.push(`  ✓ ${result.id}${title}`);
      else
        out.push(
          `  ${result.status === 'failed' ? '✗' : '!'} ${result.id} (line ${result.line}, ${result.status}): ${result.message}`,
        );
    }
    for (const skipped of file.notRun) out.push(`  - ${skipped.id}: not run: ${skipped.reason}`);
    if (file.results.length === 0 && file.notRun.length === 0) out.push('  no scenarios');
    if (withCoverage) out.push(...coverageText(file.coverage));
  }
  const total = counts(files);
  out.push(
    `${plural(total.scenarios, 'scenario')}: ${total.passed} passed, ${total.failed} failed, ${total.stuck} stuck`,
  );
  return `${out.join('\n')}\n`;
}

function formatJson(files: readonly FileTests[], withCoverage: boolean): string {
  const total = counts(files);
  return `${JSON.stringify(
    {
      files: files.map((file) => ({
        file: file.file,
        scenarios: [
          ...file.results.map(({ id, status, route, message }) => ({
            id,
            status,
            route,
            message,
          })),
          // Listed too, so that a scenario never silently drops out of a report.
          ...file.notRun.map(({ id, reason }) => ({
            id,
            status: 'not-run',
            route: [],
            message: `not run: ${reason}`,
          })),
        ],
        ...(withCoverage
          ? {
              coverage: {
                branches: file.coverage.branches.map((b) => ({
                  decision: b.decision,
                  branch: b.branch,
                  next: b.next ?? null,
                  scenarios: b.scenarios,
                })),
                ends: file.coverage.ends,
              },
            }
          : {}),
      })),
      summary: total,
    },
    null,
    2,
  )}\n`;
}

function formatJunit(files: readonly FileTests[]): string {
  const total = counts(files);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pathway test" tests="${total.scenarios}" failures="${total.failed}" errors="${total.stuck}">`,
  ];
  for (const file of files) {
    const failed = file.results.filter((r) => r.status === 'failed').length;
    const stuck = file.results.filter((r) => r.status === 'stuck').length;
    const name = escapeXml(printable(file.file));
    out.push(
      `  <testsuite name="${name}" tests="${file.results.length}" failures="${failed}" errors="${stuck}" skipped="${file.notRun.length}">`,
    );
    for (const result of file.results) {
      const open = `    <testcase name="${escapeXml(result.id)}" classname="${name}" file="${name}" line="${result.line}"`;
      if (result.status === 'passed') {
        out.push(`${open}/>`);
        continue;
      }
      const tag = result.status === 'failed' ? 'failure' : 'error';
      out.push(
        `${open}>`,
        `      <${tag} message="${escapeXml(result.message)}" type="scenario-${result.status}">${escapeXml(`Route: ${routeWords(result.route, 1_000_000)}`)}</${tag}>`,
        '    </testcase>',
      );
    }
    for (const skipped of file.notRun)
      out.push(
        `    <testcase name="${escapeXml(skipped.id)}" classname="${name}" file="${name}">`,
        `      <skipped message="${escapeXml(`not run: ${skipped.reason}`)}"/>`,
        '    </testcase>',
      );
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/**
 * `pathway test`: returns the exit status (0 every scenario passed, 1 one failed or is stuck
 * or an error-level finding, 2 unreadable paths or output that cannot be written).
 */
export async function runTest(
  paths: readonly string[],
  format: TestFormat,
  withCoverage: boolean,
  options: CheckOptions,
  pool: PoolSettings,
): Promise<number> {
  const { files, problems, notes } = collectFiles(paths);
  const tested: FileTests[] = [];
  const outcomes = await runFiles('test', files, options, pool);
  outcomes.forEach((outcome, index) => {
    const file = files[index] as string;
    if ('failure' in outcome) {
      problems.push(`cannot test "${printable(file)}": ${outcome.failure}`);
      return;
    }
    const read = outcome.result;
    if ('problem' in read) {
      problems.push(read.problem);
      return;
    }
    const { notes: decoding, ...scenarios } = read;
    notes.push(...decoding);
    tested.push({ file, ...scenarios });
  });
  for (const note of notes) process.stderr.write(`pathway: ${note}\n`);
  for (const problem of problems) process.stderr.write(`pathway: ${problem}\n`);
  if (files.length === 0 && problems.length === 0)
    process.stderr.write(
      `pathway: no pathway files (*.pathway.yaml, *.pathway.yml) found in ${paths.map(printable).join(', ')}\n`,
    );
  const errors = tested.filter((f) => f.hasErrors).length;
  if (errors > 0 && format === 'text')
    process.stderr.write(
      `pathway: ${plural(errors, 'file has', 'files have')} error-level findings: run pathway check to see them\n`,
    );

  const output =
    format === 'json'
      ? formatJson(tested, withCoverage)
      : format === 'junit'
        ? formatJunit(tested)
        : formatText(tested, withCoverage);
  const written = await writeOutput(undefined, output, files);
  if (written !== 0) return written;
  if (problems.length > 0) return 2;
  const total = counts(tested);
  return total.failed > 0 || total.stuck > 0 || errors > 0 ? 1 : 0;
}
