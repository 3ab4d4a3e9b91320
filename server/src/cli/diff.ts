import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import {
  analyze,
  diffJson,
  diffMarkdown,
  diffPathways,
  diffText,
  formatSize,
  maxFileSizeOf,
  type CheckOptions,
} from '../core';
import { printable, readText } from './files';

export type DiffFormat = 'text' | 'md' | 'json';

/** A file, or `REV:path` read from the git repository of the current folder. */
function readVersion(spec: string, limit: number): { text: string } | { problem: string } {
  if (fs.existsSync(spec)) {
    const read = readText(spec, limit);
    if ('tooLarge' in read) {
      return {
        problem: `"${printable(spec)}" is too large to compare: it is ${formatSize(read.tooLarge)}, more than ${formatSize(limit)} (see --max-file-size)`,
      };
    }
    if ('problem' in read) return read;
    for (const note of read.notes) process.stderr.write(`pathway: ${note}\n`);
    return read;
  }
  const match = /^([^:]+):(.+)$/.exec(spec);
  if (!match)
    return {
      problem: `"${printable(spec)}" does not exist (give a file, or REV:path for a git revision)`,
    };
  try {
    const text = execFileSync('git', ['show', `${match[1] ?? ''}:${match[2] ?? ''}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return { text };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return {
      problem: `cannot read "${printable(spec)}" from git${stderr ? `: ${printable(stderr)}` : ''}`,
    };
  }
}

/** `pathway diff`: exit 0 when the logic is unchanged, 1 when it changed, 2 on bad input. */
export function runDiff(
  before: string,
  after: string,
  format: DiffFormat,
  options: CheckOptions = {},
): number {
  const limit = maxFileSizeOf(options);
  const texts = [readVersion(before, limit), readVersion(after, limit)];
  let failed = false;
  for (const read of texts) {
    if ('problem' in read) {
      process.stderr.write(`pathway: ${read.problem}\n`);
      failed = true;
    }
  }
  const [a, b] = texts;
  if (failed || !a || !b || 'problem' in a || 'problem' in b) return 2;
  const old = analyze(a.text, options);
  const now = analyze(b.text, options);
  for (const [spec, analysis] of [
    [before, old],
    [after, now],
  ] as const) {
    if (!analysis.model) {
      process.stderr.write(
        `pathway: "${printable(spec)}" cannot be read as a pathway; run "pathway check" on it\n`,
      );
      return 2;
    }
  }
  const diff = diffPathways(old, now);
  const output =
    format === 'json'
      ? diffJson(diff, before, after)
      : format === 'md'
        ? diffMarkdown(diff, before, after)
        : diffText(diff);
  process.stdout.write(output);
  return diff.unchanged ? 0 : 1;
}
