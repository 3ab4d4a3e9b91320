// The audit report's content: the pathway's facts, its recommendations with their grades and
// citations, its paths from start to end and its open findings, for a reviewer.
import type { Analysis } from '../analysis';
import { decisionVerdicts } from '../checks/decisionFindings';
import { pathwayLogic } from '../checks/decisionLogic';
import { RULE_INFO } from '../checks/registry';
import { endsKnown, followed, type Call } from '../files/calls';
import { inputDeclarations } from '../model/inputs';
import { branchList, otherwiseWords, type PathwayModel, type Step } from '../model/pathway';
import type { Finding, RuleCode } from '../types';
import { clipped } from '../text/terminal';
import { verdictParts, type VerdictPart } from './verdict';
import {
  coveredShare,
  fileScenarios,
  type BranchCoverage,
  type EndCoverage,
  type NotRun,
  type ScenarioResult,
} from '../scenarios/results';
import {
  enumeratePaths,
  pathExitsOf,
  DEFAULT_PATH_LIMITS,
  type PathEnumeration,
  type PathLimits,
} from './paths';

/** A reference as a reader cites it. */
export interface Citation {
  readonly id: string;
  readonly title: string | undefined;
  readonly source: string | undefined;
  readonly year: string | undefined;
  readonly doi: string | undefined;
  readonly pmid: string | undefined;
  readonly url: string | undefined;
  /** False when the id names no reference. */
  readonly found: boolean;
  /**
   * True when it is not found but a bibliography that was not read (a missing file, one not
   * read at all, as in the editor today) may define it: then it is not "no such reference".
   */
  readonly unread?: boolean;
}

export interface RecommendationRow {
  readonly id: string;
  readonly line: number;
  readonly title: string;
  readonly direction: 'for' | 'against';
  readonly strength: string | undefined;
  readonly certainty: string | undefined;
  readonly rationale: string | undefined;
  readonly citations: readonly Citation[];
}

/** A step other than a recommendation, as the report's index of steps names it. */
export interface StepRow {
  readonly id: string;
  readonly line: number;
  readonly title: string;
  /** The step's kind, or undefined when missing or not one the format knows. */
  readonly kind: string | undefined;
  /** The inputs an assessment records (known inputs only). */
  readonly records: readonly string[];
}

/** A step named by its id and title, with its line. */
export interface StepName {
  readonly id: string;
  readonly title: string;
  readonly line: number;
}

/** One input as the report's table lists it, its fields as written. */
export interface InputRow {
  readonly id: string;
  readonly line: number;
  readonly title: string | undefined;
  /** The type as written (it may be missing, or one the format does not know). */
  readonly type: string | undefined;
  readonly values: readonly string[] | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly unit: string | undefined;
  /** The assessments that measure it; none: it is known from the start and fixed. */
  readonly recordedBy: readonly StepName[];
  /** The decisions whose conditions test it. */
  readonly usedBy: readonly StepName[];
}

/** A decision with its branches and what the logic analysis says of them. */
export interface DecisionRow extends StepName {
  readonly match: 'exclusive' | 'first';
  /** Whether every branch has an `if` that the checker can read. */
  readonly computable: boolean;
  /** "Exclusive ✓", "Not exclusive: …", or why it is not analysed. */
  readonly verdict: readonly VerdictPart[];
  readonly branches: readonly {
    readonly number: number;
    readonly when: string | undefined;
    /** Its `if` as written, when it is text. */
    readonly if: string | undefined;
    readonly next: StepName | undefined;
  }[];
  /** Its otherwise route: the label a reader sees and where it leads. */
  readonly otherwise: { readonly label: string; readonly next: StepName } | undefined;
}

/** A `pathway` step: the pathway it uses, and where the route goes on from each of its ends. */
export interface SubPathwayRow extends StepName {
  /** Its `use` as written. */
  readonly use: string | undefined;
  /** The used file from the folder the pathways are read from, when `use` names one. */
  readonly path: string | undefined;
  /** The used pathway's title and id, when its file could be read. */
  readonly used:
    { readonly title: string | undefined; readonly id: string | undefined } | undefined;
  /** Why the route cannot go through the used pathway, in words; undefined when it can. */
  readonly problem: string | undefined;
  /** Each `ends` entry: the used pathway's end, its title when known, and where it leads. */
  readonly ends: readonly {
    readonly end: string;
    readonly title: string | undefined;
    readonly next: StepName | undefined;
  }[];
  /** Where the route goes on at any other end. */
  readonly next: StepName | undefined;
}

