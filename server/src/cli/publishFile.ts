// One pathway file made ready for the published site: read once, checked, compared with its
// version at a git revision when asked, and turned into its page, its row in the index and
// the works it cites. Everything in and out is plain data, so that files can be handled in
// any order, or side by side, and the site put together after.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, analyzeTooLarge, maxFileSizeOf, type Analysis, type CheckOptions } from '../core';
import { unpublishedRow, type PathwayRow } from '../core/site/indexPage';
import {
  publishPathway,
  type EarlierVersion,
  type SiteLinks,
  type SiteUser,
} from '../core/site/pathwayPage';
import type { CitedWork } from '../core/site/referencesPage';
import { SharedFiles } from '../core/files/provider';
import { runFiles } from './diskFiles';
import { MAX_GIT_ROUNDS, RevisionFiles } from './revisionFiles';
import { runGit } from './git';
import { decodeText, printable, readText, whyNotAPathway } from './files';

/** The git repository the site is published from, when the current folder is in one. */
export interface GitContext {
  /** The repository's top folder, its real path. */
  readonly root: string;
}

/** One file to publish, and everything needed to do it. */
export interface PublishJob {
  /** The file, as found (a path to read). */
  readonly file: string;
  /** Its path from the published root, with `/` between folders. */
  readonly relative: string;
  /** The published root: the folder the pages name files from. */
  readonly root: string;
  readonly options: CheckOptions;
  readonly git: GitContext | undefined;
  /** With `--since`: the revision (already known to exist) to compare with. */
  readonly since: string | undefined;
  /** Lay out and draw the flowchart into the page (`--static-charts`). */
  readonly staticChart?: boolean;
  /** The site's other pages, for the links of its sub-pathways. */
  readonly links?: SiteLinks;
}

/** What the site needs of one file, as plain data: its page, index row and cited works. */
export interface MadeFile {
  readonly relative: string;
  /** The page; none when the file cannot be read, or not as a pathway (the row says why). */
  readonly page: string | undefined;
  readonly row: PathwayRow;
  readonly works: readonly CitedWork[];
  /** How the file was decoded, and the like: for stderr. */
  readonly notes: readonly string[];
  /** Why the file could not be read: for stderr. */
  readonly problems: readonly string[];
}

/** A path from the published root, with `/` between folders. */
export function fromRoot(root: string, file: string): string {
  return path.relative(root, path.resolve(file)).split(path.sep).join('/');
}

/** A git command's standard output, or undefined when it fails. */
async function git(
  root: string,
  args: readonly string[],
  maxBuffer?: number,
): Promise<Buffer | undefined> {
  const answer = await runGit(root, args, maxBuffer);
  return answer.ok ? answer.stdout : undefined;
}

/** The file's path inside the repository, with `/`, or undefined when it lies outside. */
function inRepository(file: string, context: GitContext): string | undefined {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return undefined;
  }
  const relative = path.relative(context.root, real);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** A date as the site writes it: YYYY-MM-DD, in UTC. */
function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * When the file last changed: the date of the last commit that changed it, when it is
 * committed and has not changed since; else its modification date (UTC).
 */
async function lastChangeOf(file: string, context: GitContext | undefined): Promise<string> {
  const tracked = context && inRepository(file, context);
  if (context && tracked) {
    const status = await git(context.root, ['status', '--porcelain=v1', '-z', '--', tracked]);
    if (status !== undefined && status.length === 0) {
      const log = await git(context.root, ['log', '-1', '--format=%cs', '--', tracked]);
      const date = log?.toString('utf8').trim() ?? '';
      if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
    }
  }
  try {
    return day(fs.statSync(file).mtime);
  } catch {
    return '';
  }
}

/** The pathway as it was at the revision, or why it cannot be compared. */
async function earlierVersion(
  job: PublishJob,
  revision: string,
  notes: string[],
): Promise<EarlierVersion> {
  const context = job.git;
  const tracked = context && inRepository(job.file, context);
  if (!context || !tracked)
    return { kind: 'not-compared', why: 'the file is outside the git repository' };
  const object = `${revision}:${tracked}`;
  const type = await git(context.root, ['cat-file', '-t', '--end-of-options', object]);
  // The revision is known to exist: a path it does not hold is a file added since.
  if (type === undefined) return { kind: 'new' };
  if (type.toString('utf8').trim() !== 'blob')
    return { kind: 'not-compared', why: `"${tracked}" was not a file there` };
  const limit = maxFileSizeOf(job.options);
  const bytes = await git(context.root, ['cat-file', 'blob', '--end-of-options', object], limit);
  if (bytes === undefined)
    return {
      kind: 'not-compared',
      why: 'it could not be read from git (it may be larger than --max-file-size)',
    };
  const read = decodeText(`${revision}:${tracked}`, bytes);
  notes.push(...read.notes);
  // The files it names, as they were at the revision: read through git in rounds, each
  // round reading what the analysis asked for.
  const files = new RevisionFiles(revision, limit);
  const where = runFiles(job.options).contextOf(job.file).path;
  const analyzeThen = (): Analysis =>
    analyze(read.text, job.options, { files: { path: where, files: new SharedFiles(files) } });
  let analysis = analyzeThen();
  for (let round = 0; round < MAX_GIT_ROUNDS && (await files.fetchAsked()); round++)
    analysis = analyzeThen();
  const why = whyNotAPathway(analysis);
  return why === undefined
    ? { kind: 'found', analysis }
    : { kind: 'not-compared', why: `it cannot be read as a pathway there: ${why}` };
}

