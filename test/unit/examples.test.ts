import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, fileScenarios, scenarioRuns, type Analysis } from '../../server/src/core';
import { reachAnalysis } from '../../server/src/core/checks/reach';
import { bibliographyFormat, type Bibliography } from '../../server/src/core/bibliography/read';
import { RULE_LIST, type RuleCode } from '../../server/src/core/checks/ruleList';
import {
  conditionSet,
  intersection,
  isEmpty,
  parseCondition,
  witness,
} from '../../server/src/core/logic';
import type { CheckOptions } from '../../server/src/core/options';
import { formatGolden, UPDATE_GOLDENS } from '../support/goldens';
import { analyzeWithFiles } from '../support/withFiles';
import { EXAMPLES } from '../support/paths';

/** Every rule at its default level, and the rules that are off by default as warnings. */
const EVERY_RULE: CheckOptions = {
  rules: Object.fromEntries(
    RULE_LIST.filter((rule) => rule.defaultSeverity === 'off').map((rule) => [
      rule.code,
      'warning',
    ]),
  ),
};

/** The facts that must send a patient to emergency or urgent care, wherever they are found. */
const RED_FLAGS = ['cauda-equina', 'progressive-deficit'];
/** An end a reader recognises as emergency or urgent care, by its title. */
const URGENT_END = /\b(emergency|urgent)\b/i;

function lineOf(analysis: Analysis): (offset: number) => number {
  return (offset) => analysis.parsed.text.slice(0, offset).split('\n').length;
}

