/**
 * A brute-force oracle for the logic analysis (pathway-logic §3–4), written from the contract
 * alone: no set arithmetic of the checker's. It enumerates a finite grid of patients that is
 * exact for the pathway's conditions (one patient per combination of the inputs' cells:
 * every constant, a point between and beyond them, clipped to the bounds), works out which
 * of them reach each step by a plain fixpoint, and derives each finding from its definition.
 * It also reads the findings' messages back and checks what they claim.
 */
import type { Finding } from '../../server/src/core';
import type { Cond, GenBranch, GenInput, GenPathway, GenStep, Value } from './logicPathways';

/** A finding the oracle expects: compared by code and place. */
export interface Expected {
  readonly code: string;
  readonly offset: number;
  /** Why, for the report of a disagreement. */
  readonly why: string;
}

/** The codes the oracle predicts exactly, by their start offset. */
export const ORACLE_CODES: ReadonlySet<string> = new Set([
  'overlapping-branches',
  'shadowed-branch',
  'impossible-branch',
  'uncovered-patients',
  'input-not-recorded',
  'unused-input',
  'missing-otherwise',
]);

/** Codes a generated file must never get. */
export const FORBIDDEN_CODES: ReadonlySet<string> = new Set([
  'analysis-limit',
  'yaml-syntax',
  'schema',
  'unknown-step',
  'missing-condition',
  'internal-error',
]);

function sign(x: number): number {
  return x < 0 ? -1 : x > 0 ? 1 : 0;
}

