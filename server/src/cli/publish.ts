// `pathway publish`: a static website of pathways for a guideline panel. Each file found
// becomes a page (publishFile.ts); then the index, the references page and the site's own
// script and style sheet are added, and the whole site is written into a folder beside the
// one named by -o and swapped into place, so that a reader never meets half a site.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { maxFileSizeOf, parsePathwayText, type CheckOptions } from '../core';
import { resolvePath } from '../core/files/paths';
import { buildModel } from '../core/model/pathway';
import { indexPage } from '../core/site/indexPage';
import type { SiteUser } from '../core/site/pathwayPage';
import { referencesPage } from '../core/site/referencesPage';
import { siteSlugs } from '../core/site/slug';
import { collectFiles, describeError, printable, readText } from './files';
import { failedFile, fromRoot, type GitContext, type PublishedFile } from './publishFile';
import { runGit } from './git';
import { runFiles, type PoolSettings } from './pool';

/** The file that marks a folder as a site this command wrote, which it may replace. */
export const SITE_MARKER = '.pathway-site';

const MARKER_TEXT = `This folder is a website written by "pathway publish".
The next "pathway publish" to this folder replaces all of it.
`;

/** The exit statuses of `pathway publish`. */
const PUBLISHED = 0;
const PUBLISHED_WITH_ERRORS = 1;
const USAGE = 2;

export interface PublishOptions {
  /** The folder to write the site to. */
  readonly output: string;
  /** A git revision to show the changes since. */
  readonly since?: string;
  /** Lay out and draw each flowchart into its page (`--static-charts`). */
  readonly staticCharts?: boolean;
  readonly check: CheckOptions;
  /** How many worker threads make the pages. */
  readonly pool: PoolSettings;
}

function say(message: string): void {
  process.stderr.write(`pathway: ${message}\n`);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The site's script and style sheet, built beside the command (dist/site/). */
function siteAssets(): { js: string; css: string } | undefined {
  const candidates = [
    path.join(__dirname, 'site'),
    // Run from the compiled sources (out/server/src/cli) rather than the bundle.
    path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'site'),
  ];
  for (const folder of candidates) {
    const js = path.join(folder, 'site.js');
    const css = path.join(folder, 'site.css');
    if (fs.existsSync(js) && fs.existsSync(css)) return { js, css };
  }
  return undefined;
}

