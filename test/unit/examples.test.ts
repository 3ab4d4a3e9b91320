import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, fileScenarios, scenarioRuns, type Analysis } from '../../server/src/core';
import { reachAnalysis } from '../../server/src/core/checks/reach';
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
      const analysis = analyze(text);
      assert.equal(formatGolden(analysis.findings), '');
      // Clean because it is complete, not because nothing was read.
      assert.ok((analysis.model?.steps.size ?? 0) >= 8, 'a real pathway has several steps');
      assert.ok((analysis.model?.references.size ?? 0) >= 1, 'a real pathway cites evidence');
    });

    it(`${name} checks clean with every rule on, untested-branch included`, () => {
      assert.equal(formatGolden(analyze(text, EVERY_RULE).findings), '');
    });

    it(`${name}: every scenario passes and every end is reached by one`, () => {
      const analysis = analyze(text);
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
      const analysis = analyze(text);
      const model = analysis.model;
      const graph = analysis.graph;

      it('is asked about at every assessment that measures facts for a decision', () => {
        assert.ok(model);
        const logic = scenarioRuns(model, text).logic;
        assert.ok(logic.records.size > 0, 'the example records facts');
        for (const [step, inputs] of logic.records) {
          for (const flag of RED_FLAGS)
            assert.ok(inputs.includes(flag), `assessment "${step}" does not record "${flag}"`);
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
        const decisions = [...model.steps.values()].filter((step) => {
          const arriving = step.kind === 'decision' ? analysis.reach.get(step.id) : undefined;
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