function sortedUnique(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function within(input: GenInput, x: number): boolean {
  return (input.min === undefined || x >= input.min) && (input.max === undefined || x <= input.max);
}

/** The numbers compared with an input anywhere in the pathway. */
function constantsOf(pathway: GenPathway, k: number): number[] {
  const found: number[] = [];
  const visit = (node: Cond): void => {
    switch (node.kind) {
      case 'constant':
      case 'flag':
        return;
      case 'compare':
        if (node.input === k && typeof node.literal === 'number') found.push(node.literal);
        return;
      case 'member':
        if (node.input === k)
          for (const literal of node.literals) if (typeof literal === 'number') found.push(literal);
        return;
      case 'not':
        visit(node.operand);
        return;
      case 'and':
      case 'or':
        node.operands.forEach(visit);
        return;
    }
  };
  for (const step of pathway.steps)
    for (const branch of step.branches) if (branch.condition) visit(branch.condition);
  return found;
}

/**
 * One value per cell of a number or integer input: the cells are the points and the open
 * intervals between them, and a condition comparing the input with constants among the
 * points is true on all of a cell or on none of it.
 */
function numberGrid(
  type: 'number' | 'integer',
  points: number[],
  input: GenInput | undefined,
): number[] {
  let candidates: number[];
  if (points.length === 0) candidates = [input?.min ?? input?.max ?? 0];
  else if (type === 'number') {
    candidates = [...points, (points[0] as number) - 1, (points[points.length - 1] as number) + 1];
    for (let i = 1; i < points.length; i++)
      candidates.push(((points[i - 1] as number) + (points[i] as number)) / 2);
  } else {
    candidates = points.flatMap((p) => {
      const f = Math.floor(p);
      const c = Math.ceil(p);
      return [f - 1, f, f + 1, c - 1, c, c + 1];
    });
  }
  return sortedUnique(candidates).filter((x) => !input || within(input, x));
}

interface InputGrid {
  /** One value per cell, within the bounds. */
  readonly values: readonly Value[];
  /** The same without the bounds (to tell a self-contradiction from a clash with them). */
  readonly unbounded: readonly Value[];
  /** The cells' end points, bounds included (numbers and integers). */
  readonly points: readonly number[];
}

function inputGrid(pathway: GenPathway, k: number): InputGrid {
  const input = pathway.inputs[k] as GenInput;
  switch (input.type) {
    case 'boolean':
      return { values: [false, true], unbounded: [false, true], points: [] };
    case 'choice':
      return { values: input.values ?? [], unbounded: input.values ?? [], points: [] };
    case 'integer':
    case 'number': {
      const constants = sortedUnique(constantsOf(pathway, k));
      const bounds = [input.min, input.max].filter((x): x is number => x !== undefined);
      const points = sortedUnique([...constants, ...bounds]);
      return {
        values: numberGrid(input.type, points, input),
        unbounded: numberGrid(input.type, constants, undefined),
        points,
      };
    }
  }
}

type Holds = (patient: readonly Value[]) => boolean;

/** The condition as a function of one patient's values (indexed like the inputs). */
export function compile(cond: Cond): Holds {
  switch (cond.kind) {
    case 'constant':
      return () => cond.value;
    case 'flag':
      return (p) => p[cond.input] === true;
    case 'compare': {
      const { input, literal } = cond;
      switch (cond.operator) {
        case '=':
          return (p) => p[input] === literal;
        case '!=':
          return (p) => p[input] !== literal;
        case '<':
          return (p) => (p[input] as number) < (literal as number);
        case '<=':
          return (p) => (p[input] as number) <= (literal as number);
        case '>':
          return (p) => (p[input] as number) > (literal as number);
        case '>=':
          return (p) => (p[input] as number) >= (literal as number);
      }
      break;
    }
    case 'member': {
      const { input, literals, negated } = cond;
      return (p) => literals.includes(p[input] as Value) !== negated;
    }
    case 'not': {
      const inner = compile(cond.operand);
      return (p) => !inner(p);
    }
    case 'and': {
      const parts = cond.operands.map(compile);
      return (p) => parts.every((part) => part(p));
    }
    case 'or': {
      const parts = cond.operands.map(compile);
      return (p) => parts.some((part) => part(p));
    }
  }
}

type Bits = Uint8Array;

function any(bits: Bits): boolean {
  return bits.includes(1);
}

function and(a: Bits, b: Bits): Bits {
  return a.map((x, i) => x & (b[i] as number));
}

function andNot(a: Bits, b: Bits): Bits {
  return a.map((x, i) => x & ((b[i] as number) ^ 1));
}

/** The oracle's answer for one pathway. */
export class Oracle {
  readonly grids: readonly InputGrid[];
  /** Every patient of the grid, as values indexed like the inputs. */
  readonly patients: readonly (readonly Value[])[];
  /** Patient index → grid index of each input. */
  private readonly coords: readonly Int32Array[];
  private readonly strides: readonly number[];
  readonly steps: ReadonlyMap<string, GenStep>;
  /** Decision id → the patients each branch's condition holds for (computable decisions). */
  readonly truths = new Map<string, Bits[]>();
  /** Step id → the grid patients that reach it. */
  readonly reach = new Map<string, Bits>();
  /** The graph's successors, in the order written (branches, then otherwise). */
  readonly successors = new Map<string, string[]>();
  /** Decision id → for each impossible branch, the steps from its next on that no patient reaches. */
  readonly lost = new Map<string, Map<number, string[]>>();
  readonly expected: Expected[] = [];

  constructor(readonly pathway: GenPathway) {
    this.grids = pathway.inputs.map((_, k) => inputGrid(pathway, k));
    const strides: number[] = [];
    let size = 1;
    for (const grid of this.grids) {
      strides.push(size);
      size *= grid.values.length;
    }
    this.strides = strides;
    const patients: Value[][] = [];
    const coords = this.grids.map(() => new Int32Array(size));
    for (let p = 0; p < size; p++) {
      const values: Value[] = [];
      for (const [k, grid] of this.grids.entries()) {
        const c = Math.floor(p / (strides[k] as number)) % grid.values.length;
        (coords[k] as Int32Array)[p] = c;
        values.push(grid.values[c] as Value);
      }
      patients.push(values);
    }
    this.patients = patients;
    this.coords = coords;
    this.steps = new Map(pathway.steps.map((step) => [step.id, step]));

    for (const step of pathway.steps) {
      const next: string[] = [];
      if (step.kind === 'decision') {
        for (const branch of step.branches) next.push(branch.next);
        if (step.otherwise !== undefined) next.push(step.otherwise);
      } else if (step.next !== undefined) next.push(step.next);
      this.successors.set(step.id, next);
      if (step.kind === 'decision' && step.style === 'computable')
        this.truths.set(
          step.id,
          step.branches.map((branch) => this.bitsOf(compile(branch.condition as Cond))),
        );
    }
    this.computeReach();
    this.judge();
  }

  get size(): number {
    return this.patients.length;
  }

  bitsOf(holds: Holds): Bits {
    return Uint8Array.from(this.patients, (p) => (holds(p) ? 1 : 0));
  }

  /** The patients agreeing with some patient of the set on every input but `forgotten`. */
  private forget(set: Bits, forgotten: readonly number[]): Bits {
    const key = (p: number): number =>
      forgotten.reduce(
        (at, k) => at - ((this.coords[k] as Int32Array)[p] as number) * (this.strides[k] as number),
        p,
      );
    const kept = new Uint8Array(this.size);
    for (let p = 0; p < this.size; p++) if (set[p]) kept[key(p)] = 1;
    return Uint8Array.from(set, (_, p) => kept[key(p)] as number);
  }

  /** Where the patients arriving at a step go: [step, patients] per link. */
  private flowOut(step: GenStep, arriving: Bits): [string, Bits][] {
    switch (step.kind) {
      case 'end':
        return [];
      case 'assessment':
        return [[step.next as string, this.forget(arriving, step.records)]];
      case 'action':
        return [[step.next as string, arriving]];
      case 'decision': {
        const truths = this.truths.get(step.id);
        if (!truths) return (this.successors.get(step.id) ?? []).map((next) => [next, arriving]);
        const out: [string, Bits][] = [];
        let rest = arriving;
        for (const [i, branch] of step.branches.entries()) {
          const holds = truths[i] as Bits;
          out.push([branch.next, and(step.match === 'first' ? rest : arriving, holds)]);
          rest = andNot(rest, holds);
        }
        if (step.otherwise !== undefined) out.push([step.otherwise, rest]);
        return out;
      }
    }
  }

  /** The least fixpoint of §3 over the grid. */
  private computeReach(): void {
    const start = this.pathway.start;
    this.reach.set(start, new Uint8Array(this.size).fill(1));
    const queue = [start];
    const queued = new Set(queue);
    while (queue.length > 0) {
      const id = queue.shift() as string;
      queued.delete(id);
      const step = this.steps.get(id) as GenStep;
      for (const [target, patients] of this.flowOut(step, this.reach.get(id) as Bits)) {
        let into = this.reach.get(target);
        if (!into) {
          into = new Uint8Array(this.size);
          this.reach.set(target, into);
        }
        let grew = false;
        for (let p = 0; p < this.size; p++)
          if (patients[p] && !into[p]) {
            into[p] = 1;
            grew = true;
          }
        if (grew && !queued.has(target)) {
          queued.add(target);
          queue.push(target);
        }
      }
    }
  }

  reaches(id: string): boolean {
    const set = this.reach.get(id);
    return set !== undefined && any(set);
  }

  /** Steps a route from the start leads to, along the graph's links. */
  graphReachable(): Set<string> {
    const seen = new Set([this.pathway.start]);
    const queue = [this.pathway.start];
    for (let q = 0; q < queue.length; q++)
      for (const next of this.successors.get(queue[q] as string) ?? [])
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
    return seen;
  }

  /** Steps from `first` on, along steps no patient reaches, in breadth-first order. */
  private unreachedFrom(first: string): string[] {
    const lost: string[] = [];
    const seen = new Set([first]);
    const queue = [first];
    for (let q = 0; q < queue.length; q++) {
      const at = queue[q] as string;
      if (this.reaches(at)) continue;
      lost.push(at);
      for (const next of this.successors.get(at) ?? [])
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
    }
    return lost;
  }

  /**
   * The shortest route from the start to `goal` passing no step in `blocked` (the start
   * included: a start that records the input counts as passed), or undefined.
   */
  shortestRoute(goal: string, blocked: ReadonlySet<string>): string[] | undefined {
    const start = this.pathway.start;
    if (blocked.has(start)) return undefined;
    const parent = new Map<string, string | undefined>([[start, undefined]]);
    const queue = [start];
    for (let q = 0; q < queue.length; q++) {
      const at = queue[q] as string;
      if (at === goal) {
        const route: string[] = [];
        for (let s: string | undefined = at; s !== undefined; s = parent.get(s)) route.push(s);
        return route.reverse();
      }
      for (const next of this.successors.get(at) ?? [])
        if (!parent.has(next) && !blocked.has(next)) {
          parent.set(next, at);
          queue.push(next);
        }
    }
    return undefined;
  }

  /** Input index → the steps that record it. */
  recorders(): Map<number, Set<string>> {
    const found = new Map<number, Set<string>>();
    for (const step of this.pathway.steps)
      for (const k of step.records) {
        const steps = found.get(k) ?? new Set<string>();
        steps.add(step.id);
        found.set(k, steps);
      }
    return found;
  }

  private expect(code: string, offset: number, why: string): void {
    this.expected.push({ code, offset, why });
  }

  /** §4, finding by finding. */
  private judge(): void {
    const { pathway } = this;
    const name = (k: number): string => (pathway.inputs[k] as GenInput).id;
    for (const step of pathway.steps) {
      if (step.kind !== 'decision') continue;
      if (step.style === 'prose' && step.otherwise === undefined)
        this.expect(
          'missing-otherwise',
          step.keyOffset,
          `prose decision ${step.id} without otherwise`,
        );
      const truths = this.truths.get(step.id);
      const arriving = this.reach.get(step.id);
      // Reach-based findings: computable decisions some patient reaches.
      if (!truths || !arriving || !any(arriving)) continue;
      const meets = truths.map((holds) => and(arriving, holds));
      const lost = new Map<number, string[]>();
      for (const [i, set] of meets.entries()) {
        if (any(set)) continue;
        const branch = step.branches[i] as GenBranch;
        lost.set(i, this.unreachedFrom(branch.next));
        this.expect('impossible-branch', branch.ifOffset, `${step.id} branch ${i + 1}`);
      }
      this.lost.set(step.id, lost);
      if (step.match === 'exclusive') {
        for (let i = 0; i < meets.length; i++)
          for (let j = i + 1; j < meets.length; j++)
            if (any(and(meets[i] as Bits, truths[j] as Bits)))
              this.expect(
                'overlapping-branches',
                (step.branches[j] as GenBranch).ifOffset,
                `${step.id} branches ${i + 1} and ${j + 1}`,
              );
      } else {
        let rest = arriving;
        for (let j = 0; j < meets.length; j++) {
          if (any(meets[j] as Bits) && !any(and(rest, truths[j] as Bits)))
            this.expect(
              'shadowed-branch',
              (step.branches[j] as GenBranch).ifOffset,
              `${step.id} branch ${j + 1}`,
            );
          rest = andNot(rest, truths[j] as Bits);
        }
      }
      if (step.otherwise === undefined) {
        const none = truths.reduce(andNot, arriving);
        if (any(none))
          this.expect('uncovered-patients', step.keyOffset, `${step.id} leaves patients out`);
      }
    }

    // input-not-recorded: routes of the graph, except to the steps an impossible branch cuts off.
    const cutOff = new Set<string>();
    for (const lost of this.lost.values())
      for (const steps of lost.values()) for (const id of steps) cutOff.add(id);
    const recorders = this.recorders();
    for (const step of pathway.steps) {
      if (step.kind !== 'decision' || step.style !== 'computable' || cutOff.has(step.id)) continue;
      const tested: number[] = [];
      for (const branch of step.branches)
        for (const k of branch.named) if (!tested.includes(k)) tested.push(k);
      for (const k of tested) {
        const blocked = recorders.get(k);
        if (!blocked || !this.shortestRoute(step.id, blocked)) continue;
        const first = step.branches.find((branch) => branch.names.has(k)) as GenBranch;
        this.expect(
          'input-not-recorded',
          first.names.get(k) as number,
          `${step.id} tests ${name(k)}`,
        );
      }
    }

    const named = new Set<number>();
    for (const step of pathway.steps)
      for (const branch of step.branches) for (const k of branch.named) named.add(k);
    for (const [k, input] of pathway.inputs.entries())
      if (!named.has(k)) this.expect('unused-input', input.keyOffset, `${name(k)} is in no if`);
  }

  // ---- reading the messages back ----

  /**
   * Grid indices of `k` in the same cell as a value a message names; a string saying what
   * is wrong with the value when it is no value of the input.
   */
  cellOf(k: number, text: string): number[] | string {
    const input = this.pathway.inputs[k] as GenInput;
    const grid = this.grids[k] as InputGrid;
    switch (input.type) {
      case 'boolean': {
        const at = ['false', 'true'].indexOf(text);
        return at < 0 ? `"${text}" is not true or false` : [at];
      }
      case 'choice': {
        const at = grid.values.indexOf(text);
        return at < 0 ? `"${text}" is not a value of ${input.id}` : [at];
      }
      case 'integer':
      case 'number': {
        const x = Number(text);
        if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(x))
          return `"${text}" is not a number`;
        if (input.type === 'integer' && !Number.isInteger(x)) return `${text} is not whole`;
        if (!within(input, x)) return `${text} is outside the bounds of ${input.id}`;
        const same = grid.values.flatMap((g, i) =>
          grid.points.every((point) => sign((g as number) - point) === sign(x - point)) ? [i] : [],
        );
        return same.length > 0 ? same : `${text} falls in no cell of ${input.id}`;
      }
    }
  }

  /**
   * Why a number a witness names should have been whole, if it should: numbers are whole
   * where a whole number fits, so a fraction only lies between constants with no whole
   * number between them.
   */
  private fractionProblem(k: number, x: number): string | undefined {
    const grid = this.grids[k] as InputGrid;
    if (this.pathway.inputs[k]?.type !== 'number' || Number.isInteger(x) || grid.points.includes(x))
      return undefined;
    const below = Math.max(-Infinity, ...grid.points.filter((p) => p < x));
    const above = Math.min(Infinity, ...grid.points.filter((p) => p > x));
    const whole = Number.isFinite(below) ? Math.floor(below) + 1 : Math.ceil(above) - 1;
    return whole < above && whole > below
      ? `${x} is not whole, though ${whole} lies between the same constants`
      : undefined;
  }

  /**
   * Problems with a witness `a patient with x = 1, y = a` (or `any patient`): it must name
   * exactly the inputs `names`, each with a value of its type, and some patient with those
   * values must be in `claim`.
   */
  witnessProblems(words: string, names: readonly number[], claim: Bits): string[] {
    const problems: string[] = [];
    const cells = new Map<number, number[]>();
    if (words !== 'any patient') {
      const list = /^a patient with (.+)$/.exec(words)?.[1];
      if (!list) return [`cannot read the witness "${words}"`];
      for (const pair of list.split(', ')) {
        const match = /^([A-Za-z][\w-]*) = (.+)$/.exec(pair);
        const k = this.pathway.inputs.findIndex((input) => input.id === match?.[1]);
        if (!match || k < 0) {
          problems.push(`cannot read "${pair}" in the witness`);
          continue;
        }
        if (cells.has(k)) problems.push(`the witness names ${match[1]} twice`);
        const cell = this.cellOf(k, match[2] as string);
        if (typeof cell === 'string') problems.push(`witness: ${cell}`);
        else cells.set(k, cell);
        const fraction = this.fractionProblem(k, Number(match[2]));
        if (fraction) problems.push(`witness: ${fraction}`);
      }
    }
    const given = [...cells.keys()].sort();
    const wanted = [...names].sort();
    if (given.join() !== wanted.join())
      problems.push(
        `the witness names ${given.map((k) => this.pathway.inputs[k]?.id).join(', ') || 'nothing'}, not the inputs of the conditions (${wanted.map((k) => this.pathway.inputs[k]?.id).join(', ') || 'none'})`,
      );
    if (problems.length > 0) return problems;
    const fits = (p: number): boolean =>
      [...cells].every(([k, cell]) => cell.includes((this.coords[k] as Int32Array)[p] as number));
    for (let p = 0; p < this.size; p++) if (claim[p] && fits(p)) return [];
    return [
      `no patient reaching the decision with ${words.replace(/^a patient with /, '')} bears out the finding`,
    ];
  }

  /** Which decision and branch a finding's offset points at. */
  private decisionAt(offset: number): { step: GenStep; branch: number } | undefined {
    for (const step of this.pathway.steps) {
      if (step.keyOffset === offset) return { step, branch: -1 };
      const branch = step.branches.findIndex((b) => b.ifOffset === offset);
      if (branch >= 0) return { step, branch };
    }
    return undefined;
  }

  /** What is wrong with the message of a finding the oracle also expects. */
  messageProblems(finding: Finding): string[] {
    const at = this.decisionAt(finding.span.start);
    const message = finding.message;
    switch (finding.code) {
      case 'overlapping-branches': {
        const m =
          /^Branches (\d+) and (\d+) of "([^"]+)" can both apply: for example (.+?)\. Make their/.exec(
            message,
          );
        if (!m || !at) return ['cannot read the message'];
        const [i, j] = [Number(m[1]) - 1, Number(m[2]) - 1];
        const truths = this.truths.get(at.step.id) as Bits[];
        const arriving = this.reach.get(at.step.id) as Bits;
        if (m[3] !== at.step.id || j !== at.branch || !(i < j) || !truths[i])
          return [`names the wrong branches or decision`];
        const ci = at.step.branches[i] as GenBranch;
        const cj = at.step.branches[j] as GenBranch;
        return this.witnessProblems(
          m[4] as string,
          union(ci.named, cj.named),
          and(and(arriving, truths[i]), truths[j] as Bits),
        );
      }
      case 'shadowed-branch': {
        const m =
          /^Branch (\d+) of "([^"]+)" is never taken: .*\(for example (.+)\)\. Move it up/.exec(
            message,
          );
        if (!m || !at) return ['cannot read the message'];
        const j = Number(m[1]) - 1;
        const truths = this.truths.get(at.step.id) as Bits[];
        const arriving = this.reach.get(at.step.id) as Bits;
        if (m[2] !== at.step.id || j !== at.branch) return ['names the wrong branch or decision'];
        // Each earlier branch that takes some of this branch's patients, in order, with one.
        const named = (m[3] as string)
          .split('; ')
          .map((part) => /^(.+) is taken by branch (\d+)$/.exec(part));
        if (named.some((part) => !part)) return ['cannot read the message'];
        const takers: { k: number; taken: Bits }[] = [];
        let rest = and(arriving, truths[j] as Bits);
        for (let k = 0; k < j; k++) {
          const taken = and(rest, truths[k] as Bits);
          if (any(taken)) takers.push({ k, taken });
          rest = andNot(rest, truths[k] as Bits);
        }
        const said = named.map((part) => Number((part as RegExpExecArray)[2]) - 1);
        if (said.join() !== takers.map((t) => t.k).join())
          return [
            `names branches ${said.map((k) => k + 1).join(', ')} as taking the patients; they are ${takers.map((t) => t.k + 1).join(', ')}`,
          ];
        return takers.flatMap(({ k, taken }, index) => {
          const inputs = at.step.branches
            .slice(0, k + 1)
            .reduce<number[]>(
              (all, b) => union(all, b.named),
              (at.step.branches[j] as GenBranch).named,
            );
          return this.witnessProblems(
            (named[index] as RegExpExecArray)[1] as string,
            inputs,
            taken,
          );
        });
      }
      case 'uncovered-patients': {
        const m =
          /^Decision "([^"]+)" has no "otherwise", and some patients meet none of its branches: for example (.+?)\. Add a branch/.exec(
            message,
          );
        if (!m || !at || m[1] !== at.step.id) return ['cannot read the message'];
        const truths = this.truths.get(at.step.id) as Bits[];
        const none = truths.reduce(andNot, this.reach.get(at.step.id) as Bits);
        return this.witnessProblems(
          m[2] as string,
          at.step.branches.reduce<number[]>((all, b) => union(all, b.named), []),
          none,
        );
      }
      case 'impossible-branch':
        return at ? this.impossibleProblems(message, at.step, at.branch) : ['no branch there'];
      case 'input-not-recorded':
        return this.notRecordedProblems(message);
      default:
        return [];
    }
  }

  private impossibleProblems(message: string, step: GenStep, i: number): string[] {
    const m =
      /^Branch (\d+) of "([^"]+)" can never apply: (.+?)\.(?: So no patient reaches steps? (.+?)\.)? Correct its condition/.exec(
        message,
      );
    if (!m) return ['cannot read the message'];
    if (Number(m[1]) - 1 !== i || m[2] !== step.id) return ['names the wrong branch or decision'];
    const problems: string[] = [];
    const branch = step.branches[i] as GenBranch;
    const holds = compile(branch.condition as Cond);
    const reason = m[3] as string;
    // Is the condition satisfiable without the bounds, and within them?
    const unboundedSat = this.satisfiable(branch.named, holds, 'unbounded');
    const boundedSat = this.satisfiable(branch.named, holds, 'values');
    if (reason === 'its condition contradicts itself') {
      if (unboundedSat)
        problems.push('says the condition contradicts itself, but some patient meets it');
    } else if (reason.startsWith("its condition cannot hold within the inputs' bounds")) {
      if (!unboundedSat || boundedSat)
        problems.push(
          `blames the bounds, but the condition is ${unboundedSat ? 'met within them' : 'a contradiction'}`,
        );
    } else {
      if (!boundedSat)
        problems.push('blames the routes in, but no patient meets the condition at all');
      problems.push(...this.arrivalProblems(reason, step, branch));
    }
    const lost = this.lost.get(step.id)?.get(i) ?? [];
    const shown = m[4];
    if (shown === undefined) {
      if (lost.length > 0) problems.push(`does not name the steps cut off: ${lost.join(', ')}`);
    } else {
      const more = / and (\d+) more$/.exec(shown);
      const names = [...shown.replace(/ and \d+ more$/, '').matchAll(/"([^"]+)"/g)].map(
        (x) => x[1] as string,
      );
      const count = names.length + Number(more?.[1] ?? 0);
      if (count !== lost.length || names.some((id) => !lost.includes(id)))
        problems.push(`names the steps cut off as ${shown}; they are ${lost.join(', ')}`);
    }
    return problems;
  }

  /** Whether some combination of the named inputs' values (grid or unbounded) meets `holds`. */
  private satisfiable(
    named: readonly number[],
    holds: Holds,
    which: 'values' | 'unbounded',
  ): boolean {
    const patient: Value[] = this.pathway.inputs.map(() => false);
    const walk = (n: number): boolean => {
      if (n === named.length) return holds(patient);
      const k = named[n] as number;
      for (const value of (this.grids[k] as InputGrid)[which]) {
        patient[k] = value;
        if (walk(n + 1)) return true;
      }
      return false;
    };
    return walk(0);
  }

  /**
   * `every patient who reaches "d" has weeks >= 7 and response in [a, b]`, or `no patient who
   * reaches "d" meets its condition`: the values described must be exactly those the arriving
   * patients give each input of the condition, for the inputs where not every value arrives.
   */
  private arrivalProblems(reason: string, step: GenStep, branch: GenBranch): string[] {
    const arriving = this.reach.get(step.id) as Bits;
    const projection = (k: number): Set<number> => {
      const seen = new Set<number>();
      for (let p = 0; p < this.size; p++)
        if (arriving[p]) seen.add((this.coords[k] as Int32Array)[p] as number);
      return seen;
    };
    const narrowed = branch.named.filter(
      (k) => projection(k).size < (this.grids[k] as InputGrid).values.length,
    );
    if (reason === `no patient who reaches "${step.id}" meets its condition`)
      return narrowed.length === 0
        ? []
        : ['says nothing of what the patients arriving have in common'];
    const prefix = `every patient who reaches "${step.id}" has `;
    if (!reason.startsWith(prefix)) return [`cannot read the reason "${reason}"`];
    const groups = describedGroups(reason.slice(prefix.length));
    if (typeof groups === 'string') return [groups];
    const ids = groups.map((g) => g.name);
    if (ids.join() !== narrowed.map((k) => this.pathway.inputs[k]?.id).join())
      return [
        `describes ${ids.join(', ')}, not ${narrowed.map((k) => this.pathway.inputs[k]?.id).join(', ')}`,
      ];
    const problems: string[] = [];
    for (const group of groups) {
      const k = this.pathway.inputs.findIndex((input) => input.id === group.name);
      const seen = projection(k);
      for (const [c, value] of (this.grids[k] as InputGrid).values.entries())
        if (group.holds(value) !== seen.has(c))
          problems.push(
            `"${group.text}" is ${group.holds(value) ? 'true' : 'false'} for ${String(value)}, which ${seen.has(c) ? 'arrives' : 'does not arrive'}`,
          );
    }
    return problems;
  }

  private notRecordedProblems(message: string): string[] {
    const m =
      /^Decision "([^"]+)" tests "([^"]+)", which (?:step "([^"]+)"|any of the steps (.+?)) records, but the route (.+?) reaches it without passing there/.exec(
        message,
      );
    if (!m) return ['cannot read the message'];
    const decision = m[1] as string;
    const k = this.pathway.inputs.findIndex((input) => input.id === m[2]);
    const blocked = this.recorders().get(k);
    if (!blocked) return [`${m[2]} is recorded by no step`];
    const named =
      m[3] !== undefined ? [m[3]] : [...(m[4] ?? '').matchAll(/"([^"]+)"/g)].map((x) => x[1]);
    const problems: string[] = [];
    if ([...named].sort().join() !== [...blocked].sort().join())
      problems.push(
        `names the recording steps ${named.join(', ')}, not ${[...blocked].join(', ')}`,
      );
    const shortest = this.shortestRoute(decision, blocked);
    if (!shortest) return [...problems, 'no route avoids the recording steps'];
    const shown = (m[5] as string)
      .split(' → ')
      .map((part) => (part === '…' ? part : part.replace(/^"|"$/g, '')));
    const elided = shown.indexOf('…');
    const chains = elided < 0 ? [shown] : [shown.slice(0, elided), shown.slice(elided + 1)];
    if (elided < 0 ? shown.length !== shortest.length : shortest.length <= 8)
      problems.push(`shows a route of ${shown.length} steps; the shortest has ${shortest.length}`);
    if (shown[0] !== this.pathway.start || shown[shown.length - 1] !== decision)
      problems.push('the route does not lead from the start to the decision');
    for (const chain of chains)
      for (const [n, id] of chain.entries()) {
        if (blocked.has(id)) problems.push(`the route passes ${id}, which records the input`);
        const next = chain[n + 1];
        if (next !== undefined && !(this.successors.get(id) ?? []).includes(next))
          problems.push(`the route goes from ${id} to ${next}, which it does not link to`);
      }
    return problems;
  }
}

