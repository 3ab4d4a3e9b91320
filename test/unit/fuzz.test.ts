import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  analyze,
  analyzeWhole,
  buildAuditReport,
  buildDiagram,
  collectOccurrences,
  diffPathways,
  fixesFor,
  IncrementalAnalyzer,
  layoutDiagram,
  renderSvg,
  reportHtml,
  reportMarkdown,
  toFhirBundle,
  type Analysis,
} from '../../server/src/core';
import {
  describeCase,
  findingProblems,
  fuzzCase,
  fuzzCorpus,
  fuzzPlan,
  LONG_RUN,
  SMALL_PATHWAY,
  type FuzzCase,
} from '../support/fuzz';
import { occurrencesOf } from '../../server/src/core/language';
import { EXAMPLES } from '../support/paths';

/**
 * The seeded fuzzer, core tier: mutations of the examples through `analyzeWhole` (one parse),
 * `analyze` and the incremental analyzer (read in blocks, which must agree), and everything that reads an analysis (quick fixes, ids, the audit report, the
 * diff, the FHIR export, the flowchart). `npm test` runs a quick slice (a few seconds);
 * `npm run fuzz` runs thousands of cases:
 *
 *   PATHWAY_FUZZ_CASES=20000 npx mocha out/test/unit/fuzz.test.js   a long run
 *   PATHWAY_FUZZ_SEED=1234 npx mocha out/test/unit/fuzz.test.js     one case again
 */
const PLAN = fuzzPlan({ cases: 400, timeLimitMs: 4000, minimum: 30 });

/** Generous: an example takes a few milliseconds; a slow machine may take many times that. */
const TIME_PER_DOCUMENT_MS = 2000;

function comparable(analysis: Analysis): string {
  return JSON.stringify(analysis.findings);
}

/** Runs an analysis through every reader of it; returns what failed. */
function readersFail(analysis: Analysis, original: Analysis): string[] {
  const failures: string[] = [];
  const attempt = (what: string, run: () => unknown): void => {
    try {
      run();
    } catch (error) {
      failures.push(
        `${what} threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  };
  attempt('quick fixes', () => analysis.findings.forEach((finding) => fixesFor(analysis, finding)));
  attempt(
    'ids and their uses',
    () => analysis.model && collectOccurrences(analysis.model, analysis.parsed.text),
  );
  attempt('inputs and the words of conditions', () => occurrencesOf(analysis));
  attempt('the audit report', () => {
    const report = buildAuditReport(analysis, { date: '2025-01-01' });
    reportMarkdown(report);
    reportHtml(report);
  });
  attempt('the diff', () => analysis.model && original.model && diffPathways(original, analysis));
  attempt('the FHIR export', () => analysis.model && toFhirBundle(analysis));
  attempt('the flowchart', () => analysis.model && buildDiagram(analysis));
  return failures;
}

function check(c: FuzzCase, original: Analysis, incremental: IncrementalAnalyzer): void {
  const started = performance.now();
  let analysis: Analysis;
  try {
    analysis = analyzeWhole(c.text);
  } catch (error) {
    assert.fail(`${describeCase(c)}\nanalyzeWhole threw: ${String(error)}`);
  }
  const took = performance.now() - started;
  const problems = findingProblems(analysis.findings, analysis.parsed.lines);
  if (took > TIME_PER_DOCUMENT_MS) problems.push(`analysis took ${Math.round(took)} ms`);
  problems.push(...readersFail(analysis, original));

  try {
    const inBlocks = analyze(c.text);
    if (comparable(inBlocks) !== comparable(analysis)) {
      problems.push(`analyze (in blocks) disagrees with analyzeWhole`);
    }
  } catch (error) {
    problems.push(`analyze threw: ${String(error)}`);
  }

  // The incremental path, fed the same mutations one after another, must agree. Each
  // pathway keeps one analyzer, which goes back to the pathway before each case's edits.
  incremental.analyze(c.base.text);
  let last: Analysis | undefined;
  try {
    for (const step of c.steps) last = incremental.analyze(step);
  } catch (error) {
    problems.push(`the incremental analyzer threw: ${String(error)}`);
  }
  if (last && comparable(last) !== comparable(analysis)) {
    problems.push(
      `the incremental analyzer disagrees:\n  incremental ${comparable(last).slice(0, 1500)}\n  whole       ${comparable(analysis).slice(0, 1500)}`,
    );
  }
  if (problems.length > 0) assert.fail(`${describeCase(c)}\n${problems.join('\n')}`);
}

describe('fuzzing the core (seeded mutations of the examples)', function () {
  this.timeout(LONG_RUN ? 0 : 60_000);
  const corpus = fuzzCorpus();
  const originals = new Map(corpus.map((seedling) => [seedling.name, analyzeWhole(seedling.text)]));
  const analyzers = new Map(corpus.map((seedling) => [seedling.name, new IncrementalAnalyzer()]));

  it(`never throws, always answers, keeps every range inside the text (${PLAN.seeds.length > 1 ? `up to ${PLAN.seeds.length} cases` : `seed ${PLAN.seeds[0]}`})`, () => {
    const started = performance.now();
    let ran = 0;
    for (const seed of PLAN.seeds) {
      if (ran >= PLAN.minimum && performance.now() - started > PLAN.timeLimitMs) break;
      const c = fuzzCase(seed, corpus);
      check(
        c,
        originals.get(c.base.name) as Analysis,
        analyzers.get(c.base.name) as IncrementalAnalyzer,
      );
      ran++;
    }
    console.log(`      ${ran} cases in ${Math.round(performance.now() - started)} ms`);
  });

  it('a small pathway cut at every length, whole and edited from the end', () => {
    const files = LONG_RUN
      ? [SMALL_PATHWAY, `${EXAMPLES}/flawed/flawed.pathway.yaml`]
      : [SMALL_PATHWAY];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const incremental = new IncrementalAnalyzer();
      for (let length = text.length; length >= 0; length--) {
        const cut = text.slice(0, length);
        const where = `${file} cut at ${length}`;
        const whole = analyzeWhole(cut);
        const problems = findingProblems(whole.findings, whole.parsed.lines);
        assert.deepEqual(problems, [], where);
        assert.equal(comparable(incremental.analyze(cut)), comparable(whole), where);
      }
    }
  });

  it('draws mutated pathways (layout and SVG) without failing', async function () {
    this.timeout(LONG_RUN ? 0 : 30_000);
    const seeds = PLAN.seeds.slice(0, LONG_RUN ? 500 : 5);
    for (const seed of seeds) {
      const c = fuzzCase(seed, corpus);
      const analysis = analyzeWhole(c.text);
      if (!analysis.model) continue;
      try {
        renderSvg(await layoutDiagram(buildDiagram(analysis)), { legend: true });
      } catch (error) {
        assert.fail(`${describeCase(c)}\nthe flowchart failed: ${String(error)}`);
      }
    }
  });
});
