// Comparing two versions of a pathway: what changed in its recommendation logic (steps added,
// removed, renamed or rerouted; conditions, grades and citations changed).
import { distance } from 'fastest-levenshtein';
import type { Analysis } from '../analysis';
import { followed, type UsedPathway } from '../files/calls';
import { tokenize } from '../logic';
import type { StepGraph } from '../model/graph';
import { inputDeclarations, type InputDeclaration } from '../model/inputs';
import { branchList, type PathwayModel, type Reference, type Step } from '../model/pathway';
import { enumeratePaths } from '../report/paths';
import { pathwayName } from '../scenarios/chain';
import { patientChanges, type PatientChange } from './patients';

/** One difference in the recommendation logic between two versions of a pathway. */
export type Change =
  | PatientChange
  | {
      readonly type: 'step-added';
      readonly id: string;
      readonly kind: string;
      readonly title: string;
    }
  | {
      readonly type: 'step-removed';
      readonly id: string;
      readonly kind: string;
      readonly title: string;
    }
  | {
      readonly type: 'step-renamed';
      readonly from: string;
      readonly to: string;
      readonly title: string;
    }
  | {
      readonly type: 'kind-changed';
      readonly id: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly type: 'title-changed';
      readonly id: string;
      readonly from: string;
      readonly to: string;
    }
  | { readonly type: 'start-moved'; readonly from: string; readonly to: string }
  | {
      /** A sub-pathway step now uses another file. */
      readonly type: 'use-changed';
      readonly id: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      /** The pathway a sub-pathway step uses changed its own recommendation logic. */
      readonly type: 'sub-pathway-changed';
      readonly id: string;
      /** The used file, from the folder the pathways are read from. */
      readonly path: string;
      readonly title: string;
      /** How many changes its own comparison finds. */
      readonly changes: number;
    }
  | {
      readonly type: 'link-added';
      readonly from: string;
      readonly to: string;
      readonly via: string;
      /** The branch's `if`, when it has one. */
      readonly if?: string;
    }
  | {
      readonly type: 'link-removed';
      readonly from: string;
      readonly to: string;
      readonly via: string;
      /** The branch's `if`, when it had one. */
      readonly if?: string;
    }
  | {
      readonly type: 'branch-reworded';
      readonly id: string;
      readonly to: string;
      readonly from: string;
      readonly when: string;
    }
  | {
      readonly type: 'link-retargeted';
      readonly id: string;
      readonly via: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly type: 'otherwise-changed';
      readonly id: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      /** The words for the otherwise route changed; `was`/`now` are '' when it had none. */
      readonly type: 'otherwise-reworded';
      readonly id: string;
      /** Where the otherwise route leads in the new version. */
      readonly to: string;
      readonly was: string;
      readonly now: string;
    }
  | {
      /** A branch's `if` changed; `was`/`now` are '' when it had none or has none. */
      readonly type: 'condition-changed';
      readonly id: string;
      /** The branch's number in the new version, from 1. */
      readonly branch: number;
      /** Where the branch leads in the new version. */
      readonly to: string;
      readonly was: string;
      readonly now: string;
    }
  | {
      /** A decision's `match` changed; absent counts as `exclusive`. */
      readonly type: 'match-changed';
      readonly id: string;
      readonly from: string;
      readonly to: string;
    }
  | { readonly type: 'records-added'; readonly id: string; readonly input: string }
  | { readonly type: 'records-removed'; readonly id: string; readonly input: string }
  | {
      readonly type: 'input-added';
      readonly id: string;
      /** The input's type as written ('' when it has none). */
      readonly inputType: string;
      readonly title: string;
    }
  | {
      readonly type: 'input-removed';
      readonly id: string;
      readonly inputType: string;
      readonly title: string;
    }
  | {
      /** One field of an input changed; a list of values is joined by ", ", '' when absent. */
      readonly type: 'input-changed';
      readonly id: string;
      readonly field: InputField;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly type: 'grade-changed';
      readonly id: string;
      readonly field: 'direction' | 'strength' | 'certainty' | 'rationale';
      readonly from: string;
      readonly to: string;
    }
  | { readonly type: 'citation-added'; readonly id: string; readonly reference: string }
  | { readonly type: 'citation-removed'; readonly id: string; readonly reference: string }
  | { readonly type: 'reference-added'; readonly id: string; readonly title: string }
  | { readonly type: 'reference-removed'; readonly id: string; readonly title: string }
  | {
      readonly type: 'reference-edited';
      readonly id: string;
      readonly field: string;
      readonly from: string;
      readonly to: string;
    }
  | { readonly type: 'became-unreachable'; readonly id: string }
  | { readonly type: 'became-reachable'; readonly id: string }
  | {
      readonly type: 'end-paths-changed';
      readonly id: string;
      /** The end's title in the new version (in the old one when the end was removed). */
      readonly title: string;
      readonly before: number;
      readonly after: number;
      /** Routes that changed: a route gone paired with a route new, as many as both allow. */
      readonly changed: number;
      /** Steps on some route to the end now, on none before (empty when it was not reached). */
      readonly nowThrough: readonly string[];
      /** Steps on some route to the end before, on none now (empty when it is not reached). */
      readonly noLongerThrough: readonly string[];
      /** Every route new and every route gone, each as its steps joined by " → ". */
      readonly added: readonly string[];
      readonly removed: readonly string[];
    };

