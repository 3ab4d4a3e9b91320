// What each `pathway` step's `use` leads to (pathway-files §3–4): the used pathway, read and
// analysed once per run through the run's shared files, or why it cannot be followed — a
// file that is not there or is not a pathway, a cycle of files, or inputs that disagree.
import type { Analysis } from '../analysis';
import { declaredInputs, pathwayLogic } from '../checks/decisionLogic';
import type { InputDef, Inputs } from '../logic';
import type { StepGraph } from '../model/graph';
import { buildModel, type Link, type PathwayModel, type Step } from '../model/pathway';
import { parsePathwayText } from '../parse/parse';
import { resolvePath, type PathProblem } from './paths';
import type { FileContext, FileProblem, SharedFiles } from './provider';

/** Why a `use` value names no pathway that can be followed. */
export type UnknownUse =
  | { readonly of: 'path'; readonly problem: PathProblem }
  | { readonly of: 'file'; readonly problem: FileProblem }
  /** The file's name is not `*.pathway.yaml` or `*.pathway.yml`. */
  | { readonly of: 'name' }
  /** Its YAML does not parse. */
  | { readonly of: 'syntax' }
  /** Its `start` names none of its steps. */
  | { readonly of: 'start' };

/** An input both pathways declare, with a different type or set of values. */
export interface InputMismatch {
  readonly id: string;
  /** As this pathway declares it, and as the used pathway (or one it uses) does. */
  readonly here: InputDef;
  readonly there: InputDef;
}

/** A used pathway, as the pathways that use it see it. */
export interface UsedPathway {
  /** Its path from the root. */
  readonly path: string;
  /** Its `id`, when written as text: the `ID` of its steps' `ID/STEP` names. */
  readonly id: string | undefined;
  readonly title: string | undefined;
  readonly analysis: Analysis & { readonly model: PathwayModel; readonly graph: StepGraph };
  /** Its `end` steps, in the file's order. */
  readonly ends: readonly string[];
  /**
   * The typed inputs it decides on, with those of the pathways it uses in turn (the first
   * definition of an id wins): one id names one fact along a chain of calls.
   */
  readonly inputs: Inputs;
  /** The inputs some step records, its own or along the pathways it uses. */
  readonly records: ReadonlySet<string>;
}

export type CallState =
  /** Not followed: the analysis was given no files, or `use` is not text. */
  | { readonly kind: 'unchecked' }
  | { readonly kind: 'unknown-file'; readonly problem: UnknownUse }
  /** Following `use` from the used file comes back here; `cycle` is the paths, this one first. */
  | { readonly kind: 'circular'; readonly cycle: readonly string[] }
  | {
      readonly kind: 'input-mismatch';
      readonly used: UsedPathway;
      readonly mismatches: readonly InputMismatch[];
    }
  | { readonly kind: 'ok'; readonly used: UsedPathway };

/** One `pathway` step and what its `use` leads to. */
export interface Call {
  readonly step: Step;
  /** Its `use` value, when written. */
  readonly use: Link | undefined;
  /** The used file's path from the root, when the value names one. */
  readonly path: string | undefined;
  readonly state: CallState;
}

/** The calls of one pathway, by the id of their `pathway` step. */
export type Calls = ReadonlyMap<string, Call>;

/** The used pathway of a call that can be followed: its ends are known and routes go through. */
export function followed(call: Call | undefined): UsedPathway | undefined {
  return call?.state.kind === 'ok' ? call.state.used : undefined;
}

/** The used pathway whose ends a call's `ends` keys are judged against (also when inputs differ). */
export function endsKnown(call: Call | undefined): UsedPathway | undefined {
  const state = call?.state;
  return state?.kind === 'ok' || state?.kind === 'input-mismatch' ? state.used : undefined;
}

/** Analyses a used file in its place among the run's files (given by the analysis, to keep this module below it). */
export type AnalyzeUsed = (text: string, context: FileContext) => Analysis;

const PATHWAY_FILE = /\.pathway\.ya?ml$/u;

/** A file as a pathway that can be used: its analysis, or why it cannot be. */
type Readable = { readonly analysis: UsedPathway['analysis'] } | { readonly problem: UnknownUse };

function readable(files: SharedFiles, path: string, analyze: AnalyzeUsed): Readable {
  if (!PATHWAY_FILE.test(path)) return { problem: { of: 'name' } };
  const found = files.derived(path, 'pathway-analysis', (text) => analyze(text, { files, path }));
  if ('problem' in found) return { problem: { of: 'file', problem: found.problem } };
  const analysis = found.value;
  const { model, graph } = analysis;
  if (analysis.parsed.syntax.length > 0 || !model) return { problem: { of: 'syntax' } };
  if (!graph || graph.start === undefined) return { problem: { of: 'start' } };
  return { analysis: { ...analysis, model, graph } };
}

/**
 * The files a file's `use` values name, from the root (those that resolve to a path with a
 * pathway's name). Read from the file's model alone, so a cycle is found before any file in
 * it is analysed.
 */