/** Whether `inner` (a real path) is `outer` or lies inside it. */
function within(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Why the site cannot be written to `output`, or undefined when it can. */
function outputProblem(output: string): string | undefined {
  if (output.trim() === '') return '-o needs the name of a folder to write the site to';
  const shown = printable(output);
  const parent = path.dirname(path.resolve(output));
  try {
    if (!fs.statSync(parent).isDirectory())
      return `cannot write the site to "${shown}": a part of the path is not a folder`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? `cannot write the site to "${shown}": the folder "${printable(path.dirname(output))}" does not exist (create it first)`
      : `cannot write the site to "${shown}": ${describeError(error)}`;
  }
  let stats: fs.Stats;
  try {
    stats = fs.lstatSync(output);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return `cannot write the site to "${shown}": ${describeError(error)}`;
  }
  if (!stats.isDirectory())
    return `cannot write the site to "${shown}": it exists and is not a folder. Name a new folder, or an earlier site.`;
  let entries: string[];
  try {
    entries = fs.readdirSync(output);
  } catch (error) {
    return `cannot write the site to "${shown}": ${describeError(error)}`;
  }
  if (entries.length > 0 && !entries.includes(SITE_MARKER))
    return `"${shown}" already exists and is not a site written by pathway publish (it has no ${SITE_MARKER} file), so it is left as it is. Name a new folder, or empty this one first.`;
  return undefined;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x1F\x7F]/;

/**
 * The repository of the current folder, and with `--since`, whether the revision exists:
 * the repository (or none, when there is none and no revision was asked for), or why not.
 */
async function gitContext(since: string | undefined): Promise<GitContext | undefined | string> {
  if (since !== undefined) {
    if (since.startsWith('-'))
      return `--since "${printable(since)}" cannot be a git revision: a revision never starts with "-"`;
    if (since.trim() === '' || CONTROL.test(since))
      return `--since needs a git revision, such as a tag (v1.2), a branch or a commit`;
  }
  const top = await runGit(process.cwd(), ['rev-parse', '--show-toplevel']);
  if (!top.ok) {
    if (since === undefined) return undefined;
    return top.missing
      ? `--since needs git, and git is not installed`
      : `--since ${printable(since)}: the current folder is not in a git repository. Run pathway publish from inside the repository that holds the pathways.`;
  }
  let root: string;
  try {
    root = fs.realpathSync(top.stdout.toString('utf8').trim());
  } catch {
    return since === undefined ? undefined : `cannot find the git repository's folder`;
  }
  if (since !== undefined) {
    const known = await runGit(root, [
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${since}^{commit}`,
    ]);
    if (!known.ok)
      return `--since ${printable(since)}: there is no such revision in the git repository. Give a tag, a branch or a commit that exists (git tag and git log list them).`;
  }
  return { root };
}

/**
 * The folder the published paths are relative to: the deepest folder holding every PATH (a
 * folder given, or the folder of a file given).
 */
function commonRoot(paths: readonly string[]): string {
  const folders = paths.map((given) => {
    const full = path.resolve(given);
    try {
      return fs.statSync(full).isDirectory() ? full : path.dirname(full);
    } catch {
      return path.dirname(full);
    }
  });
  let root = folders[0] ?? process.cwd();
  for (const folder of folders.slice(1)) {
    while (!within(root, folder)) {
      const up = path.dirname(root);
      if (up === root) break;
      root = up;
    }
  }
  return root;
}

/** Writes the site into a new folder beside `output`, then puts it in the place of `output`. */
/** A new private folder beside `output` to build the site in, readable as the umask allows. */
function makeStaging(output: string): string {
  const target = path.resolve(output);
  const staging = fs.mkdtempSync(
    path.join(path.dirname(target), `.${path.basename(target)}.publishing-`),
  );
  fs.chmodSync(staging, 0o777 & ~process.umask());
  fs.mkdirSync(path.join(staging, 'pathways'));
  return staging;
}

/**
 * Writes the site's other files beside the pages already in `staging`, then puts the
 * whole in the place of `output` (an earlier site there is replaced whole, or kept as it
 * was if the swap fails).
 */
function finishSite(
  staging: string,
  output: string,
  files: ReadonlyMap<string, string | Buffer>,
): void {
  for (const [relative, content] of files) {
    const file = path.join(staging, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  const target = path.resolve(output);
  if (!fs.existsSync(target)) {
    fs.renameSync(staging, target);
    return;
  }
  const parent = path.dirname(target);
  const old = path.join(
    parent,
    `.${path.basename(target)}.replaced-${randomBytes(6).toString('hex')}`,
  );
  fs.renameSync(target, old);
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    fs.renameSync(old, target);
    throw error;
  }
  fs.rmSync(old, { recursive: true, force: true });
}

/** A file's path from the folder the command runs in (the root `use` paths are read from). */
function rootPathOf(file: string): string | undefined {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
    ? undefined
    : relative.split(path.sep).join('/');
}

/**
 * Which published pages each pathway's page links to for its sub-pathways: every page by
 * the path `use` names it by, and for each file the published pathways that use it. Only
 * a file that says `use:` somewhere is parsed for it (most use nothing).
 */
function subPathwayLinks(
  order: readonly { readonly file: string; readonly relative: string }[],
  slugs: readonly string[],
  options: CheckOptions,
): { pages: Record<string, string>; usedBy: Record<string, SiteUser[]> } {
  const pages: Record<string, string> = {};
  order.forEach((entry, i) => {
    const at = rootPathOf(entry.file);
    if (at !== undefined) pages[at] = slugs[i] ?? '';
  });
  const byPath = new Map<string, SiteUser[]>();
  order.forEach((entry, i) => {
    const at = rootPathOf(entry.file);
    if (at === undefined) return;
    const read = readText(entry.file, maxFileSizeOf(options));
    if (!('text' in read) || !/\buse\s*:/.test(read.text)) return;
    const tree = parsePathwayText(read.text).tree;
    if (!tree) return;
    const model = buildModel(tree.root);
    const title = model.root.entries?.get('title')?.value;
    const user: SiteUser = {
      slug: slugs[i] ?? '',
      title: typeof title === 'string' ? title : entry.relative,
      file: entry.relative,
    };
    for (const step of model.steps.values()) {
      const written = step.kind === 'pathway' ? step.use?.target : undefined;
      if (written === undefined) continue;
      const resolved = resolvePath(at, written);
      if (!('path' in resolved)) continue;
      const users = byPath.get(resolved.path) ?? [];
      if (!users.some((known) => known.slug === user.slug)) users.push(user);
      byPath.set(resolved.path, users);
    }
  });
  const usedBy: Record<string, SiteUser[]> = {};
  for (const entry of order) {
    const at = rootPathOf(entry.file);
    const users = at === undefined ? undefined : byPath.get(at);
    if (users) usedBy[entry.file] = users;
  }
  return { pages, usedBy };
}

/**
 * Every file's page, made on whichever core is free and written by the worker that made it
 * straight into the staging folder (a thousand pages are never held at once); what the
 * index and the references page need comes back, in the site's order.
 */
async function publishPages(
  order: readonly { readonly file: string; readonly relative: string }[],
  slugs: readonly string[],
  staging: string,
  root: string,
  git: GitContext | undefined,
  options: PublishOptions,
): Promise<PublishedFile[]> {
  const outcomes = await runFiles(
    'publish',
    order.map((entry) => entry.file),
    {
      check: options.check,
      git,
      since: options.since,
      staticCharts: options.staticCharts === true,
      staging,
      root,
      pages: Object.fromEntries(
        order.map((entry, i) => [entry.file, { relative: entry.relative, slug: slugs[i] ?? '' }]),
      ),
      links: subPathwayLinks(order, slugs, options.check),
    },
    options.pool,
  );
  return outcomes.map((outcome, i) => {
    const { file, relative } = order[i] as { file: string; relative: string };
    return 'failure' in outcome ? failedFile(file, relative, outcome.failure) : outcome.result;
  });
}

/**
 * `pathway publish`: returns the exit status (0 published, 1 published but a file has an
 * error-level finding, a failed or stuck scenario, or could not be read; 2 bad usage, and
 * nothing written).
 */
export async function runPublish(
  paths: readonly string[],
  options: PublishOptions,
): Promise<number> {
  const output = options.output;
  const problem = outputProblem(output);
  if (problem !== undefined) {
    say(problem);
    return USAGE;
  }
  const assets = siteAssets();
  if (!assets) {
    say(
      `the site's script and style sheet (dist/site/site.js and site.css) are missing: run "npm run build", or reinstall`,
    );
    return USAGE;
  }
  const git = await gitContext(options.since);
  if (typeof git === 'string') {
    say(git);
    return USAGE;
  }

  const collected = collectFiles(paths);
  for (const note of collected.notes) say(note);
  if (collected.problems.length > 0) {
    for (const message of collected.problems) say(message);
    say('nothing was published');
    return USAGE;
  }
  if (collected.files.length === 0) {
    say(
      `no pathway files (*.pathway.yaml, *.pathway.yml) found in ${paths.map(printable).join(', ')}; nothing was published`,
    );
    return USAGE;
  }
  const site = path.resolve(output);
  const inside = collected.files.find((file) => {
    try {
      return within(fs.realpathSync(site), fs.realpathSync(file));
    } catch {
      return false;
    }
  });
  if (inside !== undefined) {
    say(
      `cannot write the site to "${printable(output)}": it holds "${printable(inside)}", a file being published. Name another folder.`,
    );
    return USAGE;
  }

  const root = commonRoot(paths);
  const order = collected.files
    .map((file) => ({ file, relative: fromRoot(root, file) }))
    .sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  const slugs = siteSlugs(order.map((entry) => entry.relative));

  let staging: string;
  try {
    staging = makeStaging(output);
  } catch (error) {
    say(`cannot write the site to "${printable(output)}": ${describeError(error)}`);
    return USAGE;
  }
  // Stopped half way (Ctrl+C, or a cancel in the editor): the half-built site goes.
  const stop = (signal: NodeJS.Signals): void => {
    fs.rmSync(staging, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  let results: PublishedFile[];
  try {
    results = await publishPages(order, slugs, staging, root, git, options);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }

  const entries = results.map((result, i) => ({
    slug: result.hasPage ? slugs[i] : undefined,
    row: result.row,
  }));
  const files = new Map<string, string | Buffer>();
  files.set('index.html', indexPage(entries, options.since));
  files.set(
    'references.html',
    referencesPage(
      results.flatMap((result, i) => {
        const slug = entries[i]?.slug;
        return slug === undefined ? [] : [{ slug, title: result.row.title, works: result.works }];
      }),
    ),
  );
  files.set('assets/site.js', fs.readFileSync(assets.js));
  files.set('assets/site.css', fs.readFileSync(assets.css));
  files.set(SITE_MARKER, MARKER_TEXT);

  for (const result of results) {
    for (const note of result.notes) say(note);
    for (const message of result.problems) say(message);
  }
  try {
    finishSite(staging, output, files);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    say(`cannot write the site to "${printable(output)}": ${describeError(error)}`);
    return USAGE;
  }

  const rows = results.map((r) => r.row);
  const withErrors = rows.filter((row) => row.findings.errors > 0).length;
  const failing = rows.filter((row) => row.scenarios.failed + row.scenarios.stuck > 0).length;
  const unreadable = results.filter((r) => r.problems.length > 0).length;
  if (withErrors > 0)
    say(
      `${plural(withErrors, 'file has', 'files have')} error-level findings: run pathway check to see them`,
    );
  if (failing > 0)
    say(
      `${plural(failing, 'file has', 'files have')} failed or stuck scenarios: run pathway test to see them`,
    );
  const pages = entries.filter((entry) => entry.slug !== undefined).length;
  process.stderr.write(
    `published ${plural(pages, 'pathway')} to ${printable(path.join(output, 'index.html'))}\n`,
  );
  return withErrors > 0 || failing > 0 || unreadable > 0 ? PUBLISHED_WITH_ERRORS : PUBLISHED;
}