/** The fields of an input the comparison reads. */
export type InputField = 'type' | 'title' | 'values' | 'min' | 'max' | 'unit';

export interface PathwayDiff {
  readonly changes: readonly Change[];
  /** True when the recommendation logic is the same (formatting, comments, order aside). */
  readonly unchanged: boolean;
}

/** The step of the new version a change is about, if any. */
export function changedStep(change: Change): string | undefined {
  switch (change.type) {
    case 'step-renamed':
      return change.to;
    case 'start-moved':
      return change.to;
    case 'link-added':
    case 'link-removed':
      return change.from;
    case 'reference-added':
    case 'reference-removed':
    case 'reference-edited':
    case 'input-added':
    case 'input-removed':
    case 'input-changed':
    case 'scenario-route-changed':
    case 'patients-moved':
      return undefined;
    default:
      return change.id;
  }
}

function str(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

function normal(text: string | undefined): string {
  return (text ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** How alike two titles are, 0 to 1. */
function similarity(a: string, b: string): number {
  const x = normal(a);
  const y = normal(b);
  if (!x && !y) return 1;
  return 1 - distance(x, y) / Math.max(x.length, y.length);
}

/** A way out of a step: how (`next`, `when "…"`, `otherwise`), where to, and a branch's `if`. */
interface Exit {
  readonly via: string;
  readonly to: string;
  /** A branch's `if` as written, on one line; '' when it has none. */
  readonly test?: string;
  /** A branch's number, from 1. */
  readonly branch?: number;
}

/** A branch's `if` as written: on one line, '' when it has none or it is not text. */
function testOf(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
}

/** A condition's words, so that spacing (`weeks>6`, `weeks > 6`) is no change. */
function sameTest(a: string, b: string): boolean {
  const words = (text: string): string =>
    tokenize(text)
      .map((token) => token.text)
      .join(' ');
  return a === b || words(a) === words(b);
}

/** The ways out of a step as comparable strings: `next>b`, `when:condition>b`, `otherwise>b`. */
function exits(step: Step): Exit[] {
  const out: Exit[] = [];
  if (step.next?.target !== undefined) out.push({ via: 'next', to: step.next.target });
  for (const branch of branchList(step) ?? []) {
    if (branch.next?.target !== undefined)
      out.push({
        via: `when "${branch.when?.text.trim() ?? ''}"`,
        to: branch.next.target,
        test: testOf(branch.node.entries?.get('if')?.value),
        branch: branch.index + 1,
      });
  }
  if (step.otherwise?.target !== undefined)
    out.push({ via: 'otherwise', to: step.otherwise.target });
  for (const route of step.ends)
    if (route.next.target !== undefined)
      out.push({ via: `at its end "${route.end}"`, to: route.next.target });
  return out;
}

/**
 * Pairs steps that left the old version with steps that arrived in the new one when they
 * are evidently the same step under a new id: same kind, and the same or a very similar
 * title, or the same way out.
 */
function detectRenames(before: PathwayModel, after: PathwayModel): Map<string, string> {
  const removed = [...before.steps.values()].filter((s) => !after.steps.has(s.id));
  const added = [...after.steps.values()].filter((s) => !before.steps.has(s.id));
  const candidates: { from: string; to: string; score: number }[] = [];
  for (const old of removed) {
    for (const now of added) {
      if (old.kind !== now.kind) continue;
      const titleScore = similarity(old.title ?? '', now.title ?? '');
      const sameExits =
        JSON.stringify(exits(old).map((e) => e.via)) ===
          JSON.stringify(exits(now).map((e) => e.via)) && exits(old).length > 0;
      const score = titleScore + (sameExits ? 0.2 : 0);
      if (titleScore >= 0.75 || (sameExits && titleScore >= 0.4))
        candidates.push({ from: old.id, to: now.id, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.from.localeCompare(b.from));
  const renames = new Map<string, string>();
  const taken = new Set<string>();
  for (const c of candidates) {
    if (renames.has(c.from) || taken.has(c.to)) continue;
    renames.set(c.from, c.to);
    taken.add(c.to);
  }
  return renames;
}

/** A Map, not an object: a field named "constructor" or "__proto__" is a field like any other. */
function referenceFields(reference: Reference): Map<string, string> {
  const fields = new Map<string, string>();
  for (const key of Object.keys(reference.fields).sort())
    fields.set(key, str(reference.fields[key]));
  return fields;
}

/** A decision's `match` as written; absent is `exclusive`, the default. */
function matchOf(step: Step): string {
  const value = str(step.node.entries?.get('match')?.value).trim();
  return value === '' ? 'exclusive' : value;
}

/** The inputs an assessment records, as written. */
function recordsOf(step: Step): string[] {
  return (step.node.entries?.get('records')?.items ?? [])
    .map((item) => str(item.value))
    .filter((input) => input !== '');
}

function inputFields(input: InputDeclaration): Record<InputField, string> {
  return {
    type: input.type ?? '',
    title: input.title ?? '',
    values: (input.values ?? []).join(', '),
    min: input.min === undefined ? '' : String(input.min),
    max: input.max === undefined ? '' : String(input.max),
    unit: input.unit ?? '',
  };
}

const INPUT_FIELDS: readonly InputField[] = ['type', 'title', 'values', 'min', 'max', 'unit'];

/** Inputs added, removed, or with a field changed (a title in case and spacing aside). */
function inputChanges(before: PathwayModel, after: PathwayModel): Change[] {
  const changes: Change[] = [];
  const old = new Map(inputDeclarations(before).map((input) => [input.id, input]));
  const now = new Map(inputDeclarations(after).map((input) => [input.id, input]));
  for (const [id, input] of old) {
    const next = now.get(id);
    if (!next) {
      changes.push({
        type: 'input-removed',
        id,
        inputType: input.type ?? '',
        title: input.title ?? '',
      });
      continue;
    }
    const from = inputFields(input);
    const to = inputFields(next);
    for (const field of INPUT_FIELDS) {
      const same =
        field === 'title' ? normal(from[field]) === normal(to[field]) : from[field] === to[field];
      if (!same)
        changes.push({ type: 'input-changed', id, field, from: from[field], to: to[field] });
    }
  }
  for (const [id, input] of now) {
    if (!old.has(id))
      changes.push({
        type: 'input-added',
        id,
        inputType: input.type ?? '',
        title: input.title ?? '',
      });
  }
  return changes;
}

/** The most routes a version's listing holds, sub-pathways' routes spliced in included. */
const MAX_ROUTES = 2000;

/** A route to an end: the end as its pathway names it, and the steps walked, named for the user. */
interface Route {
  readonly end: string;
  readonly steps: readonly string[];
}

/**
 * The routes from a pathway's start to its ends, each sub-pathway step followed by the used
 * pathway's own routes to the ends that lead on where the route goes (its steps as `ID/STEP`):
 * a route whose sub-pathway cannot reach such an end is no route. `name` names this
 * pathway's steps; the used pathways' routes are listed once per file.
 */
function expandedRoutes(
  model: PathwayModel,
  graph: StepGraph,
  name: (id: string) => string,
  inner: Map<string, readonly Route[]>,
): Route[] {
  const enumeration = enumeratePaths(model, graph, {
    list: MAX_ROUTES,
    count: MAX_ROUTES,
    work: 200_000,
  });
  const routesOf = (used: UsedPathway): readonly Route[] => {
    let known = inner.get(used.path);
    if (!known) {
      // Set first: a file met again while its routes are listed adds nothing (no cycle is followed).
      inner.set(used.path, []);
      const prefix = pathwayName(used);
      known = expandedRoutes(
        used.analysis.model,
        used.analysis.graph,
        (id) => `${prefix}/${id}`,
        inner,
      );
      inner.set(used.path, known);
    }
    return known;
  };
  const routes: Route[] = [];
  for (const path of enumeration.paths) {
    let partial: string[][] = [[]];
    path.steps.forEach(({ id }, i) => {
      partial = partial.map((steps) => [...steps, name(id)]);
      const step = model.steps.get(id);
      const used = step?.kind === 'pathway' ? followed(model.calls?.get(id)) : undefined;
      const to = path.steps[i + 1]?.id;
      if (!step || !used || to === undefined) return;
      const mapped = new Set(step.ends.map((route) => route.end));
      const leads = (end: string): boolean =>
        step.ends.some((route) => route.end === end && route.next.target === to) ||
        (!mapped.has(end) && step.next?.target === to);
      const through = routesOf(used).filter((route) => leads(route.end));
      const spliced: string[][] = [];
      for (const steps of partial)
        for (const route of through)
          if (spliced.length < MAX_ROUTES) spliced.push([...steps, ...route.steps]);
      partial = spliced;
    });
    for (const steps of partial)
      if (routes.length < MAX_ROUTES) routes.push({ end: path.end, steps });
  }
  return routes;
}

/** For each end, the routes to it: each route's signature and the steps it walks. */
function routesToEnds(
  analysis: Analysis,
  rename: (id: string) => string,
): Map<string, Map<string, readonly string[]>> {
  const routes = new Map<string, Map<string, readonly string[]>>();
  if (!analysis.model || !analysis.graph) return routes;
  for (const route of expandedRoutes(analysis.model, analysis.graph, rename, new Map())) {
    // The steps walked, not the words of the conditions: a reworded branch is the same route.
    const end = rename(route.end);
    const byEnd = routes.get(end) ?? new Map<string, readonly string[]>();
    byEnd.set(route.steps.join(' → '), route.steps);
    routes.set(end, byEnd);
  }
  return routes;
}

/**
 * What changed in the pathway a sub-pathway step uses: another file, or the same file with
 * other logic (its own comparison, once per file).
 */
function useChanges(
  id: string,
  old: Step,
  now: Step,
  before: PathwayModel,
  after: PathwayModel,
  compared: Map<string, number>,
): Change[] {
  if (old.kind !== 'pathway' || now.kind !== 'pathway') return [];
  const from = old.use?.target ?? '';
  const to = now.use?.target ?? '';
  // As written: two versions in two folders each use the file beside them.
  if (from !== to) return [{ type: 'use-changed', id, from, to }];
  const usedBefore = followed(before.calls?.get(old.id));
  const usedAfter = followed(after.calls?.get(now.id));
  if (!usedBefore || !usedAfter) return [];
  let count = compared.get(usedAfter.path);
  if (count === undefined) {
    count = diffPathways(usedBefore.analysis, usedAfter.analysis).changes.length;
    compared.set(usedAfter.path, count);
  }
  return count === 0
    ? []
    : [
        {
          type: 'sub-pathway-changed',
          id,
          path: usedAfter.path,
          title: usedAfter.title ?? usedAfter.path,
          changes: count,
        },
      ];
}

/** The steps of `mine` that `other` does not have, but for those renamed, as one change each. */
function stepsOnlyIn(
  mine: PathwayModel,
  other: PathwayModel,
  renamed: ReadonlySet<string>,
  type: 'step-removed' | 'step-added',
): Change[] {
  return [...mine.steps.values()]
    .filter((step) => !other.steps.has(step.id) && !renamed.has(step.id))
    .map((step) => ({ type, id: step.id, kind: step.kind ?? '?', title: step.title ?? '' }));
}

/** The differences in recommendation logic from `before` to `after`. */
export function diffPathways(before: Analysis, after: Analysis): PathwayDiff {
  const a = before.model;
  const b = after.model;
  const changes: Change[] = [];
  if (!a || !b) return { changes, unchanged: a === b };

  const renames = detectRenames(a, b);
  const toNew = (id: string): string => renames.get(id) ?? id;

  for (const [from, to] of renames) {
    changes.push({ type: 'step-renamed', from, to, title: b.steps.get(to)?.title ?? to });
  }
  const renamedTo = new Set(renames.values());
  // One by one: a spread of many thousands of arguments overflows the stack.
  for (const change of stepsOnlyIn(a, b, new Set(renames.keys()), 'step-removed')) {
    changes.push(change);
  }
  for (const change of stepsOnlyIn(b, a, renamedTo, 'step-added')) changes.push(change);

  const startBefore = a.start?.target !== undefined ? toNew(a.start.target) : '';
  const startAfter = b.start?.target ?? '';
  if (startBefore !== startAfter)
    changes.push({ type: 'start-moved', from: startBefore, to: startAfter });

  // Each used file compared once, however many steps use it.
  const usedCompared = new Map<string, number>();
  for (const old of a.steps.values()) {
    const id = toNew(old.id);
    const now = b.steps.get(id);
    if (!now) continue;
    if (old.kind !== now.kind)
      changes.push({ type: 'kind-changed', id, from: old.kind ?? '?', to: now.kind ?? '?' });
    if (normal(old.title) !== normal(now.title)) {
      changes.push({ type: 'title-changed', id, from: old.title ?? '', to: now.title ?? '' });
    }
    for (const change of useChanges(id, old, now, a, b, usedCompared)) changes.push(change);

    // Routing: otherwise first, then branches by target (a reworded condition), then the rest.
    const oldExits = exits(old).map((e) => ({ ...e, to: toNew(e.to) }));
    const newExits = exits(now);
    const oldOtherwise = oldExits.find((e) => e.via === 'otherwise');
    const newOtherwise = newExits.find((e) => e.via === 'otherwise');
    if (oldOtherwise?.to !== newOtherwise?.to) {
      changes.push({
        type: 'otherwise-changed',
        id,
        from: oldOtherwise?.to ?? '',
        to: newOtherwise?.to ?? '',
      });
    }
    // Its label is wording, like a branch's condition (case and spacing aside), whether or
    // not the route also moved.
    if (oldOtherwise && newOtherwise && normal(old.otherwiseLabel) !== normal(now.otherwiseLabel)) {
      changes.push({
        type: 'otherwise-reworded',
        id,
        to: newOtherwise.to,
        was: old.otherwiseLabel ?? '',
        now: now.otherwiseLabel ?? '',
      });
    }
    const key = (e: { via: string; to: string }): string => `${normal(e.via)}>${e.to}`;
    const remaining = newExits.filter((e) => e.via !== 'otherwise');
    const unmatchedOld: Exit[] = [];
    // The same branch in both versions, to compare its `if`.
    const paired: [Exit, Exit][] = [];
    for (const e of oldExits.filter((x) => x.via !== 'otherwise')) {
      const index = remaining.findIndex((n) => key(n) === key(e));
      const same = remaining[index];
      if (index >= 0 && same) {
        remaining.splice(index, 1);
        paired.push([e, same]);
      } else unmatchedOld.push(e);
    }
    for (const e of unmatchedOld) {
      const retargeted = remaining.findIndex((n) => normal(n.via) === normal(e.via));
      const sameWay = remaining[retargeted];
      if (retargeted >= 0 && sameWay) {
        remaining.splice(retargeted, 1);
        paired.push([e, sameWay]);
        changes.push({ type: 'link-retargeted', id, via: e.via, from: e.to, to: sameWay.to });
        continue;
      }
      const reworded = e.via.startsWith('when')
        ? remaining.findIndex((n) => n.to === e.to && n.via.startsWith('when'))
        : -1;
      const match = remaining[reworded];
      if (reworded >= 0 && match) {
        remaining.splice(reworded, 1);
        paired.push([e, match]);
        changes.push({
          type: 'branch-reworded',
          id,
          to: e.to,
          from: e.via.replace(/^when /, ''),
          when: match.via.replace(/^when /, ''),
        });
      } else {
        changes.push({
          type: 'link-removed',
          from: id,
          to: e.to,
          via: e.via,
          ...(e.test ? { if: e.test } : {}),
        });
      }
    }
    for (const e of remaining)
      changes.push({
        type: 'link-added',
        from: id,
        to: e.to,
        via: e.via,
        ...(e.test ? { if: e.test } : {}),
      });
    paired.sort(([, x], [, y]) => (x.branch ?? 0) - (y.branch ?? 0));
    for (const [was, now] of paired) {
      if (sameTest(was.test ?? '', now.test ?? '')) continue;
      changes.push({
        type: 'condition-changed',
        id,
        branch: now.branch ?? 0,
        to: now.to,
        was: was.test ?? '',
        now: now.test ?? '',
      });
    }
    if (old.kind === 'decision' || now.kind === 'decision') {
      const from = matchOf(old);
      const to = matchOf(now);
      if (from !== to) changes.push({ type: 'match-changed', id, from, to });
    }
    const recordsBefore = recordsOf(old);
    const recordsAfter = recordsOf(now);
    for (const input of recordsAfter)
      if (!recordsBefore.includes(input)) changes.push({ type: 'records-added', id, input });
    for (const input of recordsBefore)
      if (!recordsAfter.includes(input)) changes.push({ type: 'records-removed', id, input });

    if (old.kind === 'recommendation' || now.kind === 'recommendation') {
      const fields = {
        direction: [
          old.direction === 'against' ? 'against' : 'for',
          now.direction === 'against' ? 'against' : 'for',
        ],
        strength: [str(old.strength?.value), str(now.strength?.value)],
        certainty: [str(old.certainty), str(now.certainty)],
        rationale: [str(old.rationale).trim(), str(now.rationale).trim()],
      } as const;
      for (const field of ['direction', 'strength', 'certainty', 'rationale'] as const) {
        const [from, to] = fields[field];
        if (from !== to) changes.push({ type: 'grade-changed', id, field, from, to });
      }
    }
    const citesBefore = new Set(old.cite.map((c) => c.target ?? ''));
    const citesAfter = new Set(now.cite.map((c) => c.target ?? ''));
    for (const ref of citesAfter)
      if (ref && !citesBefore.has(ref))
        changes.push({ type: 'citation-added', id, reference: ref });
    for (const ref of citesBefore)
      if (ref && !citesAfter.has(ref))
        changes.push({ type: 'citation-removed', id, reference: ref });
  }
  // Links out of added steps are part of adding them; links into them are routing changes above.

  for (const ref of a.references.values()) {
    const now = b.references.get(ref.id);
    if (!now) {
      changes.push({ type: 'reference-removed', id: ref.id, title: str(ref.fields['title']) });
      continue;
    }
    const before = referenceFields(ref);
    const after = referenceFields(now);
    for (const field of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const from = before.get(field) ?? '';
      const to = after.get(field) ?? '';
      if (from !== to) changes.push({ type: 'reference-edited', id: ref.id, field, from, to });
    }
  }
  for (const ref of b.references.values()) {
    if (!a.references.has(ref.id))
      changes.push({ type: 'reference-added', id: ref.id, title: str(ref.fields['title']) });
  }

  changes.push(...inputChanges(a, b));

  // Consequences for patients: who can reach what, and by which decisions.
  const reachableBefore = new Set([...(before.graph?.reachable ?? [])].map(toNew));
  const reachableAfter = after.graph?.reachable ?? new Set<string>();
  for (const id of b.steps.keys()) {
    if (!b.steps.has(id)) continue;
    const existed = a.steps.has(id) || renamedTo.has(id);
    if (!existed) continue;
    if (reachableBefore.has(id) && !reachableAfter.has(id))
      changes.push({ type: 'became-unreachable', id });
    if (!reachableBefore.has(id) && reachableAfter.has(id))
      changes.push({ type: 'became-reachable', id });
  }
  const routesBefore = routesToEnds(before, toNew);
  const routesAfter = routesToEnds(after, (id) => id);
  const stepsOn = (routes: ReadonlyMap<string, readonly string[]>): Set<string> =>
    new Set([...routes.values()].flat());
  for (const end of [...new Set([...routesBefore.keys(), ...routesAfter.keys()])].sort()) {
    const was = routesBefore.get(end) ?? new Map<string, readonly string[]>();
    const now = routesAfter.get(end) ?? new Map<string, readonly string[]>();
    const added = [...now.keys()].filter((r) => !was.has(r));
    const removed = [...was.keys()].filter((r) => !now.has(r));
    if (added.length === 0 && removed.length === 0) continue;
    // Which steps patients bound for this end now meet or miss: what a reviewer asks of a
    // changed route, said once for all of them instead of route by route.
    const stepsBefore = stepsOn(was);
    const stepsAfter = stepsOn(now);
    changes.push({
      type: 'end-paths-changed',
      id: end,
      title: b.steps.get(end)?.title ?? a.steps.get(end)?.title ?? '',
      before: was.size,
      after: now.size,
      changed: Math.min(added.length, removed.length),
      nowThrough: was.size === 0 ? [] : [...stepsAfter].filter((id) => !stepsBefore.has(id)),
      noLongerThrough: now.size === 0 ? [] : [...stepsBefore].filter((id) => !stepsAfter.has(id)),
      added,
      removed,
    });
  }

  for (const change of patientChanges(before, after, toNew)) changes.push(change);
  return { changes, unchanged: changes.length === 0 };
}