describe('examples', () => {
  const files = fs
    .readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.pathway.yaml'))
    .map((name) => path.join(EXAMPLES, name));

  it('has at least five clinical examples', () => {
    assert.ok(files.length >= 5, `found ${files.length}`);
  });

  for (const file of files) {
    const name = path.basename(file);
    const text = fs.readFileSync(file, 'utf8');

    it(`${name} checks clean`, () => {
      const analysis = analyzeWithFiles(file, text);
      assert.equal(formatGolden(analysis.findings), '');
      // Clean because it is complete, not because nothing was read: every cite is answered,
      // by the pathway's own references or by a bibliography it names.
      assert.ok((analysis.model?.steps.size ?? 0) >= 8, 'a real pathway has several steps');
      const cites = [...(analysis.model?.steps.values() ?? [])].flatMap((step) =>
        step.cite.map(({ target }) => target),
      );
      assert.ok(cites.length >= 1, 'a real pathway cites evidence');
      for (const id of cites)
        assert.ok(id !== undefined && analysis.sources.resolve(id), `cite "${String(id)}"`);
    });

    it(`${name} checks clean with every rule on, untested-branch included`, () => {
      assert.equal(formatGolden(analyzeWithFiles(file, text, EVERY_RULE).findings), '');
    });

    it(`${name}: every scenario passes and every end is reached by one`, () => {
      const analysis = analyzeWithFiles(file, text);
      assert.ok(analysis.model);
      const { results, notRun, coverage } = fileScenarios(analysis.model, text, lineOf(analysis));
      assert.ok(results.length > 0, 'the example has scenarios');
      assert.deepEqual(notRun, []);
      assert.deepEqual(
        results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.message}`),
        [],
      );
      assert.deepEqual(
        coverage.ends.filter((end) => end.scenarios === 0).map((end) => end.step),
        [],
        'ends no scenario reaches',
      );
      // Every decision is worked out from the facts where the source defines the criterion:
      // at least the red-flag screens are computable.
      const runs = scenarioRuns(analysis.model, text);
      assert.ok(
        [...runs.logic.decisions.values()].some((d) => d.kind === 'computable'),
        'the example has computable decisions',
      );
    });

    describe(`${name}: a patient with cauda equina features or a progressive deficit`, () => {
      const analysis = analyzeWithFiles(file, text);
      const model = analysis.model;
      const graph = analysis.graph;

      it('is asked about at every assessment that measures facts for a decision', () => {
        assert.ok(model);
        const logic = scenarioRuns(model, text).logic;
        assert.ok(logic.records.size > 0, 'the example records facts');
        // Each records them itself, or leads straight to the shared red-flag screen.
        const screened = (id: string | undefined): boolean =>
          id !== undefined && RED_FLAGS.every((flag) => logic.records.get(id)?.includes(flag));
        for (const [step, inputs] of logic.records) {
          const next = model.steps.get(step)?.next?.target;
          for (const flag of RED_FLAGS)
            assert.ok(
              inputs.includes(flag) ||
                (model.steps.get(next ?? '')?.kind === 'pathway' && screened(next)),
              `assessment "${step}" does not record "${flag}"`,
            );
        }
      });

      it('never reaches an end other than emergency or urgent care (for every patient)', () => {
        assert.ok(model && graph);
        const analysis = reachAnalysis(model, graph, text);
        assert.ok(analysis, 'the example has computable decisions');
        assert.deepEqual([...analysis.unanalysed], [], 'every step is analysed');
        const parsed = parseCondition(RED_FLAGS.join(' or '));
        assert.ok(parsed.ok);
        const flagged = conditionSet(parsed.condition, analysis.logic.inputs);
        assert.equal(flagged.kind, 'set');
        const urgent = [...model.steps.values()].filter(
          (s) => s.kind === 'end' && URGENT_END.test(s.title ?? ''),
        );
        assert.ok(urgent.length > 0, 'the example has an emergency or urgent end');
        let reachesUrgentCare = false;
        for (const step of model.steps.values()) {
          if (step.kind !== 'end') continue;
          const arriving = analysis.reach.get(step.id);
          if (!arriving) continue;
          const patients = intersection(arriving, flagged);
          assert.equal(patients.kind, 'set');
          if (urgent.includes(step)) {
            reachesUrgentCare ||= !isEmpty(patients);
            continue;
          }
          const example = witness(patients, [...analysis.logic.inputs.keys()]);
          assert.ok(
            isEmpty(patients),
            `a patient with ${[...(example ?? [])].map(([k, v]) => `${k} = ${String(v)}`).join(', ')} reaches end "${step.id}"`,
          );
        }
        assert.ok(reachesUrgentCare, 'red-flag patients reach emergency or urgent care');
      });

      it('has a scenario reaching emergency or urgent care at every decision it can reach', () => {
        assert.ok(model && graph);
        const analysis = reachAnalysis(model, graph, text);
        assert.ok(analysis);
        const parsed = parseCondition(RED_FLAGS.join(' or '));
        assert.ok(parsed.ok);
        const flagged = conditionSet(parsed.condition, analysis.logic.inputs);
        assert.equal(flagged.kind, 'set');
        const runs = scenarioRuns(model, text);
        const isUrgentEnd = (id: string | undefined): boolean => {
          const step = id === undefined ? undefined : model.steps.get(id);
          return step?.kind === 'end' && URGENT_END.test(step.title ?? '');
        };
        // The decisions, and the shared red-flag screen where a pathway uses it.
        const decisions = [...model.steps.values()].filter((step) => {
          const arriving =
            step.kind === 'decision' || step.kind === 'pathway'
              ? analysis.reach.get(step.id)
              : undefined;
          if (!arriving) return false;
          const patients = intersection(arriving, flagged);
          return patients.kind === 'set' && !isEmpty(patients);
        });
        assert.ok(decisions.length >= 2, 'red flags are screened at the start and at review');
        for (const decision of decisions) {
          const proved = runs.scenarios.some((scenario) => {
            const outcome = runs.outcomes.get(scenario.id);
            if (outcome?.status !== 'passed') return false;
            const hasFlag = RED_FLAGS.some((flag) => scenario.facts.get(flag)?.includes(true));
            const at = outcome.route.lastIndexOf(decision.id);
            const after = outcome.route.slice(at + 1);
            return (
              hasFlag &&
              at >= 0 &&
              isUrgentEnd(after.at(-1)) &&
              after.every((id) => model.steps.get(id)?.kind !== 'decision')
            );
          });
          assert.ok(
            proved,
            `no scenario sends a red-flag patient from "${decision.id}" to urgent care`,
          );
        }
      });
    });
  }

  describe('the shared evidence', () => {
    const analyses = files.map((file) => ({ file, analysis: analyzeWithFiles(file) }));
    /** Every bibliography the examples name, by its path from the repository root. */
    const named = new Map<string, Bibliography>();
    for (const { analysis } of analyses)
      for (const item of analysis.sources.items)
        if (item.path !== undefined && item.state.kind === 'read')
          named.set(item.path, item.state.bibliography);

    it('every example names the shared references file, and every bibliography there is read', () => {
      for (const { file, analysis } of analyses)
        assert.ok(
          analysis.sources.items.some((item) => item.written === 'low-back-pain.references.yaml'),
          `${path.basename(file)} does not name the shared references file`,
        );
      const onDisk = fs
        .readdirSync(EXAMPLES)
        .filter((name) => bibliographyFormat(name) !== undefined)
        .map((name) => `examples/${name}`)
        .sort();
      assert.deepEqual([...named.keys()].sort(), onDisk, 'a bibliography no example names');
      assert.ok(
        [...named.values()].some((bibliography) => bibliography.format === 'bibtex'),
        'an example cites from a BibTeX export',
      );
      for (const [where, bibliography] of named)
        assert.deepEqual(bibliography.broken, [], `${where} has entries that give no reference`);
    });

    it('holds each work once: under one id, in one place, and cited', () => {
      const places = new Map<string, string[]>();
      const add = (key: string, where: string): void => {
        places.set(key, [...(places.get(key) ?? []), where]);
      };
      const works = new Map<string, Readonly<Record<string, unknown>>>();
      for (const { file, analysis } of analyses)
        for (const [id, reference] of analysis.model?.references ?? []) {
          add(id, path.basename(file));
          works.set(id, reference.fields);
        }
      for (const [where, bibliography] of named)
        for (const [id, entry] of bibliography.entries) {
          add(id, where);
          works.set(id, entry.fields);
        }
      assert.deepEqual(
        [...places].filter(([, where]) => where.length > 1),
        [],
        'an id defined in two places',
      );
      // The same work under two ids: the same DOI or PubMed id.
      for (const field of ['doi', 'pmid']) {
        const ids = new Map<string, string[]>();
        for (const [id, fields] of works) {
          const value = fields[field];
          if (typeof value === 'string')
            ids.set(value.toLowerCase(), [...(ids.get(value.toLowerCase()) ?? []), id]);
        }
        assert.deepEqual(
          [...ids].filter(([, same]) => same.length > 1),
          [],
          `one ${field} under two ids`,
        );
      }
      const cited = new Set(
        analyses.flatMap(({ analysis }) =>
          [...(analysis.model?.steps.values() ?? [])].flatMap((step) =>
            step.cite.map(({ target }) => target),
          ),
        ),
      );
      assert.deepEqual(
        [...works.keys()].filter((id) => !cited.has(id)),
        [],
        'a work no example cites',
      );
    });

    it('keeps in a pathway only what that pathway alone cites', () => {
      const citers = new Map<string, Set<string>>();
      for (const { file, analysis } of analyses)
        for (const step of analysis.model?.steps.values() ?? [])
          for (const { target } of step.cite)
            if (target !== undefined)
              citers.set(target, (citers.get(target) ?? new Set()).add(path.basename(file)));
      for (const { file, analysis } of analyses)
        for (const id of analysis.model?.references.keys() ?? [])
          assert.deepEqual([...(citers.get(id) ?? [])], [path.basename(file)], id);
    });
  });

  describe('the flawed example', () => {
    const folder = path.join(EXAMPLES, 'flawed');
    const flawed = fs.readFileSync(path.join(folder, 'flawed.pathway.yaml'), 'utf8');
    /** Rules the flawed file cannot show: each needs a file of its own, or a broken checker. */
    const NOT_SHOWN: readonly RuleCode[] = [
      'yaml-syntax',
      // Needs conditions too tangled to teach anything, and stops the logic checks after it.
      'analysis-limit',
      'file-too-large',
      'internal-error',
      // About the files a pathway names under `bibliography` or `use` (test/fixtures-files
      // shows each).
      'unknown-file',
      'invalid-bibliography',
      'shadowed-reference',
      'circular-pathway',
      'input-mismatch',
    ];

    it('trips every rule on by default once (and yaml-syntax in its own file)', () => {
      const codes = analyze(flawed)
        .findings.map((f) => f.code)
        .sort();
      const expected = RULE_LIST.filter(
        (rule) => rule.defaultSeverity !== 'off' && !NOT_SHOWN.includes(rule.code),
      )
        .map((rule) => rule.code as string)
        .sort();
      assert.deepEqual(codes, expected);
      const broken = analyze(
        fs.readFileSync(path.join(folder, 'broken-yaml.pathway.yaml'), 'utf8'),
      );
      assert.deepEqual(
        broken.findings.map((f) => f.code),
        ['yaml-syntax'],
      );
    });

    it('trips each rule that is off by default once when it is turned on', () => {
      const before = analyze(flawed).findings.map((f) => f.code);
      const after = analyze(flawed, EVERY_RULE).findings.map((f) => f.code);
      const added = [...after];
      for (const code of before) added.splice(added.indexOf(code), 1);
      assert.deepEqual(
        added.sort(),
        RULE_LIST.filter((rule) => rule.defaultSeverity === 'off')
          .map((rule) => rule.code as string)
          .sort(),
      );
    });

    it('reports where flawed.expected.txt says', () => {
      const golden = path.join(folder, 'flawed.expected.txt');
      const actual = analyze(flawed).findings.map(
        (f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`,
      );
      if (UPDATE_GOLDENS) fs.writeFileSync(golden, `${actual.join('\n')}\n`);
      assert.deepEqual(actual, fs.readFileSync(golden, 'utf8').trim().split('\n'));
    });

    it('names the rule of each finding in a comment just above it', () => {
      const lines = flawed.split('\n');
      for (const finding of analyze(flawed, EVERY_RULE).findings) {
        const line = finding.range.start.line;
        const above = lines.slice(Math.max(0, line - 3), line + 1).join('\n');
        assert.ok(
          above.includes(`# ${finding.code}`),
          `no comment names ${finding.code} above line ${line + 1}`,
        );
      }
    });
  });
});
