import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import {
  analyze,
  decisionExpressions,
  fhirId,
  fhirPathConstant,
  toFhirBundle,
  toFhirPath,
  FHIR_PROFILES,
  FHIRPATH_LANGUAGE,
  type Analysis,
  type FhirPlanDefinition,
  type FhirPlanDefinitionAction,
} from '../../server/src/core';
import { pathwayLogic } from '../../server/src/core/checks/decisionLogic';
import {
  evaluate3,
  parseCondition,
  type Condition,
  type InputDef,
  type Inputs,
  type Truth,
  type Value,
} from '../../server/src/core/logic';
import { forEachTest } from '../../server/src/core/logic/ast';
import { FIXTURES, ROOT } from '../support/paths';
import {
  randomCondition,
  randomInputs,
  randomSource,
  SHORT_NAMES,
  type InputNames,
} from '../support/randomConditions';

/*
 * The FHIR export writes each computable decision's conditions in FHIRPath. These tests read
 * them back with HL7's FHIRPath engine for JavaScript (the `fhirpath` package, with the R4
 * model) and ask it which answers apply, for many patients per decision: the answers it finds
 * applicable must be exactly those the pathway's own evaluator takes.
 */

function parsed(text: string): Condition {
  const result = parseCondition(text);
  if (!result.ok) assert.fail(`"${text}": ${result.error.message}`);
  return result.condition;
}

/** An expression compiled by the engine, with the R4 model, once for every patient. */
interface Compiled {
  readonly expression: string;
  readonly run: (resource: unknown, env: Record<string, unknown>) => unknown;
}

function compiled(expression: string): Compiled {
  const run = fhirpath.compile(expression, r4);
  return { expression, run: (resource, env) => run(resource, env) };
}

/** What the engine gives for one expression: true, false, or empty (unknown). */
function engineTruth(expression: Compiled, env: Record<string, unknown>): Truth {
  const result = expression.run({}, env);
  if (!Array.isArray(result)) assert.fail(`${expression.expression}: not a collection`);
  if (result.length === 0) return 'unknown';
  if (result.length === 1 && typeof result[0] === 'boolean') return result[0];
  return assert.fail(`${expression.expression}: ${JSON.stringify(result)} is not a boolean`);
}

