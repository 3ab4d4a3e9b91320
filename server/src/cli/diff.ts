// `pathway diff`: compares two versions of a pathway (files, or `REV:path` read from git) and
// says what changed in its logic.
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
  type DiffFormatOptions,
} from '../core';
import { decodeText, printable, readText, whyNotAPathway } from './files';
import { writeOutput } from './output';

export type DiffFormat = 'text' | 'md' | 'json';

type Version = { readonly text: string } | { readonly problem: string };

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x1F\x7F]/;

/**
 * Why `revision` (from REV:path) is not given to git, or undefined when it may be: git
 * would take one starting with "-" as an option (`--output=FILE` makes it write a file),
 * and no revision holds a line break or other control character.
 */
function revisionProblem(spec: string, revision: string): string | undefined {
  const shown = printable(spec);
  if (revision.startsWith('-')) {
    return `"${shown}" does not exist, and "${printable(revision)}" cannot be a git revision: a revision never starts with "-"`;
  }
  if (CONTROL.test(spec)) {
    return `"${shown}" does not exist, and a git revision or path cannot hold a line break or other control character`;
  }
  return undefined;
}

/**
 * `REV:path` read from the git repository of the current folder, as a blob: never more than
 * `limit` bytes, decoded as files are. `--end-of-options` keeps git from taking anything
 * the user wrote as an option, even if the checks above missed one.
 */
function readFromGit(spec: string, revision: string, file: string, limit: number): Version {
  let bytes: Buffer;
  try {
    bytes = execFileSync('git', ['cat-file', 'blob', '--end-of-options', `${revision}:${file}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: limit,
    });
  } catch (error) {
    const { code, stderr } = error as { code?: string; stderr?: Buffer };
    if (code === 'ENOBUFS') {
      return {
        problem: `"${printable(spec)}" is too large to compare: it is more than ${formatSize(limit)} (see --max-file-size)`,
      };
    }
    if (code === 'ENOENT') {
      return { problem: `cannot read "${printable(spec)}" from git: git is not installed` };
    }
    const why = stderr?.toString('utf8').trim().split('\n')[0];
    return {
      problem: `cannot read "${printable(spec)}" from git${why ? `: ${printable(why)}` : ''}`,
    };
  }
  const read = decodeText(spec, bytes);
  for (const note of read.notes) process.stderr.write(`pathway: ${note}\n`);
  return read;
}

/** A file, or `REV:path` read from the git repository of the current folder. */
function readVersion(spec: string, limit: number): Version {
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
  const match = /^([^:]+):(.+)$/s.exec(spec);
  if (!match) {
    return {
      problem: `"${printable(spec)}" does not exist (give a file, or REV:path for a git revision)`,
    };
  }
  const revision = match[1] ?? '';
  const problem = revisionProblem(spec, revision);
  if (problem !== undefined) return { problem };
  return readFromGit(spec, revision, match[2] ?? '', limit);
}

/** `pathway diff`: exit 0 when the logic is unchanged, 1 when it changed, 2 on bad input. */
export async function runDiff(
  before: string,
  after: string,
  format: DiffFormat,
  display: DiffFormatOptions = {},
  options: CheckOptions = {},
): Promise<number> {
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
  // Two things that are not pathways have no recommendation logic to compare: saying it is
  // "unchanged" would pass a review that never happened.
  for (const [spec, analysis] of [
    [before, old],
    [after, now],
  ] as const) {
    const notAPathway = whyNotAPathway(analysis);
    if (notAPathway !== undefined) {
      process.stderr.write(
        `pathway: "${printable(spec)}" cannot be read as a pathway: ${notAPathway}. Run "pathway check" on it.\n`,
      );
      failed = true;
    }
  }
  if (failed) return 2;
  const diff = diffPathways(old, now);
  const output =
    format === 'json'
      ? diffJson(diff, before, after)
      : format === 'md'
        ? diffMarkdown(diff, before, after, display)
        : diffText(diff, display);
  const inputs = [before, after].filter((spec) => fs.existsSync(spec));
  const written = await writeOutput(undefined, output, inputs);
  if (written !== 0) return written;
  return diff.unchanged ? 0 : 1;
}
