import * as assert from 'node:assert/strict';
import { analyze, type Finding } from '../../server/src/core';
import { evaluate, parseCondition, type Value } from '../../server/src/core/logic';
import {
  compile,
  FORBIDDEN_CODES,
  ORACLE_CODES,
  Oracle,
  type Expected,
} from '../support/logicOracle';
import { generatePathway, type GenPathway } from '../support/logicPathways';
import { randomSource } from '../support/synthetic';

/**
 * The logic analysis against a brute-force oracle, on thousands of small random pathways:
 * every overlapping, shadowed and impossible branch, uncovered patients, unrecorded and
 * unused inputs and missing otherwise must be found where the oracle finds them, and
 * nowhere else, and every witness a message names must bear it out.
 *
 *   ORACLE_COUNT=20000 npx mocha --no-config --timeout 0 out/test/unit/logicOracle.test.js
 *   ORACLE_SEED=1234 ORACLE_COUNT=1 npx mocha ...   one pathway again
 */
const FIRST_SEED = Number(process.env['ORACLE_SEED'] ?? 1);
const COUNT = Number(process.env['ORACLE_COUNT'] ?? 2000);

/** The most failures printed in full. */
const MAX_SHOWN = 3;

function position(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${(before[before.length - 1] ?? '').length + 1}`;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function key(code: string, offset: number): string {
  return `${code}@${offset}`;
}

function numbered(text: string): string {
  return text
    .split('\n')
    .map((line, i) => `${String(i + 1).padStart(3)} ${line}`)
    .join('\n');
}

interface Run {
  readonly pathway: GenPathway;
  readonly oracle: Oracle;
  readonly findings: readonly Finding[];
}

function failure(run: Run, problems: readonly string[]): string {
  const { seed, text } = run.pathway;
  return `seed ${seed} (ORACLE_SEED=${seed} ORACLE_COUNT=1 to run it alone):\n${problems.join('\n')}\n${numbered(text)}`;
}

/** Fails with the first few failures in full, each with its seed and pathway. */
function assertNone(failures: readonly string[], what: string): void {
  const shown = failures.slice(0, MAX_SHOWN).join('\n\n');
  const more =
    failures.length > MAX_SHOWN
      ? `\n\n… and ${failures.length - MAX_SHOWN} more failing seeds`
      : '';
  assert.equal(
    failures.length,
    0,
    `${failures.length} of ${COUNT} pathways ${what}:\n\n${shown}${more}`,
  );
}

/** How the analysis of one pathway differs from the oracle, in words; empty when it agrees. */
function disagreements({ pathway, findings, oracle }: Run): string[] {
  const { text } = pathway;
  const problems: string[] = [];
  for (const finding of findings)
    if (FORBIDDEN_CODES.has(finding.code))
      problems.push(
        finding.code === 'analysis-limit'
          ? `analysis-limit on a generated pathway (make the generator smaller): ${finding.message}`
          : `the generated file is not valid: ${finding.code} at ${position(text, finding.span.start)}: ${finding.message}`,
      );

  // Conditions written broken on purpose: one error on the line of each, none elsewhere.
  const brokenLines = pathway.steps
    .flatMap((step) => step.branches.filter((b) => b.broken !== undefined))
    .map((b) => lineOf(text, b.ifOffset))
    .sort((a, b) => a - b);
  const errorLines = findings
    .filter((f) => f.code === 'invalid-condition' || f.code === 'unknown-input')
    .map((f) => lineOf(text, f.span.start))
    .sort((a, b) => a - b);
  if (errorLines.join() !== brokenLines.join())
    problems.push(
      `condition errors on lines ${errorLines.join(', ') || 'none'}; broken ifs on lines ${brokenLines.join(', ') || 'none'}`,
    );

  const actual = findings.filter((f) => ORACLE_CODES.has(f.code));
  const got = actual.map((f) => key(f.code, f.span.start)).sort();
  const wanted = oracle.expected.map((e) => key(e.code, e.offset)).sort();
  if (got.join('\n') !== wanted.join('\n')) {
    const show = (code: string, offset: number, words: string): string =>
      `  ${code} at ${position(text, offset)}: ${words}`;
    problems.push(
      [
        'the findings differ from the oracle.',
        'analysis:',
        ...actual.map((f) => show(f.code, f.span.start, f.message)),
        'oracle:',
        ...oracle.expected.map((e: Expected) => show(e.code, e.offset, e.why)),
      ].join('\n'),
    );
  }
  return problems;
}

/** What the messages of the findings the oracle agrees with claim wrongly. */
function misstatements({ pathway, findings, oracle }: Run): string[] {
  const wanted = new Set(oracle.expected.map((e) => key(e.code, e.offset)));
  return findings
    .filter((f) => wanted.has(key(f.code, f.span.start)))
    .flatMap((f) =>
      oracle
        .messageProblems(f)
        .map(
          (problem) =>
            `${f.code} at ${position(pathway.text, f.span.start)}: ${problem}\n  ${f.message}`,
        ),
    );
}

describe('pathway logic: the analysis against a brute-force oracle', function () {
  // A few milliseconds a pathway; generous for a busy machine and long runs.
  this.timeout(60_000 + COUNT * 40);
  const runs: Run[] = [];

  before(() => {
    for (let seed = FIRST_SEED; seed < FIRST_SEED + COUNT; seed++) {
      const pathway = generatePathway(seed);
      runs.push({ pathway, oracle: new Oracle(pathway), findings: analyze(pathway.text).findings });
    }
  });

  it(`finds what the oracle finds, where it finds it, in ${COUNT} pathways from seed ${FIRST_SEED}`, () => {
    const failures = runs.flatMap((run) => {
      const problems = disagreements(run);
      return problems.length > 0 ? [failure(run, problems)] : [];
    });
    assertNone(failures, 'disagree with the oracle');
    // The generator must keep reaching every finding, or the comparison says little.
    if (COUNT >= 1000)
      for (const code of ORACLE_CODES) {
        const count = runs.reduce(
          (n, run) => n + run.oracle.expected.filter((e) => e.code === code).length,
          0,
        );
        assert.ok(count >= 5, `only ${count} ${code} in ${COUNT} pathways`);
      }
  });

  it('names witnesses, reasons, cut-off steps and routes that bear each finding out', () => {
    const failures = runs.flatMap((run) => {
      const problems = misstatements(run);
      return problems.length > 0 ? [failure(run, problems)] : [];
    });
    assertNone(failures, 'have messages the oracle does not bear out');
  });

  it('has an oracle that notices a message misstating its finding', () => {
    const caught = new Map<string, number>();
    const failures: string[] = [];
    for (const run of runs) {
      const wanted = new Set(run.oracle.expected.map((e) => key(e.code, e.offset)));
      for (const finding of run.findings) {
        const message = falsified(finding, run.oracle);
        if (!wanted.has(key(finding.code, finding.span.start))) continue;
        if (message === undefined || message === finding.message) continue;
        if (run.oracle.messageProblems({ ...finding, message }).length === 0)
          failures.push(failure(run, [`the oracle believes "${message}"`]));
        caught.set(finding.code, (caught.get(finding.code) ?? 0) + 1);
      }
    }
    assertNone(failures, 'have a misstated message the oracle believes');
    if (COUNT >= 1000)
      for (const code of [
        'overlapping-branches',
        'uncovered-patients',
        'shadowed-branch',
        'impossible-branch',
        'input-not-recorded',
      ])
        assert.ok(
          (caught.get(code) ?? 0) >= 5,
          `only ${caught.get(code) ?? 0} ${code} messages misstated`,
        );
  });
});

/** A witness in the words of the messages, for the grid patient `p`. */
function witnessWords(oracle: Oracle, p: number, named: readonly number[]): string {
  const values = oracle.patients[p] ?? [];
  const pairs = named.map((k) => `${oracle.pathway.inputs[k]?.id ?? ''} = ${String(values[k])}`);
  return pairs.length > 0 ? `a patient with ${pairs.join(', ')}` : 'any patient';
}

/** The first grid patient in every set, or undefined. */
function someone(oracle: Oracle, ...sets: Uint8Array[]): number | undefined {
  for (let p = 0; p < oracle.size; p++) if (sets.every((set) => set[p])) return p;
  return undefined;
}

function not(set: Uint8Array): Uint8Array {
  return set.map((x) => x ^ 1);
}

/**
 * The finding's message changed so that it no longer tells the truth (a witness the branches
 * do not bear out, a route that is not the shortest, steps cut off left out), or undefined
 * when this finding offers no such change.
 */
function falsified(finding: Finding, oracle: Oracle): string | undefined {
  const { message } = finding;
  const step = oracle.pathway.steps.find(
    (s) =>
      s.keyOffset === finding.span.start ||
      s.branches.some((b) => b.ifOffset === finding.span.start),
  );
  if (!step) return undefined;
  const truths = oracle.truths.get(step.id) ?? [];
  const arriving = oracle.reach.get(step.id) ?? new Uint8Array(oracle.size);
  const allNamed = [...new Set(step.branches.flatMap((b) => b.named))];
  switch (finding.code) {
    case 'overlapping-branches': {
      const m = /^Branches (\d+) and (\d+)/.exec(message);
      const [i, j] = [Number(m?.[1]) - 1, Number(m?.[2]) - 1];
      const [ti, tj] = [truths[i], truths[j]];
      if (!ti || !tj) return undefined;
      // A patient the first branch takes but not the second.
      const p = someone(oracle, arriving, ti, not(tj));
      const named = [
        ...new Set([...(step.branches[i]?.named ?? []), ...(step.branches[j]?.named ?? [])]),
      ];
      return p === undefined
        ? undefined
        : message.replace(
            /for example .+?\. Make/,
            `for example ${witnessWords(oracle, p, named)}. Make`,
          );
    }
    case 'uncovered-patients': {
      const p = someone(oracle, arriving, truths[0] ?? new Uint8Array(0));
      return p === undefined
        ? undefined
        : message.replace(
            /for example .+?\. Add/,
            `for example ${witnessWords(oracle, p, allNamed)}. Add`,
          );
    }
    case 'shadowed-branch':
      // Blames a branch after the one that takes the patients.
      return message.replace(
        /is taken by branch (\d+)\)/,
        (_, i: string) => `is taken by branch ${Number(i) + 1})`,
      );
    case 'impossible-branch':
      return message.includes(' So no patient reaches')
        ? message.replace(/ So no patient reaches .+?\. Correct/, ' Correct')
        : message.replace(
            /can never apply: .+?\. Correct/,
            'can never apply: its condition contradicts itself. Correct',
          );
    case 'input-not-recorded':
      // The route with its start left out.
      return message.replace(/the route "[^"]+" → /, 'the route ');
    default:
      return undefined;
  }
}

describe('pathway logic: the oracle itself', () => {
  it('reads each generated condition as the checker parses and evaluates it, exactly on its grid', () => {
    const random = randomSource(7);
    let checked = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const pathway = generatePathway(seed);
      const oracle = new Oracle(pathway);
      for (const step of pathway.steps)
        for (const branch of step.branches) {
          if (!branch.condition || branch.ifText === undefined) continue;
          const parsed = parseCondition(branch.ifText);
          assert.ok(parsed.ok, `seed ${seed}: "${branch.ifText}" does not parse`);
          const holds = compile(branch.condition);
          // Patients with any values, each read as the grid patient of its cells.
          for (let n = 0; n < 20; n++) {
            const values = pathway.inputs.map((input): Value => {
              if (input.type === 'boolean') return random() < 0.5;
              if (input.type === 'choice') return input.values?.[Math.floor(random() * 3)] ?? '';
              const lo = input.min ?? -3;
              const hi = input.max ?? 13;
              const x = lo + Math.floor(random() * (hi - lo + 1) * 4) / 4;
              return input.type === 'integer' ? Math.floor(Math.min(x, hi)) : Math.min(x, hi);
            });
            const grid = values.map((value, k) => {
              const cell = oracle.cellOf(k, String(value));
              assert.ok(typeof cell !== 'string', `seed ${seed}: ${String(cell)}`);
              return oracle.grids[k]?.values[cell[0] as number] as Value;
            });
            const patient = new Map(
              pathway.inputs.map((input, k) => [input.id, values[k] as Value]),
            );
            assert.equal(
              holds(grid),
              evaluate(parsed.condition, patient),
              `seed ${seed}: "${branch.ifText}" for ${JSON.stringify([...patient])}`,
            );
            checked++;
          }
        }
    }
    assert.ok(checked > 1000, `only ${checked} patients checked`);
  });
});