describe('conditions as FHIRPath: the translation', () => {
  const cases: [string, string][] = [
    ['age >= 18', '%age >= 18'],
    ['weeks > 6', '%`weeks` > 6'],
    ['red-flags', '%`red-flags`'],
    ['pain_score <= 7.5', '%pain_score <= 7.5'],
    ['t = -1.5', '%t = -1.5'],
    ['t < 3000000000', '%t < 3000000000.0'],
    ['t != 007', '%t != 007'],
    ['flag = true', '%flag = true'],
    ['flag != false', '%flag != false'],
    ['response = worse', "%response = 'worse'"],
    ['true', 'true'],
    ['not false', 'false.not()'],
    ['not flag', '%flag.not()'],
    ['not age > 6', '(%age > 6).not()'],
    ['not not flag', '%flag.not().not()'],
    ['a or b and c', '%a or %b and %c'],
    ['(a or b) and c', '(%a or %b) and %c'],
    ['a and (b or c) and d', '%a and (%b or %c) and %d'],
    ['a or (b or c)', '%a or %b or %c'],
    ['not (a or b)', '(%a or %b).not()'],
    ['not (a and b)', '(%a and %b).not()'],
    ['not a and b', '%a.not() and %b'],
    ['response in [improved]', "%response = 'improved'"],
    ['response in [improved, worse]', "%response = 'improved' or %response = 'worse'"],
    ['response not in [improved]', "%response != 'improved'"],
    ['response not in [improved, worse]', "%response != 'improved' and %response != 'worse'"],
    ['a and response in [x, y]', "%a and (%response = 'x' or %response = 'y')"],
    ['a or response not in [x, y]', "%a or %response != 'x' and %response != 'y'"],
    ['not response not in [x, y]', "(%response != 'x' and %response != 'y').not()"],
    ['weeks in [1, 2.5]', '%`weeks` = 1 or %`weeks` = 2.5'],
  ];

  it('follows the translation table, with brackets only where FHIRPath needs them', () => {
    for (const [condition, expected] of cases)
      assert.equal(toFhirPath(parsed(condition)), expected, condition);
  });

  it('writes expressions the FHIRPath engine parses', () => {
    for (const [, expression] of cases) assert.doesNotThrow(() => fhirpath.parse(expression));
  });

  it('reads inputs as external constants, delimited when the name is not a plain identifier', () => {
    assert.equal(fhirPathConstant('age'), '%age');
    assert.equal(fhirPathConstant('pain_score'), '%pain_score');
    assert.equal(fhirPathConstant('red-flags'), '%`red-flags`');
    // `weeks` is a calendar unit in FHIRPath: the plain form does not even parse.
    assert.throws(() => fhirpath.evaluate({}, '%weeks', { weeks: 1 }));
    assert.equal(fhirPathConstant('weeks'), '%`weeks`');
    const names = [
      'age',
      'a',
      'A1',
      'x_y',
      'red-flags',
      'a-b_c-9',
      ...['year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond'].flatMap(
        (unit) => [unit, `${unit}s`],
      ),
      ...['div', 'mod', 'xor', 'implies', 'is', 'as', 'contains', 'sort', 'asc', 'desc'],
      'where',
      'exists',
      'Weeks',
      'ors',
      'notes',
    ];
    for (const name of names) {
      const constant = fhirPathConstant(name);
      assert.deepEqual(fhirpath.evaluate({}, constant, { [name]: 42 }, r4), [42], constant);
      assert.deepEqual(
        fhirpath.evaluate({}, `${constant} > 41 and ${constant}.exists()`, { [name]: 42 }, r4),
        [true],
        constant,
      );
    }
  });

  it('encodes first-match order in the expressions, and the otherwise as none of them', () => {
    const conditions = ['red-flags', 'weeks > 6 or age >= 65', 'response in [worse, same]'].map(
      parsed,
    );
    assert.deepEqual(decisionExpressions(conditions, 'exclusive'), {
      branches: [
        '%`red-flags`',
        '%`weeks` > 6 or %age >= 65',
        "%response = 'worse' or %response = 'same'",
      ],
      otherwise:
        "(%`red-flags` or %`weeks` > 6 or %age >= 65 or %response = 'worse' or %response = 'same').not()",
    });
    assert.deepEqual(decisionExpressions(conditions, 'first')?.branches, [
      '%`red-flags`',
      '%`red-flags`.not() and (%`weeks` > 6 or %age >= 65)',
      "(%`red-flags` or %`weeks` > 6 or %age >= 65).not() and (%response = 'worse' or %response = 'same')",
    ]);
  });

  it('writes nothing past a length limit: first-match text grows with the square of the branches', () => {
    const conditions = Array.from({ length: 10 }, (_, i) => parsed(`weeks = ${i}`));
    const first = decisionExpressions(conditions, 'first');
    const exclusive = decisionExpressions(conditions, 'exclusive');
    assert.ok(first && exclusive);
    const length = (e: { branches: readonly string[]; otherwise: string }): number =>
      [...e.branches, e.otherwise].join('').length;
    assert.equal(length(first), 1085);
    assert.equal(length(exclusive), 284);
    // The limit is checked against a bound worked out before any text is written.
    assert.deepEqual(decisionExpressions(conditions, 'first', 1200), first);
    assert.equal(decisionExpressions(conditions, 'first', 1000), undefined);
    assert.deepEqual(decisionExpressions(conditions, 'exclusive', 1000), exclusive);
    // One condition longer than the limit is not even written out.
    const long = parsed(`weeks in [${Array.from({ length: 1000 }, (_, i) => i).join(', ')}]`);
    assert.equal(decisionExpressions([long], 'exclusive', 10_000), undefined);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* The pathway's evaluator, as pathway-logic §3 and §5 read it                                 */

const and3 = (truths: readonly Truth[]): Truth =>
  truths.includes(false) ? false : truths.every((t) => t === true) ? true : 'unknown';
const or3 = (truths: readonly Truth[]): Truth =>
  truths.includes(true) ? true : truths.every((t) => t === false) ? false : 'unknown';
const not3 = (truth: Truth): Truth => (truth === 'unknown' ? truth : !truth);

/**
 * When each answer applies, in three-valued logic: branch i of an exclusive decision when its
 * condition holds; of a first-match decision when it holds and no earlier one does; the
 * otherwise when none holds.
 */
function applicability(
  conditions: readonly Condition[],
  match: 'exclusive' | 'first',
  patient: ReadonlyMap<string, Value>,
): Truth[] {
  const truths = conditions.map((c) => evaluate3(c, patient));
  const branches = truths.map((truth, i) =>
    match === 'first' ? and3([not3(or3(truths.slice(0, i))), truth]) : truth,
  );
  return [...branches, not3(or3(truths))];
}

/**
 * The answers the pathway takes for a patient whose every input is known: the branches that
 * hold (one for a well-formed exclusive decision; several where branches overlap), the first
 * that holds for a first-match decision, else the otherwise when there is one.
 */
function answersTaken(
  conditions: readonly Condition[],
  match: 'exclusive' | 'first',
  hasOtherwise: boolean,
  patient: ReadonlyMap<string, Value>,
): number[] {
  const holds = conditions.map((c) => evaluate3(c, patient));
  assert.ok(!holds.includes('unknown'), 'every input is known');
  const taken = holds.flatMap((h, i) => (h === true ? [i] : []));
  if (match === 'first' && taken.length > 1) taken.length = 1;
  if (taken.length === 0 && hasOtherwise) taken.push(conditions.length);
  return taken;
}

/**
 * The answer a scenario's route takes at the decision (pathway-logic §5), facts missing or
 * not: exclusive, the branch that holds when every other is false; first, the first that
 * holds with none unknown before it; the otherwise when all are false; else it is stuck.
 */
function scenarioAnswer(
  conditions: readonly Condition[],
  match: 'exclusive' | 'first',
  hasOtherwise: boolean,
  patient: ReadonlyMap<string, Value>,
): number | 'stuck' {
  const truths = conditions.map((c) => evaluate3(c, patient));
  if (match === 'first') {
    for (const [i, truth] of truths.entries()) {
      if (truth === true) return i;
      if (truth === 'unknown') return 'stuck';
    }
  } else {
    const holding = truths.flatMap((t, i) => (t === true ? [i] : []));
    const [only] = holding;
    if (holding.length === 1 && only !== undefined && !truths.includes('unknown')) return only;
    if (holding.length > 0 || truths.includes('unknown')) return 'stuck';
  }
  return hasOtherwise ? conditions.length : 'stuck';
}

/* ------------------------------------------------------------------------------------------ */
/* Patients                                                                                    */

/** Every number an input is compared with, in any of the conditions. */
function constantsOf(conditions: readonly Condition[]): Map<string, number[]> {
  const found = new Map<string, number[]>();
  const add = (id: string, value: number): void => {
    found.set(id, [...(found.get(id) ?? []), value]);
  };
  for (const condition of conditions) {
    forEachTest(condition, (test) => {
      if (test.kind === 'compare' && test.literal.kind === 'number')
        add(test.input.name, test.literal.value);
      if (test.kind === 'member')
        for (const literal of test.literals)
          if (literal.kind === 'number') add(test.input.name, literal.value);
    });
  }
  return found;
}

/**
 * The values worth trying for an input: both answers, every choice, and for numbers each
 * constant compared with and each bound, on it and just beside it, within the bounds.
 */
function candidates(def: InputDef, constants: readonly number[]): Value[] {
  if (def.type === 'boolean') return [true, false];
  if (def.type === 'choice') return [...(def.values ?? [])];
  const steps = def.type === 'integer' ? [1] : [1, 0.5, 0.001];
  const anchors = [...constants, def.min, def.max, 0].filter((v): v is number => v !== undefined);
  const values = new Set<number>();
  for (const anchor of anchors) {
    values.add(anchor);
    for (const step of steps) {
      values.add(anchor - step);
      values.add(anchor + step);
    }
  }
  values.add(def.min ?? -1000);
  values.add(def.max ?? 1000);
  return [...values]
    .filter(
      (v) =>
        (def.type === 'number' || Number.isInteger(v)) &&
        (def.min === undefined || v >= def.min) &&
        (def.max === undefined || v <= def.max),
    )
    .sort((a, b) => a - b);
}

/**
 * Patients for a decision: first every candidate value of every input at least once, then
 * random picks; with `unknown` > 0, each input is unknown with that chance.
 */
function patients(
  inputs: Inputs,
  conditions: readonly Condition[],
  random: () => number,
  count: number,
  unknown = 0,
): Map<string, Value>[] {
  const constants = constantsOf(conditions);
  const choices = [...inputs.values()].map((def) => ({
    id: def.id,
    values: candidates(def, constants.get(def.id) ?? []),
  }));
  const widest = Math.max(0, ...choices.map((c) => c.values.length));
  const made: Map<string, Value>[] = [];
  for (let k = 0; k < Math.max(count, widest); k++) {
    const patient = new Map<string, Value>();
    for (const { id, values } of choices) {
      if (values.length === 0 || random() < unknown) continue;
      const index = k < widest ? k % values.length : Math.floor(random() * values.length);
      patient.set(id, values[index] as Value);
    }
    made.push(patient);
  }
  return made;
}

/** The engine's environment: each input by its own name; an unknown one is empty. */
function environment(inputs: Inputs, patient: ReadonlyMap<string, Value>): Record<string, unknown> {
  const env: Record<string, unknown> = {};
  for (const id of inputs.keys()) env[id] = patient.has(id) ? patient.get(id) : [];
  return env;
}

/* ------------------------------------------------------------------------------------------ */
/* The exported decisions, read back                                                           */

interface ExportedDecision {
  readonly where: string;
  readonly inputs: Inputs;
  readonly conditions: readonly Condition[];
  readonly match: 'exclusive' | 'first';
  readonly hasOtherwise: boolean;
  /** The FHIRPath expression of each answer: the branches, then the otherwise if any. */
  readonly expressions: readonly Compiled[];
  /** The facts of the file's scenarios, as patients (some inputs unknown). */
  readonly scenarios: readonly ReadonlyMap<string, Value>[];
}

function strategyOf(analysis: Analysis): FhirPlanDefinition {
  const strategy = (toFhirBundle(analysis).entry ?? [])
    .map((e) => e.resource)
    .find(
      (r): r is FhirPlanDefinition =>
        r.resourceType === 'PlanDefinition' && r.meta.profile.includes(FHIR_PROFILES.strategy),
    );
  assert.ok(strategy, 'a strategy');
  return strategy;
}

/** Whether a fact's value fits its input (pathway-logic §5: else it is an invalid-fact). */
function fits(def: InputDef, value: unknown): value is Value {
  if (def.type === 'boolean') return typeof value === 'boolean';
  if (def.type === 'choice') return typeof value === 'string' && !!def.values?.includes(value);
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (def.type === 'number' || Number.isInteger(value)) &&
    (def.min === undefined || value >= def.min) &&
    (def.max === undefined || value <= def.max)
  );
}

/**
 * The patients a file's scenarios describe: one per recording, the k-th value of each list
 * (past its end, the last); facts that do not fit their input are left out.
 */
function scenarioPatients(analysis: Analysis, inputs: Inputs): Map<string, Value>[] {
  const made: Map<string, Value>[] = [];
  const scenarios = analysis.model?.root.entries?.get('scenarios')?.entries;
  for (const scenario of scenarios?.values() ?? []) {
    const facts = [...(scenario.entries?.get('facts')?.entries ?? [])];
    const values = facts.map(([, node]) =>
      node.items ? node.items.map((item) => item.value) : [node.value],
    );
    const length = Math.max(1, ...values.map((v) => v.length));
    for (let k = 0; k < length; k++) {
      const patient = new Map<string, Value>();
      facts.forEach(([id], f) => {
        const list = values[f] ?? [];
        const value = list[Math.min(k, list.length - 1)];
        const def = inputs.get(id);
        if (def && fits(def, value)) patient.set(id, value);
      });
      made.push(patient);
    }
  }
  return made;
}

/**
 * The computable decisions of a pathway with the FHIRPath the export gives their answers;
 * every other decision must keep conditions in words.
 */
function exportedDecisions(where: string, analysis: Analysis): ExportedDecision[] {
  assert.ok(analysis.model, `${where} parses`);
  const logic = pathwayLogic(analysis.model, analysis.parsed.text);
  const strategy = strategyOf(analysis);
  const scenarios = scenarioPatients(analysis, logic.inputs);
  const found: ExportedDecision[] = [];
  for (const [id, decision] of logic.decisions) {
    const action = strategy.action.find((a) => a.id === fhirId(id));
    assert.ok(action, `${where}: an action for ${id}`);
    const answers = action.action ?? [];
    const languages = answers.map((a) => a.condition?.[0]?.expression.language);
    if (decision.kind !== 'computable') {
      assert.ok(!languages.includes(FHIRPATH_LANGUAGE), `${where}: ${id} is ${decision.kind}`);
      continue;
    }
    const hasOtherwise = decision.step.otherwise !== undefined;
    assert.equal(answers.length, decision.branches.length + (hasOtherwise ? 1 : 0));
    found.push({
      where: `${where}: ${id}`,
      inputs: logic.inputs,
      conditions: decision.branches.map((b) => b.condition as Condition),
      match: decision.match,
      hasOtherwise,
      scenarios,
      expressions: answers.map((answer: FhirPlanDefinitionAction) => {
        assert.equal(answer.condition?.length, 1);
        const [condition] = answer.condition ?? [];
        assert.equal(condition?.kind, 'applicability');
        assert.equal(condition?.expression.language, FHIRPATH_LANGUAGE, `${where}: ${id}`);
        return compiled(condition?.expression.expression ?? '');
      }),
    });
  }
  return found;
}

/**
 * Where the engine and the pathway disagree on a decision, for `count` seeded patients with
 * every input known and as many with some unknown: the answers applicable for the known
 * ones, and each expression's three-valued truth for all of them.
 */
function disagreements(decision: ExportedDecision, seed: number, count = 200): string[] {
  const random = randomSource(seed);
  const problems: string[] = [];
  const known = patients(decision.inputs, decision.conditions, random, count);
  const partial = patients(decision.inputs, decision.conditions, random, count / 4, 0.3);
  for (const patient of [...decision.scenarios, ...known, ...partial]) {
    const env = environment(decision.inputs, patient);
    const engine = decision.expressions.map((e) => engineTruth(e, env));
    const expected = applicability(decision.conditions, decision.match, patient);
    if (!decision.hasOtherwise) expected.pop();
    const who = JSON.stringify(Object.fromEntries(patient));
    if (JSON.stringify(engine) !== JSON.stringify(expected))
      problems.push(
        `${who}: the engine reads ${JSON.stringify(engine)}, the pathway ${JSON.stringify(expected)}`,
      );
    // Where the route goes on, the engine applies that answer alone; where a first-match
    // route is stuck, none. (Where an exclusive one is stuck because another branch is
    // unknown, the engine may apply the branch that holds: docs/fhir.md.)
    const applicable = engine.flatMap((t, i) => (t === true ? [i] : []));
    const answer = scenarioAnswer(
      decision.conditions,
      decision.match,
      decision.hasOtherwise,
      patient,
    );
    const holding = decision.conditions.flatMap((c, i) =>
      evaluate3(c, patient) === true ? [i] : [],
    );
    const fits =
      answer !== 'stuck'
        ? JSON.stringify(applicable) === JSON.stringify([answer])
        : decision.match === 'first'
          ? applicable.length === 0
          : applicable.every((i) => holding.includes(i));
    if (!fits)
      problems.push(
        `${who}: the engine applies answers ${JSON.stringify(applicable)}, the route ${answer === 'stuck' ? 'is stuck' : `takes ${answer}`}`,
      );
    if (patient.size === decision.inputs.size) {
      const taken = answersTaken(
        decision.conditions,
        decision.match,
        decision.hasOtherwise,
        patient,
      );
      if (JSON.stringify(applicable) !== JSON.stringify(taken))
        problems.push(
          `${who}: the engine applies answers ${JSON.stringify(applicable)}, the pathway takes ${JSON.stringify(taken)}`,
        );
    }
    if (problems.length >= 3) break;
  }
  return problems;
}

function assertAgree(decisions: readonly ExportedDecision[], seed: number): void {
  for (const decision of decisions) {
    const problems = disagreements(decision, seed);
    const expressions = decision.expressions.map((e) => e.expression).join(' | ');
    assert.deepEqual(problems, [], `${decision.where} (${expressions})`);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Random pathways                                                                             */

const NAME_SETS: readonly InputNames[] = [
  SHORT_NAMES,
  {
    flag: 'red-flags',
    whole: 'weeks',
    number: 'systolic-bp',
    choice: 'work-status',
    otherFlag: 'div',
    values: ['off-work', 'modified-duties', 'working'],
  },
  {
    flag: 'is',
    whole: 'days',
    number: 'pain_score',
    choice: 'response',
    otherFlag: 'night_pain',
    values: ['improved', 'unchanged', 'worse'],
  },
];

/** A pathway of three chained decisions with random conditions, match and otherwise. */
function randomPathway(seed: number): string {
  const random = randomSource(seed);
  const names = NAME_SETS[seed % NAME_SETS.length] as InputNames;
  const defs = randomInputs(random, names);
  const inputs = defs
    .map((def) => {
      const lines = [`  ${def.id}:`, `    type: ${def.type}`, `    title: The ${def.id}`];
      if (def.min !== undefined) lines.push(`    min: ${def.min}`);
      if (def.max !== undefined) lines.push(`    max: ${def.max}`);
      if (def.values) lines.push(`    values: [${def.values.join(', ')}]`);
      return lines.join('\n');
    })
    .join('\n');
  const decisions = [1, 2, 3].map((n) => {
    const next = n < 3 ? `decide-${n + 1}` : 'done';
    const count = 1 + Math.floor(random() * 4);
    const match = random() < 0.5 ? 'first' : random() < 0.5 ? 'exclusive' : undefined;
    const branches = Array.from({ length: count }, (_, b) => {
      const condition = randomCondition(random, defs, 1 + Math.floor(random() * 3));
      return `      - when: Branch ${b + 1}\n        if: ${JSON.stringify(condition)}\n        next: ${next}`;
    });
    return [
      `  decide-${n}:`,
      '    kind: decision',
      `    title: Decision ${n}`,
      ...(match ? [`    match: ${match}`] : []),
      '    branches:',
      ...branches,
      ...(random() < 0.7 ? [`    otherwise: ${next}`] : []),
    ].join('\n');
  });
  return `pathway: 1
id: random-${seed}
title: Random decisions ${seed}
version: "1"
inputs:
${inputs}
start: decide-1
steps:
${decisions.join('\n')}
  done:
    kind: end
    title: Done
`;
}

function pathwayFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return pathwayFiles(full);
    return /\.pathway\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

describe("conditions as FHIRPath: HL7's engine takes the answers the pathway takes", function () {
  this.timeout(300_000);
  const SEED = Number(process.env['PATHWAY_LOGIC_SEED'] ?? 20240917);

  it('for every computable decision of the test pathway (all input types, first and exclusive)', () => {
    const file = path.join(ROOT, 'test', 'inputs', 'conditions.pathway.yaml');
    const decisions = exportedDecisions('conditions', analyze(fs.readFileSync(file, 'utf8')));
    assert.deepEqual(
      decisions.map((d) => [d.where, d.match, d.hasOtherwise]),
      [
        ['conditions: triage', 'first', true],
        ['conditions: response-check', 'exclusive', false],
      ],
    );
    // Its four scenarios: one patient per recording of a list of values.
    assert.equal(decisions[0]?.scenarios.length, 6);
    assert.deepEqual([...(decisions[0]?.scenarios[0]?.entries() ?? [])], [['red-flags', true]]);
    assertAgree(decisions, SEED);
  });

  it('for every computable decision in the fixtures and examples', () => {
    const files = [...pathwayFiles(FIXTURES), ...pathwayFiles(path.join(ROOT, 'examples'))];
    let count = 0;
    for (const file of files) {
      const analysis = analyze(fs.readFileSync(file, 'utf8'));
      if (!analysis.model) continue;
      const decisions = exportedDecisions(path.relative(ROOT, file), analysis);
      count += decisions.length;
      assertAgree(decisions, SEED);
    }
    assert.ok(count >= 20, `${count} computable decisions`);
  });

  const RANDOM = process.env['PATHWAY_LOGIC_SEED'] ? 1 : 40;
  it(`for random conditions (${RANDOM} pathways of three decisions from seed ${SEED})`, () => {
    for (let n = 0; n < RANDOM; n++) {
      const seed = SEED + n;
      const text = randomPathway(seed);
      const decisions = exportedDecisions(`random pathway ${seed}`, analyze(text));
      assert.equal(decisions.length, 3, `every decision of random pathway ${seed} is computable`);
      try {
        assertAgree(decisions, seed);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        assert.fail(`seed ${seed} (replay: PATHWAY_LOGIC_SEED=${seed}):\n${text}\n${message}`);
      }
    }
  });

  describe('the check itself fails on a wrong translation', () => {
    const decision = (conditions: string[], expressions: string[]): ExportedDecision => ({
      where: 'mutant',
      inputs: new Map<string, InputDef>([
        ['a', { id: 'a', type: 'boolean' }],
        ['b', { id: 'b', type: 'boolean' }],
        ['c', { id: 'c', type: 'boolean' }],
        ['weeks', { id: 'weeks', type: 'integer', min: 0, max: 52 }],
      ]),
      conditions: conditions.map(parsed),
      match: 'exclusive',
      hasOtherwise: false,
      scenarios: [],
      expressions: expressions.map(compiled),
    });

    it('the brackets an "or" needs inside an "and"', () => {
      const right = decision(['(a or b) and c'], ['(%a or %b) and %c']);
      assert.deepEqual(disagreements(right, SEED), []);
      const wrong = decision(['(a or b) and c'], ['%a or %b and %c']);
      assert.notDeepEqual(disagreements(wrong, SEED), []);
    });

    it('a boundary', () => {
      assert.deepEqual(disagreements(decision(['weeks >= 6'], ['%`weeks` >= 6']), SEED), []);
      assert.notDeepEqual(disagreements(decision(['weeks >= 6'], ['%`weeks` > 6']), SEED), []);
    });

    it('the first-match order', () => {
      const conditions = ['weeks > 6', 'weeks > 2'];
      const first = (expressions: string[]): ExportedDecision => ({
        ...decision(conditions, expressions),
        match: 'first',
      });
      assert.deepEqual(
        disagreements(
          first([...(decisionExpressions(conditions.map(parsed), 'first')?.branches ?? [])]),
          SEED,
        ),
        [],
      );
      assert.notDeepEqual(disagreements(first(['%`weeks` > 6', '%`weeks` > 2']), SEED), []);
    });

    it("unknown facts: a negation that is not Kleene's", () => {
      // Right for every known patient, wrong when weeks is unknown (it would apply the branch).
      const wrong = decision(['not weeks > 6'], ['iif(%`weeks` > 6, false, true)']);
      const problems = disagreements(wrong, SEED);
      assert.notDeepEqual(problems, []);
      assert.ok(
        problems.every((p) => !p.includes('"weeks":')),
        problems.join('\n'),
      );
    });
  });
});