/** A pathway file used on the way, directly or by another used pathway, listed once. */
export interface UsedPathwayRow {
  readonly path: string;
  readonly id: string | undefined;
  readonly title: string | undefined;
  /** The steps of this pathway that use it, and the used pathways (by path) that do. */
  readonly steps: readonly string[];
  readonly byPathways: readonly string[];
}

export interface ReportPath {
  readonly number: number;
  readonly end: { readonly id: string; readonly title: string };
  /** The decisions met, with the answer taken at each. */
  readonly decisions: readonly {
    readonly id: string;
    readonly title: string;
    readonly answer: string;
  }[];
  readonly recommendations: readonly RecommendationRow[];
  readonly steps: readonly string[];
}

/** The file's scenarios as the report lists them: each result, and what none of them takes. */
export interface ScenarioSection {
  readonly results: readonly ScenarioResult[];
  readonly notRun: readonly NotRun[];
  readonly covered: number;
  readonly total: number;
  /** Branches, otherwises and ends that no scenario takes. */
  readonly untakenBranches: readonly BranchCoverage[];
  readonly untakenEnds: readonly EndCoverage[];
}

export interface AuditReport {
  readonly header: {
    readonly title: string;
    readonly id: string | undefined;
    readonly version: string | undefined;
    readonly status: string;
    readonly population: string | undefined;
    readonly date: string;
  };
  readonly recommendations: readonly RecommendationRow[];
  /** Whether the pathway writes any logic (inputs, or an `if` on a branch). */
  readonly logic: boolean;
  /** The facts the pathway decides on, in the file's order. */
  readonly inputs: readonly InputRow[];
  /** Every decision, in the file's order. */
  readonly decisions: readonly DecisionRow[];
  /** Every `pathway` step, in the file's order. */
  readonly subPathways: readonly SubPathwayRow[];
  /** The pathway files used, directly or further down, each once in the order first met. */
  readonly usedPathways: readonly UsedPathwayRow[];
  /** The scenarios, when the file has any. */
  readonly scenarios: ScenarioSection | undefined;
  /** Every other step, in the file's order: what the paths' decisions and ends link to. */
  readonly steps: readonly StepRow[];
  readonly paths: readonly ReportPath[];
  readonly pathCount: {
    readonly counted: number;
    readonly complete: boolean;
    readonly capped: boolean;
    readonly listed: number;
  };
  readonly gaps: {
    readonly strongOnLowCertainty: readonly RecommendationRow[];
    readonly lowCertaintyOnly: readonly RecommendationRow[];
    readonly uncited: readonly RecommendationRow[];
    readonly unusedReferences: readonly Citation[];
    readonly endsWithoutRecommendation: readonly { readonly id: string; readonly title: string }[];
  };
  readonly diagnostics: readonly {
    readonly code: RuleCode;
    readonly summary: string;
    readonly findings: readonly Finding[];
  }[];
  /** How many findings `# pathway-disable` comments in the file silence. */
  readonly suppressed: number;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** A reference as cited: `fields` are its fields wherever it is defined (see CitationSources). */
function citationOf(
  id: string,
  fields: Readonly<Record<string, unknown>> | undefined,
  unread = false,
): Citation {
  const f = fields ?? {};
  return {
    id,
    title: text(f['title']),
    source: text(f['source']),
    year: text(f['year']),
    doi: text(f['doi']),
    pmid: text(f['pmid']),
    url: text(f['url']),
    found: fields !== undefined,
    ...(fields === undefined && unread ? { unread: true } : {}),
  };
}

/** The works a step cites, in its order, each in full (or marked as naming no reference). */
export function citationsOf(analysis: Analysis, step: Step): Citation[] {
  return step.cite
    .map((link) => link.target)
    .filter((id): id is string => id !== undefined)
    .map((id) => {
      const resolved = analysis.sources.resolve(id);
      return citationOf(id, resolved?.fields, !resolved && analysis.sources.mayHold(id));
    });
}

export function recommendationRow(analysis: Analysis, step: Step): RecommendationRow {
  const rationale = text(step.rationale);
  return {
    id: step.id,
    line: analysis.parsed.lines.positionAt(step.keySpan.start).line,
    title: step.title ?? step.id,
    direction: step.direction === 'against' ? 'against' : 'for',
    strength: text(step.strength?.value),
    certainty: text(step.certainty),
    rationale: rationale?.trim() ? rationale.trim() : undefined,
    citations: citationsOf(analysis, step),
  };
}

const LOW = new Set(['low', 'very-low']);

/** How many characters of the file's text a listed path repeats. */
function textOfPath(path: ReportPath): number {
  let length = path.end.title.length + path.steps.length;
  for (const d of path.decisions) length += d.title.length + d.answer.length;
  for (const r of path.recommendations) length += r.title.length;
  return length;
}

/** Ends that some path from the start reaches without passing any recommendation. */
function endsWithoutRecommendation(analysis: Analysis): string[] {
  const model = analysis.model;
  const start = analysis.graph?.start;
  if (!model || start === undefined || model.steps.get(start)?.kind === 'recommendation') return [];
  const seen = new Set([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const step = model.steps.get(queue[i] ?? '');
    if (!step) continue;
    for (const { to } of pathExitsOf(step, model)) {
      if (seen.has(to) || model.steps.get(to)?.kind === 'recommendation') continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return [...seen].filter((id) => model.steps.get(id)?.kind === 'end');
}

/** Why a call's route does not go through the used pathway, in words a reviewer reads. */
function callProblem(call: Call | undefined): string | undefined {
  switch (call?.state.kind) {
    case undefined:
    case 'unchecked':
      return 'not read: the report was made without the files around this one';
    case 'unknown-file':
      return 'no readable pathway file (unknown-file, under Diagnostics)';
    case 'circular':
      return 'it leads back to this pathway (circular-pathway, under Diagnostics)';
    case 'input-mismatch':
      return 'its inputs disagree with this pathway’s (input-mismatch, under Diagnostics)';
    case 'ok':
      return undefined;
  }
}

/** Every `pathway` step with the pathway it uses and where each of its ends leads. */
function subPathwayRows(analysis: Analysis, model: PathwayModel): SubPathwayRow[] {
  const rows: SubPathwayRow[] = [];
  for (const step of model.steps.values()) {
    if (step.kind !== 'pathway') continue;
    const own = stepName(analysis, model, step.id);
    if (!own) continue;
    const call = model.calls?.get(step.id);
    const used = endsKnown(call);
    const target = (id: string | undefined): StepName | undefined =>
      id === undefined ? undefined : stepName(analysis, model, id);
    rows.push({
      ...own,
      use: step.use?.target,
      path: call?.path,
      used: used ? { title: used.title, id: used.id } : undefined,
      problem: callProblem(call),
      ends: step.ends.map((route) => ({
        end: route.end,
        title: used?.analysis.model.steps.get(route.end)?.title,
        next: target(route.next.target),
      })),
      next: target(step.next?.target),
    });
  }
  return rows;
}

/** The pathways used along every call that can be followed, each once, and who uses each. */
function usedPathwayRows(model: PathwayModel): UsedPathwayRow[] {
  const rows = new Map<
    string,
    { path: string; id?: string; title?: string; steps: string[]; byPathways: string[] }
  >();
  const visit = (from: PathwayModel, by: string | undefined): void => {
    for (const call of from.calls?.values() ?? []) {
      const used = followed(call);
      if (!used) continue;
      const known = rows.get(used.path);
      const row = known ?? {
        path: used.path,
        ...(used.id === undefined ? {} : { id: used.id }),
        ...(used.title === undefined ? {} : { title: used.title }),
        steps: [],
        byPathways: [],
      };
      if (by === undefined) row.steps.push(call.step.id);
      else if (!row.byPathways.includes(by)) row.byPathways.push(by);
      if (known) continue;
      rows.set(used.path, row);
      visit(used.analysis.model, used.path);
    }
  };
  visit(model, undefined);
  return [...rows.values()].map((row) => ({
    path: row.path,
    id: row.id,
    title: row.title,
    steps: row.steps,
    byPathways: row.byPathways,
  }));
}

/**
 * The most characters of a title the decisions section repeats: a step's title is printed
 * whole where the step is listed, and a decision's table names many steps.
 */
const MAX_NAMED_TITLE = 200;

function stepName(analysis: Analysis, model: PathwayModel, id: string): StepName | undefined {
  const step = model.steps.get(id);
  if (!step) return undefined;
  return {
    id,
    title: clipped(step.title ?? id, MAX_NAMED_TITLE),
    line: analysis.parsed.lines.positionAt(step.keySpan.start).line,
  };
}

function flat(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** The inputs, who records them and which decisions test them. */
function inputRows(analysis: Analysis, model: PathwayModel): InputRow[] {
  const logic = pathwayLogic(model, analysis.parsed.text);
  const named = (ids: Iterable<string>): StepName[] =>
    [...ids]
      .map((id) => stepName(analysis, model, id))
      .filter((step): step is StepName => step !== undefined);
  return inputDeclarations(model).map((input) => ({
    id: input.id,
    line: analysis.parsed.lines.positionAt(input.keySpan.start).line,
    title: input.title,
    type: input.type,
    values: input.values,
    min: input.min,
    max: input.max,
    unit: input.unit,
    recordedBy: named(
      [...logic.records].filter(([, ids]) => ids.includes(input.id)).map(([id]) => id),
    ),
    usedBy: named(
      [...logic.decisions.values()]
        .filter((d) => d.branches.some((b) => b.names.includes(input.id)))
        .map((d) => d.step.id),
    ),
  }));
}

/** Every decision with its branches, their conditions and the logic analysis's verdict. */
function decisionRows(analysis: Analysis, model: PathwayModel): DecisionRow[] {
  const verdicts = decisionVerdicts(model, analysis.graph, analysis.parsed.text);
  const rows: DecisionRow[] = [];
  for (const step of model.steps.values()) {
    if (step.kind !== 'decision') continue;
    const verdict = verdicts.get(step.id);
    const own = stepName(analysis, model, step.id);
    if (!own) continue;
    const otherwise =
      step.otherwise?.target === undefined
        ? undefined
        : stepName(analysis, model, step.otherwise.target);
    rows.push({
      ...own,
      match:
        verdict?.match ??
        (step.node.entries?.get('match')?.value === 'first' ? 'first' : 'exclusive'),
      computable: verdict?.kind === 'computable',
      verdict: verdict ? verdictParts(verdict) : [{ tone: 'note', text: 'No branches to judge' }],
      branches: (branchList(step) ?? []).map((branch) => {
        const written = branch.node.entries?.get('if')?.value;
        return {
          number: branch.index + 1,
          when: branch.when ? flat(branch.when.text) : undefined,
          if: typeof written === 'string' && written.trim() !== '' ? flat(written) : undefined,
          next:
            branch.next?.target === undefined
              ? undefined
              : stepName(analysis, model, branch.next.target),
        };
      }),
      otherwise: otherwise ? { label: otherwiseWords(step), next: otherwise } : undefined,
    });
  }
  return rows;
}

export interface ReportOptions {
  /** The date printed in the header, e.g. 2026-11-21. */
  readonly date: string;
  readonly limits?: PathLimits;
  /** The most characters of titles and answers the listed paths may repeat in all. */
  readonly pathText?: number;
}

/**
 * Each listed path repeats the titles of the steps on it, so long titles on many paths
 * would make a report of gigabytes from a file of a few megabytes. Far above a real
 * pathway's listing (200 paths of 15 steps with 80-character titles are 240,000).
 */
export const DEFAULT_PATH_TEXT = 2_000_000;

/** Everything a reviewer audits, from the same analysis the diagnostics come from. */
export function buildAuditReport(analysis: Analysis, options: ReportOptions): AuditReport {
  const model = analysis.model;
  const root = model?.root.entries;
  const steps = [...(model?.steps.values() ?? [])];
  const rows = new Map(
    steps
      .filter((s) => s.kind === 'recommendation')
      .map((s) => [s.id, recommendationRow(analysis, s)]),
  );
  const titleOf = (id: string): string => model?.steps.get(id)?.title ?? id;

  const enumeration: PathEnumeration =
    model && analysis.graph
      ? enumeratePaths(model, analysis.graph, options.limits ?? DEFAULT_PATH_LIMITS)
      : { paths: [], counted: 0, complete: true, countCapped: false };
  const paths: ReportPath[] = [];
  let pathText = options.pathText ?? DEFAULT_PATH_TEXT;
  for (const path of enumeration.paths) {
    const listed: ReportPath = {
      number: paths.length + 1,
      end: { id: path.end, title: titleOf(path.end) },
      // A sub-pathway whose ends lead different ways is answered by the end it stops at.
      decisions: path.steps
        .filter((s) => {
          const kind = model?.steps.get(s.id)?.kind;
          return kind === 'decision' || (kind === 'pathway' && s.answer !== undefined);
        })
        .map((s) => ({ id: s.id, title: titleOf(s.id), answer: s.answer ?? '' })),
      recommendations: path.steps
        .map((s) => rows.get(s.id))
        .filter((row): row is RecommendationRow => row !== undefined),
      steps: path.steps.map((s) => s.id),
    };
    pathText -= textOfPath(listed);
    // The first path is always listed: it holds no more than the file does.
    if (pathText < 0 && paths.length > 0) break;
    paths.push(listed);
  }

  const recommendations = [...rows.values()];
  const cited = new Set(steps.flatMap((s) => s.cite.map((c) => c.target ?? '')));
  const byCode = new Map<RuleCode, Finding[]>();
  for (const finding of analysis.findings) {
    const list = byCode.get(finding.code) ?? [];
    list.push(finding);
    byCode.set(finding.code, list);
  }

  return {
    header: {
      title: text(root?.get('title')?.value) ?? 'Untitled pathway',
      id: text(root?.get('id')?.value),
      version: text(root?.get('version')?.value),
      status: text(root?.get('status')?.value) ?? 'draft',
      population: text(root?.get('population')?.value),
      date: options.date,
    },
    recommendations,
    logic: model ? pathwayLogic(model, analysis.parsed.text).any : false,
    inputs: model ? inputRows(analysis, model) : [],
    decisions: model ? decisionRows(analysis, model) : [],
    subPathways: model ? subPathwayRows(analysis, model) : [],
    usedPathways: model ? usedPathwayRows(model) : [],
    scenarios: model ? scenarioSection(analysis, model) : undefined,
    steps: steps
      .filter((s) => s.kind !== 'recommendation')
      .map((s) => ({
        id: s.id,
        line: analysis.parsed.lines.positionAt(s.keySpan.start).line,
        title: s.title ?? s.id,
        kind: s.kind,
        records: model ? (pathwayLogic(model, analysis.parsed.text).records.get(s.id) ?? []) : [],
      })),
    paths,
    pathCount: {
      counted: enumeration.counted,
      complete: enumeration.complete && paths.length === enumeration.paths.length,
      capped: enumeration.countCapped,
      listed: paths.length,
    },
    gaps: {
      strongOnLowCertainty: recommendations.filter(
        (r) => r.strength === 'strong' && LOW.has(r.certainty ?? ''),
      ),
      lowCertaintyOnly: recommendations.filter((r) => LOW.has(r.certainty ?? '')),
      uncited: recommendations.filter((r) => r.citations.length === 0),
      unusedReferences: [...(model?.references.values() ?? [])]
        .filter((r) => !cited.has(r.id))
        .map((r) => citationOf(r.id, r.fields)),
      endsWithoutRecommendation: endsWithoutRecommendation(analysis).map((id) => ({
        id,
        title: titleOf(id),
      })),
    },
    diagnostics: RULE_INFO.filter((rule) => byCode.has(rule.code)).map((rule) => ({
      code: rule.code,
      summary: rule.summary,
      findings: byCode.get(rule.code) ?? [],
    })),
    suppressed: analysis.suppressed.length,
  };
}

function scenarioSection(analysis: Analysis, model: PathwayModel): ScenarioSection | undefined {
  const found = fileScenarios(
    model,
    analysis.parsed.text,
    (offset) => analysis.parsed.lines.positionAt(offset).line + 1,
  );
  if (found.results.length === 0 && found.notRun.length === 0) return undefined;
  const { covered, total } = coveredShare(found.coverage);
  return {
    results: found.results,
    notRun: found.notRun,
    covered,
    total,
    untakenBranches: found.coverage.branches.filter((b) => b.scenarios === 0),
    untakenEnds: found.coverage.ends.filter((e) => e.scenarios === 0),
  };
}
