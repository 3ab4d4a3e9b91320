import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, buildAuditReport, renderReport } from '../../server/src/core';
import { buildDiagram } from '../../server/src/core/flowchart/diagram';
import { layoutDiagram } from '../../server/src/core/flowchart/layout';
import { renderSvg } from '../../server/src/core/flowchart/svg';
import { cropToContent } from '../../server/src/core/report/document';
import { stepAnchor } from '../../server/src/core/report/markup';
import { runCli } from '../support/cli';
import { UPDATE_GOLDENS } from '../support/goldens';
import { markdownProblems, markdownTables, markdownTexts } from '../support/markdown';
import { EXAMPLES, FIXTURES_FILES, ROOT } from '../support/paths';
import { analyzeWithFiles } from '../support/withFiles';

const GOLDENS = path.join(ROOT, 'test', 'goldens', 'report');
const DATE = '2026-01-01';

function examples(): string[] {
  return fs
    .readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.pathway.yaml'))
    .map((name) => path.join(EXAMPLES, name));
}

/** Pathways with computable decisions: one whose logic holds, one with every logic problem. */
const COMPUTABLE = ['computable', 'computable-flawed'].map((name) =>
  path.join(ROOT, 'test', 'inputs', `${name}.pathway.yaml`),
);

describe('pathway report (audit report goldens and content)', () => {
  for (const file of [...examples(), ...COMPUTABLE]) {
    const name = path.basename(file, '.pathway.yaml');
    for (const format of ['md', 'html'] as const) {
      it(`${name}.${format} matches its golden`, async () => {
        // An example with the bibliographies it names, as `pathway report` reads it.
        const analysis = file.startsWith(EXAMPLES)
          ? analyzeWithFiles(file)
          : analyze(fs.readFileSync(file, 'utf8'));
        const actual = await renderReport(analysis, format, { date: DATE });
        const golden = path.join(GOLDENS, `${name}.${format}`);
        if (UPDATE_GOLDENS) {
          fs.mkdirSync(GOLDENS, { recursive: true });
          fs.writeFileSync(golden, actual);
          return;
        }
        assert.equal(actual, fs.readFileSync(golden, 'utf8'));
      });
    }
  }

  it('the red-flag route and the routine route of the leg-pain pathway, as a reviewer reads them', () => {
    // The red flags are screened by the shared screen it uses: "any other end" is no red flag.
    const file = path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml');
    const report = buildAuditReport(analyzeWithFiles(file), { date: DATE });
    const noRedFlag = 'stops at any other end';
    assert.equal(report.paths[0]?.decisions[0]?.id, 'red-flag-screen');
    const redFlag = report.paths.filter((p) => p.decisions[0]?.answer !== noRedFlag);
    assert.ok(redFlag.length > 0);
    for (const p of redFlag) {
      assert.equal(p.recommendations.length, 0, 'a red flag leads straight to referral');
      assert.match(p.end.title, /emergency|urgent/i);
    }
    const routine = report.paths.filter((p) => p.decisions[0]?.answer === noRedFlag);
    assert.ok(routine.some((p) => p.recommendations.some((r) => r.id === 'smt-plus-hea')));
  });

  it('a path through a labelled otherwise route reads the label; an unlabelled one "None of the above", never "otherwise"', async () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'), 'utf8');
    const report = buildAuditReport(analyze(text), { date: DATE });
    const answers = report.paths.flatMap((p) => p.decisions.map((d) => d.answer));
    assert.ok(!answers.includes('otherwise'));
    const manipulated = report.paths.find((p) =>
      p.recommendations.some((r) => r.id === 'smt-plus-hea'),
    );
    assert.deepEqual(manipulated?.decisions.map((d) => [d.id, d.answer]).slice(0, 3), [
      ['red-flag-screen', 'stops at any other end'],
      ['duration', '4 weeks or more (subacute or chronic)'],
      ['manipulation-suitability', 'Suitable and acceptable'],
    ]);
    // The medication question of another example has no label on its otherwise.
    const unlabelled = buildAuditReport(
      analyze(
        fs.readFileSync(path.join(EXAMPLES, 'after-failed-conservative-care.pathway.yaml'), 'utf8'),
      ),
      { date: DATE },
    ).paths.flatMap((p) => p.decisions.filter((d) => d.id === 'medication-decision'));
    assert.ok(unlabelled.some((d) => d.answer === 'None of the above'));
    assert.ok(!unlabelled.some((d) => d.answer === 'otherwise'));
    const markdown = await renderReport(analyze(text), 'md', { date: DATE });
    assert.match(
      markdown,
      /Is spinal manipulation suitable and acceptable to the patient\? → \*Suitable and acceptable\*/,
    );
    const html = await renderReport(analyze(text), 'html', { date: DATE });
    assert.match(html, /→ <em>Suitable and acceptable<\/em>/);
  });

  it('cites the shared works in full, and says a cite whose bibliography is missing was not read', () => {
    const whole = runCli(['report', 'examples/brlp-manipulation.pathway.yaml']);
    assert.equal(whole.status, 0, whole.stderr);
    assert.match(whole.stdout, /Spinal manipulation and home exercise with advice/);
    assert.doesNotMatch(whole.stdout, /no such reference|not read from the bibliography/);
    // The pathway copied without the references file it names: its shared cites are not
    // missing references (check says the file is missing), they were not read.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-report-'));
    fs.copyFileSync(
      path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'),
      path.join(dir, 'brlp.pathway.yaml'),
    );
    const alone = runCli(['report', 'brlp.pathway.yaml'], dir);
    assert.equal(alone.status, 0, alone.stderr);
    assert.match(alone.stdout, /bronfort-2014 \(not read from the bibliography\)/);
    assert.doesNotMatch(alone.stdout, /no such reference/);
    const html = runCli(['report', '--format', 'html', 'brlp.pathway.yaml'], dir);
    assert.match(html.stdout, /bronfort-2014 <em>\(not read from the bibliography\)<\/em>/);
  });

  it('lists every evidence gap of the flawed example', () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'flawed', 'flawed.pathway.yaml'), 'utf8');
    const report = buildAuditReport(analyze(text), { date: DATE });
    assert.deepEqual(
      report.gaps.strongOnLowCertainty.map((r) => r.id),
      ['stay-active'],
    );
    assert.deepEqual(
      report.gaps.uncited.map((r) => r.id),
      ['continue-home-exercise'],
    );
    assert.deepEqual(
      report.gaps.unusedReferences.map((r) => r.id),
      ['qaseem-2017'],
    );
    assert.ok(report.gaps.endsWithoutRecommendation.some((e) => e.id === 'emergency-referral'));
    assert.deepEqual(
      report.diagnostics.map((g) => g.code),
      [
        'duplicate-key',
        'schema',
        'unknown-step',
        'unknown-reference',
        'missing-citation',
        'unreachable-step',
        'no-path-to-end',
        'missing-otherwise',
        'duplicate-branch',
        'discordant-recommendation',
        'unused-reference',
        'invalid-condition',
        'unknown-input',
        'missing-condition',
        'overlapping-branches',
        'shadowed-branch',
        'impossible-branch',
        'uncovered-patients',
        'input-not-recorded',
        'unused-input',
        'invalid-fact',
        'scenario-failed',
        'scenario-stuck',
      ],
    );
  });

  it('escapes hostile text in both forms', async () => {
    const hostile = '<img src=x onerror=alert(1)> | *bold* [link](javascript:alert(1))';
    const text = `pathway: 1
id: x
title: "${hostile}"
version: "1"
start: r
steps:
  r:
    kind: recommendation
    title: "${hostile}"
    strength: strong
    certainty: low
    rationale: "</td><script>alert(1)</script>"
    cite: [ref]
    next: e
  e:
    kind: end
    title: End
references:
  ref:
    title: "<b>x</b>"
    source: S
    url: "javascript:alert(1)"
`;
    const analysis = analyze(text);
    const html = await renderReport(analysis, 'html', { date: DATE });
    assert.ok(!html.includes('<img'), 'no img tag');
    assert.ok(!html.includes('<script'), 'no script tag');
    assert.ok(!html.includes('href="javascript:'), 'no javascript: link');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    const md = await renderReport(analysis, 'md', { date: DATE });
    // Read back as GitHub and CommonMark read it: text as written, no HTML, no link.
    assert.deepEqual(markdownProblems(md, { headings: [/./], html: /^<br>$/ }), []);
    assert.equal(markdownTexts(md)[0], `Audit report: ${hostile}`);
    const row = markdownTables(md)[1]?.[1] ?? [];
    assert.equal(row[1], hostile);
    assert.equal(row[4], '</td><script>alert(1)</script>');
    assert.equal(row[5], '<b>x</b>. S.');
  });

  it('says how many problems comments silence, never "no problems" when some are silenced', async () => {
    const pathway = (comment: string, detail: string) => `${comment}pathway: 1
id: x
title: Silenced
version: "1"
start: a
steps:
  a:
    kind: assessment
    title: A${detail}
    next: b
  b:
    kind: end
    title: B
  orphan:
    kind: end
    title: Never reached
  orphan-too:
    kind: end
    title: Never reached either
`;
    const silenced = analyze(pathway('# pathway-disable unreachable-step\n', ''));
    assert.equal(silenced.findings.length, 0);
    assert.equal(buildAuditReport(silenced, { date: DATE }).suppressed, 2);
    for (const format of ['md', 'html'] as const) {
      const page = await renderReport(silenced, format, { date: DATE });
      assert.ok(!page.includes('found no problems'), format);
      assert.match(
        page,
        /No problem is listed here, but the checker found 2 problems, all silenced by (&quot;|")# pathway-disable(&quot;|") comments in the file/,
      );
    }

    const partly = analyze(
      pathway('', '').replace(
        '  orphan:\n',
        '  # pathway-disable-next-line unreachable-step\n  orphan:\n',
      ),
    );
    const partlyMd = await renderReport(partly, 'md', { date: DATE });
    assert.match(partlyMd, /1 more problem is silenced by "# pathway-disable" comments/);
    assert.match(partlyMd, /### `unreachable-step` \(1\)/);

    // The words in a detail block are text: the report lists both problems.
    const inDetail = analyze(pathway('', '\n    detail: |\n      # pathway-disable'));
    const inDetailMd = await renderReport(inDetail, 'md', { date: DATE });
    assert.match(inDetailMd, /### `unreachable-step` \(2\)/);
    assert.doesNotMatch(inDetailMd, /silenced/);
  });

  /** The in-page links of a page and the ids of its elements, read from its tags. */
  function anchorsOf(page: string): { links: string[]; ids: string[] } {
    const attribute = (name: string): string[] =>
      [...page.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((tag) =>
        [...tag[0].matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) =>
          (m[1] ?? '')
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&amp;/g, '&'),
        ),
      );
    return {
      links: attribute('href')
        .filter((href) => href.startsWith('#'))
        .map((href) => decodeURIComponent(href.slice(1))),
      ids: attribute('id'),
    };
  }

  it('every link to a step in the HTML report leads to that step in the page', async () => {
    const hostileIds = `pathway: 1
id: x
title: Odd ids
version: "1"
start: "a b"
steps:
  "a b":
    kind: decision
    title: Start
    branches:
      - when: one
        next: '"><x'
      - when: two
        next: step-x
    otherwise: 步骤
  '"><x':
    kind: recommendation
    title: R
    strength: strong
    certainty: low
    next: e_2d_
  step-x:
    kind: end
    title: E1
  步骤:
    kind: end
    title: E2
  e_2d_:
    kind: end
    title: E3
`;
    const pages = [
      ...examples().map((file) => analyzeWithFiles(file)),
      analyze(fs.readFileSync(path.join(EXAMPLES, 'flawed', 'flawed.pathway.yaml'), 'utf8')),
      analyze(hostileIds),
    ];
    let checked = 0;
    for (const analysis of pages) {
      const page = await renderReport(analysis, 'html', { date: DATE });
      const { links, ids } = anchorsOf(page);
      assert.equal(new Set(ids).size, ids.length, 'no two elements share an id');
      for (const link of links) assert.ok(ids.includes(link), `"#${link}" leads somewhere`);
      checked += links.length;
    }
    assert.ok(checked > 150, `${checked} links checked`);
  });

  it('gives each step an id of letters, digits, "-" and "_" that no other step shares', () => {
    assert.equal(stepAnchor('red-flags'), 'step-red-flags');
    assert.equal(stepAnchor('smt_hea'), 'step-smt_hea');
    const odd = ['a b', '"><x', '步骤', 'e_2d_', 'e-', '-e', '', '1st'];
    const anchors = [...odd, 'e_', 'step-x'].map(stepAnchor);
    for (const anchor of anchors) assert.match(anchor, /^step-[A-Za-z0-9_-]*$/);
    assert.equal(new Set(anchors).size, anchors.length);
  });

  it('says "no recommendation on this path" in quiet words, not as a fault', async () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'), 'utf8');
    const page = await renderReport(analyze(text), 'html', { date: DATE });
    assert.match(page, /<p class="quiet">No recommendation on this path\.<\/p>/);
    assert.doesNotMatch(page, /class="none">No recommendation/);
  });

  it('crops the chart to what is drawn in it, every step inside', async () => {
    for (const file of examples()) {
      const diagram = await layoutDiagram(buildDiagram(analyze(fs.readFileSync(file, 'utf8'))));
      const whole = renderSvg(diagram, { legend: true });
      const cropped = cropToContent(whole, diagram);
      const box = (svg: string): number[] =>
        (/viewBox="([^"]*)"/.exec(svg)?.[1] ?? '').split(' ').map(Number);
      const [x = 0, y = 0, w = 0, h = 0] = box(cropped);
      const [, , wholeW = 0, wholeH = 0] = box(whole);
      assert.ok(x > 0 || y > 0, `${file}: cropped at the top or the left`);
      assert.ok(w < wholeW && h <= wholeH, `${file}: smaller than the whole`);
      assert.match(cropped, new RegExp(`width="${w}" height="${h}"`));
      for (const n of diagram.nodes) {
        assert.ok(n.x >= x && n.y >= y && n.x + n.width <= x + w && n.y + n.height <= y + h, n.id);
      }
      const left = Math.min(
        ...diagram.nodes.map((n) => n.x),
        ...diagram.edges.flatMap((e) => (e.labelBox ? [e.labelBox.x] : [])),
      );
      assert.ok(left - x <= 16, `${file}: at most 16 units of margin on the left`);
    }
  });
  describe('sub-pathways (pathway report run in the folder of the files)', () => {
    const DEEP = path.join(FIXTURES_FILES, 'scenarios--two-calls-deep');

    function reported(folder: string, file: string, format: 'md' | 'html' = 'md'): string {
      const result = runCli(['report', '--format', format, file], folder);
      assert.equal(result.status, 0, result.stderr);
      return result.stdout;
    }

    it('names the pathway each sub-pathway step uses, its file, and where each of its ends leads', () => {
      const report = reported(DEEP, 'gp-back-pain.pathway.yaml');
      assert.match(report, /^## Sub-pathways \(1\)$/m);
      assert.match(report, /^### Stepped care for low back pain \(`care`, line 12\)$/m);
      assert.match(
        report,
        /^Uses “Stepped care for low back pain” \(stepped-care-lbp\), file stepped-care\.pathway\.yaml\.$/m,
      );
      const tables = markdownTables(report);
      const ends = tables.find((t) => t[0]?.[0] === 'When it stops at');
      assert.deepEqual(ends?.slice(1), [
        [
          'Emergency referral (emergency-care)',
          'Same-day emergency department assessment (same-day)',
        ],
        ['any other end', 'Safety-net advice on red-flag symptoms (safety-net)'],
      ]);
    });

    it('lists the pathways used, two calls deep included, each once with who uses it', () => {
      const report = reported(DEEP, 'gp-back-pain.pathway.yaml');
      assert.match(report, /^## Pathways used \(2\)$/m);
      assert.match(
        report,
        /^- “Stepped care for low back pain” \(`stepped-care-lbp`\), file `stepped-care\.pathway\.yaml`: used by step `care`$/m,
      );
      assert.match(
        report,
        /^- “Red-flag screen for low back pain” \(`red-flag-screen`\), file `screens\/red-flags\.pathway\.yaml`: used by the pathway in `stepped-care\.pathway\.yaml`$/m,
      );
    });

    it('shows scenario routes through the used pathways as ID/STEP, and a path for each way out of the step', () => {
      const report = reported(DEEP, 'gp-back-pain.pathway.yaml');
      assert.match(
        report,
        /consult → care → stepped-care-lbp\/screen → red-flag-screen\/ask → red-flag-screen\/flags → red-flag-screen\/emergency → stepped-care-lbp\/emergency-care → same-day/,
      );
      assert.match(report, /^There are 2 paths\./m);
      assert.match(
        report,
        /^- Decisions: Stepped care for low back pain → \*stops at “Emergency referral”\*$/m,
      );
      assert.match(report, /^- Steps: `consult` → `care` → `same-day`$/m);
      assert.match(
        report,
        /^- Decisions: Stepped care for low back pain → \*stops at any other end\*$/m,
      );
    });

    it('in HTML, every link still leads to an entry of the page: a used step is named, not linked', () => {
      const page = reported(DEEP, 'gp-back-pain.pathway.yaml', 'html');
      assert.match(page, /<h2>Sub-pathways \(1\)<\/h2>/);
      assert.match(page, /<code class="step-id">red-flag-screen\/emergency<\/code>/);
      const { links, ids } = anchorsOf(page);
      for (const link of links) assert.ok(ids.includes(link), `"#${link}" leads somewhere`);
    });

    it("does not repeat the used pathway's findings; its own report has them", () => {
      const folder = path.join(FIXTURES_FILES, 'sub-pathway--findings-stay-in-used-file');
      const user = reported(folder, 'acute-lbp.pathway.yaml');
      assert.match(user, /^## Sub-pathways \(1\)$/m);
      assert.match(user, /The checker found no problems\./);
      assert.doesNotMatch(user, /missing-otherwise|unused-reference/);
      const screen = reported(folder, 'screens/red-flags.pathway.yaml');
      assert.match(screen, /^### `missing-otherwise` \(1\)$/m);
      assert.match(screen, /^### `unused-reference` \(1\)$/m);
    });

    it('says why a use cannot be followed, and the finding is listed under Diagnostics', () => {
      const folder = path.join(FIXTURES_FILES, 'unknown-file--use-missing-file');
      const result = runCli(['report', 'acute-lbp.pathway.yaml'], folder);
      assert.match(
        result.stdout,
        /: \*\*no readable pathway file \(unknown-file, under Diagnostics\)\*\*\.$/m,
      );
      assert.match(result.stdout, /^### `unknown-file` \(1\)$/m);
      assert.doesNotMatch(result.stdout, /^## Pathways used/m);
    });
  });
});