function usedPaths(path: string, model: PathwayModel): string[] {
  const paths: string[] = [];
  for (const step of model.steps.values()) {
    const written = step.kind === 'pathway' ? step.use?.target : undefined;
    if (written === undefined) continue;
    const resolved = resolvePath(path, written);
    if ('path' in resolved && PATHWAY_FILE.test(resolved.path)) paths.push(resolved.path);
  }
  return paths;
}

/**
 * Whether following `use` from `from` comes back to `target`, and the files on the way; the
 * files' uses are read through `usesOf` (each once per run).
 */
function cycleBack(
  from: string,
  target: string,
  usesOf: (path: string) => readonly string[],
): string[] | undefined {
  const parent = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  for (let q = 0; q < queue.length; q++) {
    const at = queue[q] as string;
    for (const next of usesOf(at)) {
      if (next === target) {
        const chain: string[] = [];
        for (let p: string | undefined = at; p !== undefined; p = parent.get(p)) chain.push(p);
        return chain.reverse();
      }
      if (parent.has(next)) continue;
      parent.set(next, at);
      queue.push(next);
    }
  }
  return undefined;
}

function sameInput(a: InputDef, b: InputDef): boolean {
  if (a.type !== b.type) return false;
  if (a.type !== 'choice') return true;
  const mine = new Set(a.values ?? []);
  const theirs = new Set(b.values ?? []);
  return mine.size === theirs.size && [...mine].every((value) => theirs.has(value));
}

/** A used file as its users see it (its inputs and records along its own calls included). */
function usedPathway(path: string, analysis: UsedPathway['analysis']): UsedPathway {
  const { model } = analysis;
  const inputs = new Map<string, InputDef>();
  for (const def of declaredInputs(model).defs) if (!inputs.has(def.id)) inputs.set(def.id, def);
  const records = new Set<string>();
  for (const ids of pathwayLogic(model, analysis.parsed.text).records.values())
    for (const id of ids) records.add(id);
  for (const call of model.calls?.values() ?? []) {
    const used = followed(call);
    if (!used) continue;
    for (const [id, def] of used.inputs) if (!inputs.has(id)) inputs.set(id, def);
    for (const id of used.records) records.add(id);
  }
  const id = model.root.entries?.get('id')?.value;
  const title = model.root.entries?.get('title')?.value;
  return {
    path,
    id: typeof id === 'string' ? id : undefined,
    title: typeof title === 'string' ? title : undefined,
    analysis,
    ends: [...model.steps.values()].filter((s) => s.kind === 'end').map((s) => s.id),
    inputs,
    records,
  };
}

/**
 * The calls of a model: for each `pathway` step, what its `use` leads to. Without files (a
 * text checked on its own) every call is `unchecked`.
 */
export function resolveCalls(
  model: PathwayModel,
  context: FileContext | undefined,
  analyze: AnalyzeUsed,
): Calls {
  const calls = new Map<string, Call>();
  const own = context ? declaredInputs(model).defs : [];
  for (const step of model.steps.values()) {
    if (step.kind !== 'pathway') continue;
    const use = step.use;
    const written = use?.target;
    if (!context || written === undefined) {
      calls.set(step.id, { step, use, path: undefined, state: { kind: 'unchecked' } });
      continue;
    }
    const { files } = context;
    const resolved = resolvePath(context.path, written);
    if ('problem' in resolved) {
      const problem: UnknownUse = { of: 'path', problem: resolved.problem };
      calls.set(step.id, { step, use, path: undefined, state: { kind: 'unknown-file', problem } });
      continue;
    }
    const path = resolved.path;
    const call = (state: CallState): void => {
      calls.set(step.id, { step, use, path, state });
    };
    const usesOf = (at: string): readonly string[] => {
      if (at === context.path) return usedPaths(at, model);
      const found = files.derived(at, 'pathway-uses', (text) => usesIn(at, text));
      return 'problem' in found ? [] : found.value;
    };
    const back =
      context.path === undefined
        ? undefined
        : path === context.path
          ? [path]
          : cycleBack(path, context.path, usesOf);
    if (back) {
      call({
        kind: 'circular',
        cycle: [context.path as string, ...(path === context.path ? [] : back)],
      });
      continue;
    }
    const read = readable(files, path, analyze);
    if ('problem' in read) {
      call({ kind: 'unknown-file', problem: read.problem });
      continue;
    }
    const used = usedPathway(path, read.analysis);
    const mismatches: InputMismatch[] = [];
    for (const here of own) {
      const there = used.inputs.get(here.id);
      if (there && !sameInput(here, there)) mismatches.push({ id: here.id, here, there });
    }
    call(
      mismatches.length > 0 ? { kind: 'input-mismatch', used, mismatches } : { kind: 'ok', used },
    );
  }
  return calls;
}

/** The pathway files a text's `use` values name, read off its parse alone (not analysed). */
function usesIn(path: string, text: string): string[] {
  const parsed = parsePathwayText(text);
  if (parsed.syntax.length > 0 || !parsed.tree) return [];
  return usedPaths(path, buildModel(parsed.tree.root));
}