function union(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])];
}

interface Described {
  readonly name: string;
  readonly text: string;
  readonly holds: (value: Value) => boolean;
}

/**
 * Splits `weeks >= 7 and weeks < 9 or weeks = 12 and response in [a, b]` into one test per
 * input: runs of tests of one input (its intervals joined by `or`, the two ends of one by
 * `and`), the runs joined by `and`.
 */
function describedGroups(text: string): Described[] | string {
  const parts = text.split(/ (and|or) (?![^[]*\])/);
  const tests: { name: string; holds: (v: Value) => boolean; text: string }[] = [];
  const joins: string[] = [];
  for (const [n, part] of parts.entries()) {
    if (n % 2 === 1) {
      joins.push(part);
      continue;
    }
    const m = /^([A-Za-z][\w-]*) (=|!=|<|<=|>|>=|in) (.+)$/.exec(part);
    if (!m) return `cannot read "${part}" in "${text}"`;
    const literal = (word: string): Value =>
      word === 'true' ? true : word === 'false' ? false : /^-?\d/.test(word) ? Number(word) : word;
    const operator = m[2] as string;
    const operand = m[3] as string;
    const values =
      operator === 'in'
        ? operand
            .replace(/^\[|\]$/g, '')
            .split(', ')
            .map(literal)
        : [literal(operand)];
    const c = values[0] as Value;
    const holds = (v: Value): boolean => {
      switch (operator) {
        case '=':
          return v === c;
        case '!=':
          return v !== c;
        case '<':
          return (v as number) < (c as number);
        case '<=':
          return (v as number) <= (c as number);
        case '>':
          return (v as number) > (c as number);
        case '>=':
          return (v as number) >= (c as number);
        default:
          return values.includes(v);
      }
    };
    tests.push({ name: m[1] as string, holds, text: part });
  }
  const groups: Described[] = [];
  let n = 0;
  while (n < tests.length) {
    const name = (tests[n] as { name: string }).name;
    // An or of ands over the tests of one input.
    const runs: (typeof tests)[] = [[tests[n] as (typeof tests)[number]]];
    const words = [(tests[n] as { text: string }).text];
    while (n + 1 < tests.length && tests[n + 1]?.name === name) {
      const join = joins[n] as string;
      const test = tests[n + 1] as (typeof tests)[number];
      if (join === 'or') runs.push([test]);
      else runs[runs.length - 1]?.push(test);
      words.push(join, test.text);
      n++;
    }
    if (n + 1 < tests.length && joins[n] !== 'and')
      return `"${text}" joins two inputs with "${joins[n]}"`;
    if (groups.some((g) => g.name === name)) return `"${text}" describes ${name} twice`;
    groups.push({
      name,
      text: words.join(' '),
      holds: (v) => runs.some((run) => run.every((t) => t.holds(v))),
    });
    n++;
  }
  return groups;
}