/**
 * One file, ready for the site: its page, row and cited works, with any notes and problems.
 * The file is read once; git is asked for its last change and, with `since`, its earlier
 * version. Never throws on a file's content: what cannot be published is listed, with why.
 */
export async function publishFile(job: PublishJob): Promise<MadeFile> {
  const notes: string[] = [];
  const problems: string[] = [];
  const read = readText(job.file, maxFileSizeOf(job.options));
  const lastChange = await lastChangeOf(job.file, job.git);
  const unpublished = (why: string, analysis: Analysis | undefined): MadeFile => ({
    relative: job.relative,
    page: undefined,
    row: unpublishedRow(job.relative, why, analysis, lastChange || undefined),
    works: [],
    notes,
    problems,
  });
  if ('problem' in read) {
    problems.push(read.problem);
    return unpublished(
      read.problem.replace(/^cannot read "[^"]*": /, 'it cannot be read: '),
      undefined,
    );
  }
  let analysis: Analysis;
  if ('tooLarge' in read) analysis = analyzeTooLarge(read.tooLarge, job.options);
  else {
    notes.push(...read.notes);
    // The bibliographies it names are read as `check` reads them: once per run, from the
    // folder the command runs in.
    const files = runFiles(job.options);
    analysis = analyze(read.text, job.options, { files: files.contextOf(job.file) });
    notes.push(...files.takeNotes());
  }
  const why = whyNotAPathway(analysis);
  if (why !== undefined) {
    notes.push(
      `"${printable(job.file)}" is listed without a page: it cannot be read as a pathway: ${why}`,
    );
    return unpublished(why, analysis);
  }
  const since =
    job.since === undefined
      ? undefined
      : { label: job.since, version: await earlierVersion(job, job.since, notes) };
  let published: Awaited<ReturnType<typeof publishPathway>>;
  try {
    published = await publishPathway(analysis, {
      file: job.relative,
      lastChange,
      // A used file is known by its path from the folder the command runs in.
      pathShown: (used) => fromRoot(job.root, used),
      ...(since ? { since } : {}),
      ...(job.links ? { links: job.links } : {}),
      ...(job.staticChart ? { staticChart: true } : {}),
    });
  } catch (error) {
    // A fault of the checker's own, not of the file: the other pages are still published.
    const why = `its page could not be made (${error instanceof Error ? error.message : String(error)}); please report this`;
    problems.push(`"${printable(job.file)}": ${why}`);
    return unpublished(why, analysis);
  }
  return {
    relative: job.relative,
    page: published.page,
    row: published.row,
    works: published.works,
    notes,
    problems,
  };
}

/** What every file of a publish shares, as the worker threads receive it. */
export interface PublishTaskOptions {
  readonly check: CheckOptions;
  readonly git: GitContext | undefined;
  readonly since: string | undefined;
  /** Lay out and draw each flowchart into its page (`--static-charts`). */
  readonly staticCharts: boolean;
  /** The folder the site is being built in. */
  readonly staging: string;
  /** The published root: the folder the pages name files from. */
  readonly root: string;
  /** Each file's path from the published root and its page's name, by the path it is read from. */
  readonly pages: Readonly<Record<string, { readonly relative: string; readonly slug: string }>>;
  /**
   * For sub-pathways: each page's name by the path `use` names its file by, and the
   * published pathways that use each file, by the path it is read from.
   */
  readonly links?: {
    readonly pages: Readonly<Record<string, string>>;
    readonly usedBy: Readonly<Record<string, readonly SiteUser[]>>;
  };
}

/** What the site needs of one file once its page is written: all but the page. */
export type PublishedFile = Omit<MadeFile, 'page'> & {
  /** Whether the file has a page (pathways/SLUG.html in the site). */
  readonly hasPage: boolean;
};

/**
 * The `publish` task of the worker pool (fileTasks.ts): makes one file's page and writes it
 * into the staging folder, and gives back its index row and cited works.
 */
export async function publishTask(
  file: string,
  options: PublishTaskOptions,
): Promise<PublishedFile> {
  const names = options.pages[file];
  const made = await publishFile({
    file,
    relative: names?.relative ?? file,
    root: options.root,
    options: options.check,
    git: options.git,
    since: options.since,
    staticChart: options.staticCharts,
    ...(options.links
      ? { links: { pages: options.links.pages, usedBy: options.links.usedBy[file] ?? [] } }
      : {}),
  });
  const { page, ...rest } = made;
  if (page !== undefined && names) {
    fs.writeFileSync(path.join(options.staging, 'pathways', `${names.slug}.html`), page);
  }
  return { ...rest, hasPage: page !== undefined && names !== undefined };
}

/** A file whose task failed outright (its worker stopped, say): listed with why, no page. */
export function failedFile(file: string, relative: string, failure: string): PublishedFile {
  return {
    relative,
    hasPage: false,
    row: unpublishedRow(relative, failure, undefined, undefined),
    works: [],
    notes: [],
    problems: [`cannot publish "${printable(file)}": ${failure}`],
  };
}
