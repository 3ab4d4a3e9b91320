// `pathway publish` as a user runs it (the CLI as a child process): the site it writes, the
// same bytes every time, the folders it refuses, and the changes since a git revision.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SiteData } from '../../server/src/core/site/data';
import { runCli } from '../support/cli';
import { EXAMPLES, FIXTURES_FILES, ROOT } from '../support/paths';

function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-publish-')));
}

/** Every file under a folder, by its path from there, with its bytes. */
function tree(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(folder, full).split(path.sep).join('/'), fs.readFileSync(full));
    }
  };
  walk(folder);
  return files;
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

/** What a fixed commit needs from git, whoever runs the tests. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Panel',
  GIT_AUTHOR_EMAIL: 'panel@example.org',
  GIT_COMMITTER_NAME: 'Panel',
  GIT_COMMITTER_EMAIL: 'panel@example.org',
  GIT_AUTHOR_DATE: '2020-01-02T12:00:00Z',
  GIT_COMMITTER_DATE: '2020-01-02T12:00:00Z',
};

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV },
  });
  assert.equal(result.status, 0, result.stderr);
}

const EXAMPLE_PAGES = [
  'pathways/after-failed-conservative-care.html',
  'pathways/brlp-manipulation.html',
  'pathways/flawed--flawed.html',
  'pathways/motor-skill-training.html',
  'pathways/screens--red-flags.html',
  'pathways/self-management-support.html',
  'pathways/stepped-care-radiating-lbp.html',
];

describe('pathway publish (the CLI as a child process)', function () {
  this.timeout(180_000);
  let dir: string;

  beforeEach(() => {
    dir = tempDir();
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the examples: an index, a page per pathway, the references and the assets', () => {
    const site = path.join(dir, 'site');
    const result = runCli(['publish', 'examples', '-o', site]);
    // The flawed example has error-level findings and a failing scenario: published, exit 1.
    assert.equal(result.status, 1, result.stderr);
    assert.equal(lastLine(result.stderr), `published 7 pathways to ${site}/index.html`);
    assert.match(result.stderr, /2 files have error-level findings: run pathway check/);
    assert.match(result.stderr, /1 file has failed or stuck scenarios: run pathway test/);
    assert.match(result.stderr, /broken-yaml\.pathway\.yaml" is listed without a page/);
    assert.deepEqual(
      [...tree(site).keys()].sort(),
      [
        '.pathway-site',
        'assets/site.css',
        'assets/site.js',
        'index.html',
        ...EXAMPLE_PAGES,
        'references.html',
      ].sort(),
    );
    assert.deepEqual(
      fs.readFileSync(path.join(site, 'assets', 'site.js')),
      fs.readFileSync(path.join(ROOT, 'dist', 'site', 'site.js')),
    );
    const index = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
    assert.match(
      index,
      /flawed\/broken-yaml\.pathway\.yaml<\/span><p class="pw-unpublished"><strong>Not published:<\/strong> it cannot be read as YAML/,
    );
    for (const page of EXAMPLE_PAGES) assert.ok(index.includes(`href="${page}"`), page);
    // Nothing is left beside the site.
    assert.deepEqual(fs.readdirSync(dir), ['site']);
  });

  it('a pathway citing from a shared references file shows those works in full, as check reads them', () => {
    const site = path.join(dir, 'site');
    const folder = path.join(ROOT, 'test', 'fixtures-files', 'references-file--valid');
    const result = runCli(['publish', '.', '-o', site], folder);
    assert.equal(result.status, 0, result.stderr);
    const page = fs.readFileSync(path.join(site, 'pathways', 'acute-lbp.html'), 'utf8');
    const references = fs.readFileSync(path.join(site, 'references.html'), 'utf8');
    // downie-2013 is defined only in shared/lbp.references.yaml, which the pathway names.
    const title = 'Red flags to screen for malignancy and fracture in patients with low back pain';
    assert.ok(page.includes(title), 'the step entry cites the shared work in full');
    assert.ok(references.includes(title), 'the references page lists it');
    assert.ok(references.includes('10.1136/bmj.f7095'), 'with its DOI');
  });

  it('publishing twice gives the same bytes, on every core or in one process, and replaces an earlier site whole', () => {
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    assert.equal(runCli(['publish', 'examples', '-o', first, '--jobs', '3']).status, 1);
    assert.equal(runCli(['publish', 'examples', '-o', second, '--jobs', '0']).status, 1);
    const a = tree(first);
    const b = tree(second);
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [file, bytes] of a) assert.ok(bytes.equals(b.get(file) ?? Buffer.alloc(0)), file);

    // Published again over the first: what is no longer published goes.
    fs.writeFileSync(path.join(first, 'pathways', 'gone.html'), 'an old page');
    const again = runCli(['publish', 'examples/brlp-manipulation.pathway.yaml', '-o', first]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(lastLine(again.stderr), `published 1 pathway to ${first}/index.html`);
    assert.deepEqual(fs.readdirSync(path.join(first, 'pathways')), ['brlp-manipulation.html']);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['first', 'second']);
  });

  it('leaves alone a folder that is not an earlier site, and refuses a file: exit 2', () => {
    const mine = path.join(dir, 'mine');
    fs.mkdirSync(mine);
    fs.writeFileSync(path.join(mine, 'notes.txt'), 'my notes');
    const refused = runCli(['publish', 'examples', '-o', mine]);
    assert.equal(refused.status, 2);
    assert.match(
      refused.stderr,
      /already exists and is not a site written by pathway publish \(it has no \.pathway-site file\), so it is left as it is/,
    );
    assert.deepEqual(fs.readdirSync(mine), ['notes.txt']);
    assert.equal(fs.readFileSync(path.join(mine, 'notes.txt'), 'utf8'), 'my notes');

    const file = path.join(dir, 'site.html');
    fs.writeFileSync(file, 'x');
    const onFile = runCli(['publish', 'examples', '-o', file]);
    assert.equal(onFile.status, 2);
    assert.match(onFile.stderr, /it exists and is not a folder/);

    // An empty folder is taken.
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    assert.equal(
      runCli(['publish', 'examples/brlp-manipulation.pathway.yaml', '-o', empty]).status,
      0,
    );
    assert.ok(fs.existsSync(path.join(empty, 'index.html')));
    assert.deepEqual(fs.readdirSync(dir).sort(), ['empty', 'mine', 'site.html']);
  });

  it('bad usage writes nothing: no -o, a missing path, a folder without pathways', () => {
    const site = path.join(dir, 'site');
    const noOutput = runCli(['publish', 'examples']);
    assert.equal(noOutput.status, 2);
    assert.match(noOutput.stderr, /required option '-o, --output <folder>' not specified/);
    const missing = runCli(['publish', 'no-such-folder', '-o', site]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /"no-such-folder" does not exist/);
    const nothing = runCli(['publish', dir, '-o', site]);
    assert.equal(nothing.status, 2);
    assert.match(nothing.stderr, /no pathway files .* found in .*; nothing was published/);
    const noParent = runCli(['publish', 'examples', '-o', path.join(dir, 'a', 'b')]);
    assert.equal(noParent.status, 2);
    assert.match(noParent.stderr, /does not exist \(create it first\)/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('--since: a revision starting with "-", an unknown revision, no git repository: exit 2', () => {
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(repo);
    fs.copyFileSync(
      path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'),
      path.join(repo, 'brlp.pathway.yaml'),
    );
    const site = path.join(dir, 'site');
    const notRepo = runCli(['publish', '.', '-o', site, '--since', 'HEAD'], repo);
    assert.equal(notRepo.status, 2);
    assert.match(notRepo.stderr, /the current folder is not in a git repository/);
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'first');
    const dash = runCli(['publish', '.', '-o', site, '--since=--output=x'], repo);
    assert.equal(dash.status, 2);
    assert.match(dash.stderr, /cannot be a git revision: a revision never starts with "-"/);
    const unknown = runCli(['publish', '.', '-o', site, '--since', 'v9.9'], repo);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /--since v9\.9: there is no such revision in the git repository/);
    assert.deepEqual(fs.readdirSync(dir), ['repo']);
    assert.deepEqual(fs.readdirSync(repo).sort(), ['.git', 'brlp.pathway.yaml']);
  });

  it('--since HEAD: the changes since the last commit, a patient whose route changed, a new file', () => {
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(path.join(repo, 'guidelines'), { recursive: true });
    const brlp = path.join(repo, 'guidelines', 'brlp.pathway.yaml');
    const motor = path.join(repo, 'guidelines', 'motor.pathway.yaml');
    fs.copyFileSync(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'), brlp);
    fs.copyFileSync(path.join(EXAMPLES, 'motor-skill-training.pathway.yaml'), motor);
    // The files the examples cite from, beside them as in examples/.
    for (const shared of ['low-back-pain.references.yaml', 'self-management.bib'])
      fs.copyFileSync(path.join(EXAMPLES, shared), path.join(repo, 'guidelines', shared));
    // And the red-flag screen the spinal manipulation pathway uses.
    fs.cpSync(path.join(EXAMPLES, 'screens'), path.join(repo, 'guidelines', 'screens'), {
      recursive: true,
    });
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'first');
    // Leg pain of up to 8 weeks now counts as acute: the 8-week patient goes another way.
    const text = fs.readFileSync(brlp, 'utf8');
    assert.ok(text.includes('if: weeks < 4') && text.includes('if: weeks >= 4'));
    fs.writeFileSync(
      brlp,
      text.replace('if: weeks < 4', 'if: weeks < 9').replace('if: weeks >= 4', 'if: weeks >= 9'),
    );
    fs.utimesSync(brlp, new Date('2021-03-04T10:00:00Z'), new Date('2021-03-04T10:00:00Z'));
    const added = path.join(repo, 'guidelines', 'self-management.pathway.yaml');
    fs.copyFileSync(path.join(EXAMPLES, 'self-management-support.pathway.yaml'), added);

    const site = path.join(dir, 'site');
    const result = runCli(['publish', 'guidelines', '-o', site, '--since', 'HEAD'], repo);
    // The edit makes the scenario written for the 8-week patient fail.
    assert.equal(result.status, 1, result.stderr);
    assert.equal(lastLine(result.stderr), `published 4 pathways to ${site}/index.html`);
    const page = fs.readFileSync(path.join(site, 'pathways', 'brlp.html'), 'utf8');
    assert.match(page, /<h2 id="changes-title">Changes since HEAD<\/h2>/);
    assert.match(
      page,
      /Decision “How long has the leg pain lasted\?”: branch 1 \(to “Reassure, advise staying active and review if the leg pain lasts beyond 4 weeks”\) now tests &quot;weeks &lt; 9&quot; \(was &quot;weeks &lt; 4&quot;\)\. <span class="pw-see">Step: <a href="#step-duration">/,
    );
    assert.match(page, /<h3>Patients<\/h3>/);
    assert.match(
      page,
      /Scenario &quot;smt-responder&quot; \(Eight weeks of leg pain[^)]*\) ended at “Discharge with a home exercise plan”, and now ends at “Review at 4 weeks if leg pain persists”\./,
    );
    assert.match(
      page,
      /<li>Then now: <a href="#step-acute-advice">Reassure, advise staying active and review if the leg pain lasts beyond 4 weeks<\/a> → <a href="#step-acute-review">Review at 4 weeks if leg pain persists<\/a><\/li>/,
    );
    // The chart marks the changed decision: in the diagram the page's script draws.
    const drawing = /<section id="flowchart"[^>]* data-pw="([^"]*)"/.exec(page)?.[1] ?? '';
    const data = JSON.parse(
      drawing
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    ) as SiteData;
    assert.equal(
      data.diagram?.nodes.find((node) => node.id === 'duration')?.diff?.status,
      'changed',
    );
    // With --static-charts, on the chart drawn into the page.
    const drawnSite = path.join(dir, 'drawn');
    const drawn = runCli(
      ['publish', 'guidelines', '-o', drawnSite, '--since', 'HEAD', '--static-charts'],
      repo,
    );
    assert.equal(drawn.status, 1, drawn.stderr);
    assert.match(
      fs.readFileSync(path.join(drawnSite, 'pathways', 'brlp.html'), 'utf8'),
      /<g class="node kind-decision[^"]*diff-changed" data-step="duration"/,
    );
    const newPage = fs.readFileSync(path.join(site, 'pathways', 'self-management.html'), 'utf8');
    assert.match(newPage, /This pathway is new since HEAD: the file did not exist there\./);
    const unchanged = fs.readFileSync(path.join(site, 'pathways', 'motor.html'), 'utf8');
    assert.match(unchanged, /The recommendation logic is unchanged since HEAD\./);

    const index = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
    assert.match(index, /<th scope="col">Since HEAD<\/th>/);
    const row = (file: string): string =>
      index.split('\n').find((line) => line.includes(`<code>${file}</code>`)) ?? '';
    // Last change: the commit's date for a file committed and unchanged, else the file's own.
    assert.match(row('motor.pathway.yaml'), /data-label="Last change" class="pw-date">2020-01-02</);
    assert.match(row('motor.pathway.yaml'), /data-label="Since HEAD">unchanged</);
    assert.match(row('brlp.pathway.yaml'), /data-label="Last change" class="pw-date">2021-03-04</);
    assert.match(row('brlp.pathway.yaml'), /data-label="Since HEAD">\d+ changes</);
    assert.match(row('self-management.pathway.yaml'), /data-label="Since HEAD">new</);
    // The works cited from the shared references file and from the BibTeX export, in full.
    const references = fs.readFileSync(path.join(site, 'references.html'), 'utf8');
    assert.match(references, /Barriers and facilitators to self-management/);
    assert.match(references, /Chiropractic &amp; Manual Therapies\. 2025;33\(1\):17/);
    assert.match(references, /Spinal manipulation and home exercise with advice/);
  });
});

describe('pathway publish with sub-pathways (the CLI in a folder of files)', function () {
  this.timeout(240_000);
  const CASE = path.join(FIXTURES_FILES, 'scenarios--two-calls-deep');

  /** The case copied into a new folder, and the site published from it. */
  function published(args: readonly string[]): { folder: string; site: string } {
    const folder = tempDir();
    fs.cpSync(CASE, path.join(folder, 'case'), { recursive: true });
    const site = path.join(folder, 'site');
    const result = runCli(
      ['publish', ...args, '-o', site, '--jobs', '0'],
      path.join(folder, 'case'),
    );
    assert.equal(result.status, 0, result.stderr);
    return { folder, site };
  }

  function page(site: string, name: string): string {
    return fs.readFileSync(path.join(site, 'pathways', `${name}.html`), 'utf8');
  }

  /** The HTML of one element, from its opening tag (found by `start`) to its closing tag. */
  function section(html: string, start: RegExp, close: string): string {
    const at = html.search(start);
    assert.ok(at >= 0, `${String(start)} is on the page`);
    return html.slice(at, html.indexOf(close, at) + close.length);
  }

  it("a sub-pathway step's entry links to the used pathway's page, with where each end leads", () => {
    const { site } = published(['.']);
    const entry = section(
      page(site, 'gp-back-pain'),
      /<article [^>]*data-step="care"/,
      '</article>',
    );
    assert.match(
      entry,
      /<p class="pw-uses">Uses <a class="pw-used" href="stepped-care\.html">Stepped care for low back pain<\/a> <code>stepped-care\.pathway\.yaml<\/code><\/p>/,
    );
    assert.match(
      entry,
      /<li>At its end <span class="pw-when">Emergency referral<\/span> → <a href="#step-same-day">/,
    );
    assert.match(entry, /At any other end<\/span> → <a href="#step-safety-net">/);
    // Every link to another page leads to a page of the site.
    for (const name of ['gp-back-pain', 'stepped-care', 'screens--red-flags'])
      for (const [, href] of page(site, name).matchAll(/href="([^"#:]+\.html)"/g))
        assert.ok(fs.existsSync(path.join(site, 'pathways', href ?? '')), `${name}: ${href}`);
  });

  it('each page lists the pathways it uses and the published pathways that use it', () => {
    const { site } = published(['.']);
    const middle = section(page(site, 'stepped-care'), /<section id="related"/, '</section>');
    assert.match(
      middle,
      /<h3>Uses<\/h3>\n<ul class="pw-uses-list"><li><a class="pw-used" href="screens--red-flags\.html">Red-flag screen for low back pain<\/a>/,
    );
    assert.match(
      middle,
      /<h3>Used by<\/h3>\n<ul class="pw-used-by"><li><a href="gp-back-pain\.html">Low back pain in general practice<\/a> <code>gp-back-pain\.pathway\.yaml<\/code><\/li><\/ul>/,
    );
    const screen = section(page(site, 'screens--red-flags'), /<section id="related"/, '</section>');
    assert.doesNotMatch(screen, /<h3>Uses<\/h3>/);
    assert.match(screen, /href="stepped-care\.html">Stepped care for low back pain<\/a>/);
    assert.match(page(site, 'gp-back-pain'), /<a href="#related">Uses and used by<\/a>/);
  });

  it('published from the folder above, a page names used files from the published folder, as it names its own', () => {
    const folder = tempDir();
    fs.cpSync(CASE, path.join(folder, 'case'), { recursive: true });
    const site = path.join(folder, 'site');
    const result = runCli(['publish', 'case', '-o', site, '--jobs', '0'], folder);
    assert.equal(result.status, 0, result.stderr);
    const gp = page(site, 'gp-back-pain');
    assert.match(gp, /Source file<\/dt><dd><code>gp-back-pain\.pathway\.yaml<\/code>/);
    assert.match(
      section(gp, /<article [^>]*data-step="care"/, '</article>'),
      /Stepped care for low back pain<\/a> <code>stepped-care\.pathway\.yaml<\/code><\/p>/,
    );
    // The embedded audit report too: its sub-pathways and the pathways used on the way.
    const report = section(gp, /<section id="report"/, '</section>\n</main>');
    assert.match(report, /file stepped-care\.pathway\.yaml/);
    assert.match(report, /file <code>screens\/red-flags\.pathway\.yaml<\/code>/);
    assert.match(report, /the pathway in <code>stepped-care\.pathway\.yaml<\/code>/);
    // Named from the folder the command ran in, nowhere on the page.
    assert.doesNotMatch(gp.replace(/data-pw="[^"]*"/g, ''), /case\//);
  });

  it('a used pathway not published in the same site is named, not linked', () => {
    const { site } = published(['gp-back-pain.pathway.yaml']);
    assert.deepEqual(fs.readdirSync(path.join(site, 'pathways')), ['gp-back-pain.html']);
    const gp = page(site, 'gp-back-pain');
    assert.match(
      gp,
      /<p class="pw-uses">Uses <span class="pw-used">Stepped care for low back pain<\/span> <code>stepped-care\.pathway\.yaml<\/code><\/p>/,
    );
    assert.doesNotMatch(gp, /<h3>Used by<\/h3>/);
  });
});
