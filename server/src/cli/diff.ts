// `pathway diff`: compares two versions of a pathway (files, or `REV:path` read from git, each
// with the pathways it uses as they are in that version) and says what changed in its logic.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analysis } from '../core/analysis';
import { SharedFiles } from '../core/files/provider';
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
import { runFiles } from './diskFiles';
import { decodeText, printable, readText, whyNotAPathway } from './files';
import { runGit, type GitAnswer } from './git';
import { MAX_GIT_ROUNDS, RevisionFiles } from './revisionFiles';
import { writeOutput } from './output';

export type DiffFormat = 'text' | 'md' | 'json';

type Version = { readonly analysis: Analysis } | { readonly problem: string };

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
 * A blob at `spec` (REV:path) in the git repository of the current folder, never more than
 * `limit` bytes. `--end-of-options` keeps git from taking anything the user wrote as an
 * option, even if the checks above missed one.
 */
function gitBlob(spec: string, limit: number): Promise<GitAnswer> {
  return runGit(process.cwd(), ['cat-file', 'blob', '--end-of-options', spec], limit);
}

/** Why a blob could not be read, in the words the command prints. */
function gitProblem(
  spec: string,
  answer: Extract<GitAnswer, { ok: false }>,
  limit: number,
): string {
  if (answer.tooLarge)
    return `"${printable(spec)}" is too large to compare: it is more than ${formatSize(limit)} (see --max-file-size)`;
  if (answer.missing) return `cannot read "${printable(spec)}" from git: git is not installed`;
  return `cannot read "${printable(spec)}" from git${answer.why ? `: ${printable(answer.why)}` : ''}`;
}

/**
 * The path of `file` (of REV:file) from the root, the current folder: git reads a path that
 * starts with "./" or "../" from the current folder, any other from the repository's top.
 * Undefined when it lies outside the current folder.
 */
async function rootPathOf(file: string): Promise<string | undefined> {
  let fromRoot: string;
  if (/^\.\.?\//.test(file)) fromRoot = path.posix.normalize(file);
  else {
    const prefix = await runGit(process.cwd(), ['rev-parse', '--show-prefix']);
    const top = prefix.ok ? prefix.stdout.toString('utf8').trim() : '';
    fromRoot = path.posix.relative(top || '.', file);
  }
  return fromRoot === '' ||
    fromRoot === '..' ||
    fromRoot.startsWith('../') ||
    path.posix.isAbsolute(fromRoot)
    ? undefined
    : fromRoot;
}

/**
 * `REV:path` read from git and analysed with the files it names as they are at REV (read
 * in rounds: each round reads what the analysis asked for, until it asks for nothing new).
 */
async function readFromGit(
  spec: string,
  revision: string,
  file: string,
  options: CheckOptions,
): Promise<Version> {
  const limit = maxFileSizeOf(options);
  const answer = await gitBlob(`${revision}:${file}`, limit);
  if (!answer.ok) return { problem: gitProblem(spec, answer, limit) };
  const read = decodeText(spec, answer.stdout);
  for (const note of read.notes) process.stderr.write(`pathway: ${note}\n`);
  const files = new RevisionFiles(revision, limit);
  const context = { path: await rootPathOf(file) };
  let analysis = analyze(read.text, options, {
    files: { ...context, files: new SharedFiles(files) },
  });
  for (let round = 0; round < MAX_GIT_ROUNDS && (await files.fetchAsked()); round++)
    analysis = analyze(read.text, options, {
      files: { ...context, files: new SharedFiles(files) },
    });
  return { analysis };
}

/** A file (with the files it names, from the current folder), or `REV:path` read from git. */
async function readVersion(spec: string, options: CheckOptions): Promise<Version> {
  if (fs.existsSync(spec)) {
    const limit = maxFileSizeOf(options);
    const read = readText(spec, limit);
    if ('tooLarge' in read) {
      return {
        problem: `"${printable(spec)}" is too large to compare: it is ${formatSize(read.tooLarge)}, more than ${formatSize(limit)} (see --max-file-size)`,
      };
    }
    if ('problem' in read) return read;
    for (const note of read.notes) process.stderr.write(`pathway: ${note}\n`);
    const files = runFiles(options);
    const analysis = analyze(read.text, options, { files: files.contextOf(spec) });
    for (const note of files.takeNotes()) process.stderr.write(`pathway: ${note}\n`);
    return { analysis };
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
  return readFromGit(spec, revision, match[2] ?? '', options);
}

/** `pathway diff`: exit 0 when the logic is unchanged, 1 when it changed, 2 on bad input. */
export async function runDiff(
  before: string,
  after: string,
  format: DiffFormat,
  display: DiffFormatOptions = {},
  options: CheckOptions = {},
): Promise<number> {
  const versions = [await readVersion(before, options), await readVersion(after, options)];
  let failed = false;
  for (const read of versions) {
    if ('problem' in read) {
      process.stderr.write(`pathway: ${read.problem}\n`);
      failed = true;
    }
  }
  const [a, b] = versions;
  if (failed || !a || !b || 'problem' in a || 'problem' in b) return 2;
  const old = a.analysis;
  const now = b.analysis;
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
