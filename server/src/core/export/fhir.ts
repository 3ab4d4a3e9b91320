// The FHIR export: a pathway as HL7 FHIR R4 resources in the CPG-on-FHIR profiles, ready for
// systems that read clinical guidelines.
import type { PhrasingContent } from 'mdast';
import type { Analysis } from '../analysis';
import { pathwayLogic, type DecisionLogic, type PathwayLogic } from '../checks/decisionLogic';
import { followed, type UsedPathway } from '../files/calls';
import { isInputId, type Condition, type InputDef } from '../logic';
import { branchList, type PathwayModel, type Step } from '../model/pathway';
import { citationYear } from '../report/citation';
import { exitsOf } from '../report/paths';
import {
  joined,
  link,
  markdownDocument,
  markdownInline,
  text as markdownText,
  textLines,
} from '../text/markdown';
import { decisionExpressions, FHIRPATH_LANGUAGE, MAX_FHIRPATH_LENGTH } from './fhirpath';

// The pathway as HL7 FHIR R4 resources shaped by the Clinical Practice Guidelines
// implementation guide (CPG-on-FHIR, http://hl7.org/fhir/uv/cpg), as its profiles layer them:
// a pathway definition that points to one strategy holding the steps in order, and one
// recommendation definition per graded recommendation; computable decisions carry their
// conditions in FHIRPath over the inputs, which a library declares. docs/fhir.md explains
// each mapping.

/* ------------------------------------------------------------------------------------------ */
/* The few FHIR R4 types the export writes (field order is the order FHIR lists them).         */

export interface FhirCoding {
  system: string;
  code: string;
  display?: string;
}

export interface FhirCodeableConcept {
  coding?: FhirCoding[];
  text?: string;
}

export interface FhirExtension {
  url: string;
  valueCode?: string;
  valueCanonical?: string;
  valueMarkdown?: string;
  valueCodeableConcept?: FhirCodeableConcept;
}

export interface FhirAttachment {
  url: string;
  title?: string;
}

export interface FhirRelatedArtifact {
  type: 'citation';
  label?: string;
  display?: string;
  citation?: string;
  url?: string;
  document?: FhirAttachment;
}

export interface FhirExpression {
  description?: string;
  language: string;
  expression: string;
}

export interface FhirActionCondition {
  kind: 'applicability';
  expression: FhirExpression;
}

export interface FhirRelatedAction {
  actionId: string;
  relationship: 'before-start';
}

export type FhirSelectionBehavior = 'exactly-one' | 'at-most-one';

export interface FhirPlanDefinitionAction {
  id?: string;
  extension?: FhirExtension[];
  title?: string;
  description?: string;
  textEquivalent?: string;
  code?: FhirCodeableConcept[];
  documentation?: FhirRelatedArtifact[];
  condition?: FhirActionCondition[];
  relatedAction?: FhirRelatedAction[];
  selectionBehavior?: FhirSelectionBehavior;
  definitionCanonical?: string;
  action?: FhirPlanDefinitionAction[];
}

export type FhirPublicationStatus = 'draft' | 'active' | 'retired' | 'unknown';

export interface FhirPlanDefinition {
  resourceType: 'PlanDefinition';
  id: string;
  meta: { profile: string[] };
  extension?: FhirExtension[];
  url: string;
  identifier?: { use: 'official'; value: string }[];
  version?: string;
  name: string;
  title: string;
  type: FhirCodeableConcept;
  status: FhirPublicationStatus;
  experimental: boolean;
  subjectCodeableConcept: FhirCodeableConcept;
  description: string;
  usage?: string;
  relatedArtifact?: FhirRelatedArtifact[];
  action: FhirPlanDefinitionAction[];
}

/** One input a definition's expressions read, as a FHIR parameter. */
export interface FhirParameterDefinition {
  name: string;
  use: 'in';
  min: number;
  max: string;
  documentation?: string;
  type: 'boolean' | 'decimal' | 'integer' | 'code';
}

export interface FhirLibrary {
  resourceType: 'Library';
  id: string;
  meta: { profile: string[] };
  url: string;
  version?: string;
  name: string;
  title: string;
  status: FhirPublicationStatus;
  experimental: boolean;
  type: FhirCodeableConcept;
  subjectCodeableConcept: FhirCodeableConcept;
  description: string;
  parameter: FhirParameterDefinition[];
}

export type FhirResource = FhirPlanDefinition | FhirLibrary;

export interface FhirBundle {
  resourceType: 'Bundle';
  id?: string;
  type: 'collection';
  entry?: { fullUrl: string; resource: FhirResource }[];
}

/* ------------------------------------------------------------------------------------------ */
/* Canonical URLs from the CPG IG (STU2), the FHIR core extensions and HL7 terminology.       */

const CPG = 'http://hl7.org/fhir/uv/cpg';

export const FHIR_PROFILES = {
  pathway: `${CPG}/StructureDefinition/cpg-pathwaydefinition`,
  strategy: `${CPG}/StructureDefinition/cpg-strategydefinition`,
  recommendation: `${CPG}/StructureDefinition/cpg-recommendationdefinition`,
  /** The inputs the conditions read: a module definition (CRMI) with one parameter each. */
  inputs: 'http://hl7.org/fhir/uv/crmi/StructureDefinition/crmi-moduledefinitionlibrary',
} as const;

export const FHIR_EXTENSIONS = {
  strength: 'http://hl7.org/fhir/StructureDefinition/cqf-strengthOfRecommendation',
  quality: 'http://hl7.org/fhir/StructureDefinition/cqf-qualityOfEvidence',
  direction: `${CPG}/StructureDefinition/cpg-directionOfRecommendation`,
  rationale: `${CPG}/StructureDefinition/cpg-rationale`,
  partOf: `${CPG}/StructureDefinition/cpg-partOf`,
  knowledgeCapability: 'http://hl7.org/fhir/StructureDefinition/cqf-knowledgeCapability',
  knowledgeLevel: 'http://hl7.org/fhir/StructureDefinition/cqf-knowledgeRepresentationLevel',
  /** On the strategy: the module definition that declares the inputs its conditions read. */
  dataRequirements:
    'http://hl7.org/fhir/uv/crmi/StructureDefinition/crmi-effectiveDataRequirements',
} as const;

export const FHIR_SYSTEMS = {
  strength: 'http://terminology.hl7.org/CodeSystem/recommendation-strength',
  quality: 'http://terminology.hl7.org/CodeSystem/evidence-quality',
  direction: `${CPG}/CodeSystem/cpg-recommendation-direction-cs`,
  planType: 'http://terminology.hl7.org/CodeSystem/plan-definition-type',
  process: `${CPG}/CodeSystem/cpg-common-process-cs`,
  resourceTypes: 'http://hl7.org/fhir/resource-types',
  libraryType: 'http://terminology.hl7.org/CodeSystem/library-type',
} as const;

/** Where the canonical URLs point unless the caller names its own base. */
export const DEFAULT_FHIR_BASE = 'http://example.org/fhir';

/** The language of a condition written in words: FHIR may show it, never evaluate it. */
export const TEXT_CONDITION_LANGUAGE = 'text/plain';

/** The language of a computable decision's conditions. */
export { FHIRPATH_LANGUAGE } from './fhirpath';

export interface FhirExportOptions {
  /** The canonical base, e.g. https://guidelines.example.org/fhir (no trailing slash needed). */
  readonly base?: string;
}

/* ------------------------------------------------------------------------------------------ */
/* Codes                                                                                       */

// GRADE's "conditional" is the code system's "weak"; the author's word stays in `text`.
const STRENGTH = new Map([
  ['strong', { code: 'strong', display: 'Strong', text: 'Strong' }],
  ['conditional', { code: 'weak', display: 'Weak', text: 'Conditional' }],
]);

const CERTAINTY = new Map([
  ['high', { display: 'High quality', text: 'High certainty' }],
  ['moderate', { display: 'Moderate quality', text: 'Moderate certainty' }],
  ['low', { display: 'Low quality', text: 'Low certainty' }],
  ['very-low', { display: 'Very low quality', text: 'Very low certainty' }],
]);

const DIRECTION = new Map([
  ['for', 'For'],
  ['against', 'Against'],
]);

type ProcessCode =
  'history-and-physical' | 'guideline-based-care' | 'discharge-referral-of-patient';

const PROCESS_DISPLAY: Record<ProcessCode, string> = {
  'history-and-physical': 'History and Physical',
  'guideline-based-care': 'Guideline-based Care',
  'discharge-referral-of-patient': 'Discharge/Referral of Patient',
};

/** The CPG common process a step belongs to, with the pathway's own kind as the text. */
function processCode(code: ProcessCode, text: string): FhirCodeableConcept[] {
  return [
    {
      coding: [{ system: FHIR_SYSTEMS.process, code, display: PROCESS_DISPLAY[code] }],
      text,
    },
  ];
}

function stepCode(step: Step): FhirCodeableConcept[] {
  switch (step.kind) {
    case 'assessment':
      return processCode('history-and-physical', 'Assessment');
    case 'action':
      return processCode('guideline-based-care', 'Action');
    case 'recommendation':
      return processCode('guideline-based-care', 'Recommendation');
    case 'decision':
      return processCode('guideline-based-care', 'Decision');
    case 'end':
      return processCode('discharge-referral-of-patient', 'End of the pathway');
    case 'pathway':
      return processCode('guideline-based-care', 'Sub-pathway');
    case undefined:
      return processCode('guideline-based-care', 'Step');
  }
}

function planType(code: string, display: string): FhirCodeableConcept {
  return { coding: [{ system: FHIR_SYSTEMS.planType, code, display }] };
}

const PATIENT: FhirCodeableConcept = {
  coding: [{ system: FHIR_SYSTEMS.resourceTypes, code: 'Patient', display: 'Patient' }],
};

/** The format's status in FHIR's publication status; "review" has no own code and is a draft. */
export function publicationStatus(value: unknown): FhirPublicationStatus {
  switch (value) {
    case undefined:
    case null:
    case 'draft':
    case 'review':
      return 'draft';
    case 'published':
      return 'active';
    case 'retired':
      return 'retired';
    default:
      return 'unknown';
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Ids and names                                                                               */

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** FNV-1a over the UTF-16 code units, as 8 hex digits: short, stable, no dependency. */
function hash8(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * A FHIR id (letters, digits, "-" and ".", at most 64) for a name. A name that already is one
 * is kept; any other gets its other characters as "-", is shortened, and ends in "." and a hash
 * of the whole name, so that two names never share an id (step ids never contain a ".").
 */
export function fhirId(name: string): string {
  if (FHIR_ID.test(name)) return name;
  const safe = name.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 55);
  return `${safe || 'id'}.${hash8(name)}`;
}

/** A machine-friendly name (FHIR's pattern [A-Z][A-Za-z0-9_]*) made of the given words. */
function computableName(...parts: string[]): string {
  const name = parts
    .join('-')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return /^[A-Z]/.test(name) ? name : `Pathway${name}`;
}

/* ------------------------------------------------------------------------------------------ */
/* Text                                                                                        */

/** A scalar as trimmed text; nothing for blanks and non-scalars (FHIR strings are never empty). */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const trimmed = String(value).trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

function fieldOf(step: Step, name: string): string | undefined {
  return text(step.node.entries?.get(name)?.value);
}

// Text from the file for a FHIR `markdown` element is shown as written, never formatting or
// linking: whatever renders the resource may trust its Markdown.

/** A title for a `markdown` element, on one line. */
function markdownLine(value: string): string {
  return markdownInline(markdownText(value));
}

/** Longer text (a rationale, a detail) for a `markdown` element, line by line. */
function markdownLines(value: string): string {
  return markdownDocument(textLines(value)).replace(/\n$/, '');
}

function sentence(value: string): string {
  return /[.!?]$/.test(value) ? value : `${value}.`;
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/* ------------------------------------------------------------------------------------------ */
/* Citations                                                                                   */

/** One reference as a FHIR citation: the DOI link first, then PubMed, then the reference's URL. */
function citationOf(id: string, f: Readonly<Record<string, unknown>>): FhirRelatedArtifact {
  const title = text(f['title']);
  const source = text(f['source']);
  const year = citationYear(source, text(f['year']));
  const doi = text(f['doi']);
  const pmid = text(f['pmid']);
  const url = text(f['url']);
  // Only well-formed values become links; a malformed one (a schema error) stays in the text.
  const links: { url: string; title?: string }[] = [];
  if (doi && /^10\.\d{4,9}\/\S+$/.test(doi)) {
    links.push({ url: `https://doi.org/${doi}`, title: `doi:${doi}` });
  }
  if (pmid && /^\d+$/.test(pmid)) {
    links.push({ url: `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`, title: `PMID ${pmid}` });
  }
  if (url && /^https?:\/\/\S+$/.test(url)) links.push({ url });

  // The citation is Markdown: the words as text, a link only to an http(s) address.
  const parts: PhrasingContent[][] = [];
  if (title) parts.push([markdownText(sentence(title))]);
  if (source) parts.push([markdownText(sentence(source))]);
  if (year) parts.push([markdownText(sentence(year))]);
  if (doi) parts.push([markdownText(`doi:${doi}.`)]);
  if (pmid) parts.push([markdownText(`PMID: ${pmid}.`)]);
  if (url) parts.push(link(url, markdownText(url)));

  const [first, second] = links;
  const artifact: FhirRelatedArtifact = { type: 'citation', label: id, display: title ?? id };
  if (parts.length > 0) artifact.citation = markdownInline(...joined(parts, ' '));
  if (first) artifact.url = first.url;
  if (second) artifact.document = second;
  return artifact;
}

/* ------------------------------------------------------------------------------------------ */
/* The export                                                                                  */

interface Context {
  readonly model: PathwayModel;
  /** Step id → its action id. */
  readonly actionIds: ReadonlyMap<string, string>;
  readonly citations: ReadonlyMap<string, FhirRelatedArtifact>;
  readonly recommendationUrl: (stepId: string) => string;
  /** The inputs and each decision's conditions, as the checker reads them. */
  readonly logic: PathwayLogic;
  /** How many characters of FHIRPath the decisions still to come may take. */
  readonly fhirPath: { remaining: number };
  /** The canonical URL of the pathway definition a `pathway` step uses, when it is exported. */
  readonly usedUrl: (stepId: string) => string | undefined;
}

function documentation(step: Step, context: Context): FhirRelatedArtifact[] | undefined {
  const seen = new Set<string>();
  const found: FhirRelatedArtifact[] = [];
  for (const link of step.cite) {
    const target = link.target;
    if (target === undefined || seen.has(target)) continue;
    seen.add(target);
    const citation = context.citations.get(target);
    if (citation) found.push(citation);
  }
  return nonEmpty(found);
}

/** The grade of a recommendation as the CPG extensions: strength, direction, certainty, rationale. */
function gradeExtensions(step: Step): FhirExtension[] | undefined {
  const extensions: FhirExtension[] = [];
  const strength = STRENGTH.get(text(step.strength?.value) ?? '');
  if (strength) {
    extensions.push({
      url: FHIR_EXTENSIONS.strength,
      valueCodeableConcept: {
        coding: [{ system: FHIR_SYSTEMS.strength, code: strength.code, display: strength.display }],
        text: strength.text,
      },
    });
  }
  // The format's default direction is "for".
  const directionCode = step.direction === undefined ? 'for' : (text(step.direction) ?? '');
  const direction = DIRECTION.get(directionCode);
  if (direction) {
    extensions.push({
      url: FHIR_EXTENSIONS.direction,
      valueCodeableConcept: {
        coding: [{ system: FHIR_SYSTEMS.direction, code: directionCode, display: direction }],
        text: direction,
      },
    });
  }
  const certaintyCode = text(step.certainty) ?? '';
  const certainty = CERTAINTY.get(certaintyCode);
  if (certainty) {
    extensions.push({
      url: FHIR_EXTENSIONS.quality,
      valueCodeableConcept: {
        coding: [{ system: FHIR_SYSTEMS.quality, code: certaintyCode, display: certainty.display }],
        text: certainty.text,
      },
    });
  }
  const rationale = text(step.rationale);
  if (rationale)
    extensions.push({ url: FHIR_EXTENSIONS.rationale, valueMarkdown: markdownLines(rationale) });
  return nonEmpty(extensions);
}

function titleOf(step: Step): string {
  return text(step.title) ?? step.id;
}

/** `before-start` from a step to the one that follows it: the step is done before that one begins. */
function leadsTo(target: string | undefined, context: Context): FhirRelatedAction[] | undefined {
  const id = target === undefined ? undefined : context.actionIds.get(target);
  return id === undefined ? undefined : [{ actionId: id, relationship: 'before-start' }];
}

function condition(
  description: string,
  expression = description,
  language = TEXT_CONDITION_LANGUAGE,
): FhirActionCondition[] {
  return [{ kind: 'applicability', expression: { description, language, expression } }];
}

/**
 * A computable decision's conditions in FHIRPath: for each branch its expression and the
 * words that describe it (the `if` as written; for `match: first`, that the branches above
 * do not apply), then the otherwise's. Undefined for a decision that is not computable.
 */
function computableConditions(
  decision: DecisionLogic | undefined,
  budget: { remaining: number },
): { branches: { expression: string; words: string }[]; otherwise: string } | undefined {
  if (decision?.kind !== 'computable') return undefined;
  const conditions: Condition[] = [];
  for (const branch of decision.branches) {
    if (branch.condition === undefined) return undefined;
    conditions.push(branch.condition);
  }
  const expressions = decisionExpressions(conditions, decision.match, budget.remaining);
  if (!expressions) return undefined;
  for (const text of [...expressions.branches, expressions.otherwise])
    budget.remaining -= text.length;
  return {
    branches: expressions.branches.map((expression, i) => {
      const written = decision.branches[i]?.node?.value;
      const words = typeof written === 'string' ? written.trim() : expression;
      return {
        expression,
        words:
          decision.match === 'first' && i > 0 ? `${words}, and no branch above applies` : words,
      };
    }),
    otherwise: expressions.otherwise,
  };
}

/** A decision's answers as child actions: each branch with its condition, then the otherwise. */
function decisionChildren(step: Step, id: string, context: Context): FhirPlanDefinitionAction[] {
  const children: FhirPlanDefinitionAction[] = [];
  const branches = branchList(step) ?? [];
  const computable = computableConditions(context.logic.decisions.get(step.id), context.fhirPath);
  const whens: string[] = [];
  for (const branch of branches) {
    const number = branch.index + 1;
    const when = text(branch.when?.text);
    if (when) whens.push(when);
    const logic = computable?.branches[branch.index];
    children.push({
      id: fhirId(`${id}.when-${number}`),
      title: when ?? `Branch ${number}`,
      description: when ?? `Branch ${number} of "${titleOf(step)}", without a condition`,
      code: processCode('guideline-based-care', 'Decision branch'),
      condition: logic
        ? condition(logic.words, logic.expression, FHIRPATH_LANGUAGE)
        : when
          ? condition(when)
          : undefined,
      relatedAction: leadsTo(branch.next?.target, context),
    });
  }
  if (step.otherwise) {
    const negation =
      whens.length > 0 ? `None of the above: ${whens.join('; ')}` : 'None of the above';
    // The author's words first; the conditions it stands in for stay beside them.
    const label = step.otherwiseLabel;
    const words = label
      ? `${label} (${negation.charAt(0).toLowerCase()}${negation.slice(1)})`
      : negation;
    children.push({
      id: fhirId(`${id}.otherwise`),
      title: label ?? 'Otherwise',
      description: words,
      code: processCode('guideline-based-care', 'Decision branch (otherwise)'),
      condition: computable
        ? condition(words, computable.otherwise, FHIRPATH_LANGUAGE)
        : condition(words),
      relatedAction: leadsTo(step.otherwise.target, context),
    });
  }
  return children;
}

/**
 * Where a `pathway` step goes on, by the end its used pathway stops at, as the answers of a
 * group (as a decision's are): one per `ends` entry that leads to a step of this pathway,
 * then "any other end" towards `next`. Undefined when `ends` routes nowhere: `next` alone.
 */
function endChildren(
  step: Step,
  id: string,
  context: Context,
): FhirPlanDefinitionAction[] | undefined {
  const used = followed(context.model.calls?.get(step.id));
  const usedTitle = used?.title ?? step.use?.target ?? 'the pathway it uses';
  const children: FhirPlanDefinitionAction[] = [];
  const named: string[] = [];
  for (const route of step.ends) {
    const relatedAction = leadsTo(route.next.target, context);
    if (!relatedAction) continue;
    const endStep = used?.analysis.model.steps.get(route.end);
    const endTitle = endStep?.title ?? route.end;
    named.push(endTitle);
    const words = `"${usedTitle}" stopped at its end "${endTitle}"`;
    children.push({
      id: fhirId(`${id}.end.${fhirId(route.end)}`),
      title: `Ends at: ${endTitle}`,
      description: words,
      code: processCode('guideline-based-care', 'Sub-pathway end'),
      condition: condition(words),
      relatedAction,
    });
  }
  if (children.length === 0) return undefined;
  const other = `"${usedTitle}" stopped at any other end than ${named.map((t) => `"${t}"`).join(', ')}`;
  children.push({
    id: fhirId(`${id}.other-ends`),
    title: 'Any other end',
    description: other,
    code: processCode('guideline-based-care', 'Sub-pathway end (any other)'),
    condition: condition(other),
    relatedAction: leadsTo(step.next?.target, context),
  });
  return children;
}

/** One step as an action of the strategy. */
function stepAction(step: Step, context: Context): FhirPlanDefinitionAction {
  const id = context.actionIds.get(step.id) ?? fhirId(step.id);
  const title = titleOf(step);
  const action: FhirPlanDefinitionAction = { id };
  if (step.kind === 'recommendation') action.extension = gradeExtensions(step);
  action.title = title;
  action.description = step.kind === 'end' ? (fieldOf(step, 'outcome') ?? title) : title;
  action.textEquivalent = fieldOf(step, 'detail');
  action.code = stepCode(step);
  action.documentation = documentation(step, context);
  if (step.kind === 'decision') {
    const children = decisionChildren(step, id, context);
    action.selectionBehavior = step.otherwise ? 'exactly-one' : 'at-most-one';
    action.action = nonEmpty(children);
  } else if (step.kind === 'pathway') {
    const children = endChildren(step, id, context);
    if (children) {
      action.selectionBehavior = 'exactly-one';
      action.action = children;
    } else {
      action.relatedAction = leadsTo(step.next?.target, context);
    }
  } else if (step.kind !== 'end') {
    action.relatedAction = leadsTo(exitsOf(step, context.model.steps)[0]?.to, context);
  }
  if (step.kind === 'recommendation')
    action.definitionCanonical = context.recommendationUrl(step.id);
  if (step.kind === 'pathway') action.definitionCanonical = context.usedUrl(step.id);
  return action;
}

/** The steps in the order the strategy lists them: the start first, then as written. */
function orderedSteps(model: PathwayModel): Step[] {
  const steps = [...model.steps.values()];
  const start = model.start?.target;
  const first = start === undefined ? undefined : model.steps.get(start);
  return first ? [first, ...steps.filter((s) => s !== first)] : steps;
}

type KnowledgeLevel = 'semi-structured' | 'structured';

function knowledgeExtensions(
  partOf?: string,
  level: KnowledgeLevel = 'semi-structured',
): FhirExtension[] {
  return [
    { url: FHIR_EXTENSIONS.knowledgeCapability, valueCode: 'shareable' },
    { url: FHIR_EXTENSIONS.knowledgeCapability, valueCode: 'computable' },
    // Words (titles, prose conditions, recommendations) in a structured flow.
    { url: FHIR_EXTENSIONS.knowledgeLevel, valueCode: level },
    ...(partOf ? [{ url: FHIR_EXTENSIONS.partOf, valueCanonical: partOf }] : []),
  ];
}

/**
 * The strategy is structured when it has decisions and every one of them has its conditions
 * in FHIRPath; else semi-structured.
 */
function strategyLevel(
  actions: readonly FhirPlanDefinitionAction[],
  steps: readonly Step[],
): KnowledgeLevel {
  // A sub-pathway's ends are a group too, chosen by where the used pathway stops, not by a condition.
  const decisions = actions.filter((_, i) => steps[i]?.kind === 'decision');
  const computable = decisions.every(
    (decision) =>
      (decision.action ?? []).length > 0 &&
      (decision.action ?? []).every(
        (answer) => answer.condition?.[0]?.expression.language === FHIRPATH_LANGUAGE,
      ),
  );
  return decisions.length > 0 && computable ? 'structured' : 'semi-structured';
}

const PARAMETER_TYPE: Record<InputDef['type'], FhirParameterDefinition['type']> = {
  boolean: 'boolean',
  number: 'decimal',
  integer: 'integer',
  choice: 'code',
};

/** What an input holds, in words: its question, then the values it takes. */
function inputDocumentation(def: InputDef, title: string | undefined): string {
  const unit = def.unit ? ` ${def.unit}` : '';
  const range =
    def.min !== undefined && def.max !== undefined
      ? ` from ${def.min} to ${def.max}${unit}`
      : def.min !== undefined
        ? ` of at least ${def.min}${unit}`
        : def.max !== undefined
          ? ` of at most ${def.max}${unit}`
          : unit && ` in${unit}`;
  const values =
    def.type === 'boolean'
      ? 'true or false'
      : def.type === 'choice'
        ? `one of ${(def.values ?? []).join(', ')}`
        : `${def.type === 'integer' ? 'a whole number' : 'a number'}${range}`;
  return `${title ?? def.id}: ${values}.`;
}

/**
 * The pathway's inputs as a module definition library: one `in` parameter per input, named
 * as the conditions read it (`%<name>`), so that whoever evaluates them knows what to supply.
 */
function inputsLibrary(
  model: PathwayModel,
  logic: PathwayLogic,
  fields: {
    id: string;
    url: string;
    version: string | undefined;
    name: string;
    title: string;
    status: FhirPublicationStatus;
  },
): FhirLibrary | undefined {
  // An id the schema rejects (a space, a reserved word) is no name a condition can read.
  const defs = [...logic.inputs.values()].filter((def) => isInputId(def.id));
  if (defs.length === 0) return undefined;
  const nodes = model.root.entries?.get('inputs')?.entries;
  const parameter = defs.map((def): FhirParameterDefinition => ({
    name: def.id,
    use: 'in',
    min: 0,
    max: '1',
    documentation: inputDocumentation(def, text(nodes?.get(def.id)?.entries?.get('title')?.value)),
    type: PARAMETER_TYPE[def.type],
  }));
  return {
    resourceType: 'Library',
    id: fields.id,
    meta: { profile: [FHIR_PROFILES.inputs] },
    url: fields.url,
    version: fields.version,
    name: fields.name,
    title: `${fields.title}: the inputs`,
    status: fields.status,
    experimental: false,
    type: {
      coding: [
        {
          system: FHIR_SYSTEMS.libraryType,
          code: 'module-definition',
          display: 'Module Definition',
        },
      ],
    },
    subjectCodeableConcept: PATIENT,
    description: markdownLine(
      `The facts the decisions of "${fields.title}" depend on. Each condition reads an input as the FHIRPath external constant of its name (%name); an input not known is an empty collection.`,
    ),
    parameter,
  };
}

/** A slug for the pathway: its id, else one made from its title, else "pathway". */
function pathwaySlug(root: PathwayModel['root']): string {
  const id = text(root.entries?.get('id')?.value);
  if (id) return id;
  const fromTitle = (text(root.entries?.get('title')?.value) ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return fromTitle || 'pathway';
}

/**
 * The pathway as a FHIR R4 collection Bundle: the CPG pathway definition, the strategy that holds
 * its steps (decisions as groups of conditional answers, order through relatedAction), the
 * library of its inputs when it has any, and a CPG recommendation definition for each
 * recommendation. Each pathway it uses (and those they use) follows with resources of its own,
 * once each: a `pathway` step's action points to the used pathway's definition through
 * `definitionCanonical`. The same files always give the same bundle. Without a readable pathway
 * (the YAML does not parse) the bundle is empty.
 */
export function toFhirBundle(analysis: Analysis, options: FhirExportOptions = {}): FhirBundle {
  const model = analysis.model;
  if (!model) return { resourceType: 'Bundle', type: 'collection' };
  const base = (options.base ?? DEFAULT_FHIR_BASE).replace(/\/+$/, '');

  // Every pathway followed from this one, once each however often it is used, with a slug of
  // its own: two files that share an id (or a title) must not share a canonical URL.
  const slugs = new Set<string>();
  const uniqueSlug = (wanted: string): string => {
    let slug = wanted;
    for (let n = 2; slugs.has(fhirId(slug)); n++) slug = `${wanted}-${n}`;
    slugs.add(fhirId(slug));
    return slug;
  };
  const mainSlug = uniqueSlug(pathwaySlug(model.root));
  const used = usedPathways(model);
  const usedSlugs = new Map<string, string>();
  for (const pathway of used)
    usedSlugs.set(pathway.path, uniqueSlug(pathwaySlug(pathway.analysis.model.root)));
  const pathwayUrlOf = (slug: string): string => `${base}/PlanDefinition/${fhirId(slug)}`;
  const usedUrlIn =
    (of: PathwayModel) =>
    (stepId: string): string | undefined => {
      const path = followed(of.calls?.get(stepId))?.path;
      const slug = path === undefined ? undefined : usedSlugs.get(path);
      return slug === undefined ? undefined : pathwayUrlOf(slug);
    };

  // One budget for the whole bundle: however many pathways it holds, its FHIRPath stays bounded.
  const fhirPath = { remaining: MAX_FHIRPATH_LENGTH };
  const resources = pathwayResources(analysis, model, mainSlug, base, usedUrlIn(model), fhirPath);
  for (const pathway of used) {
    const { analysis: usedAnalysis } = pathway;
    const slug = usedSlugs.get(pathway.path) ?? pathwaySlug(usedAnalysis.model.root);
    resources.push(
      ...pathwayResources(
        usedAnalysis,
        usedAnalysis.model,
        slug,
        base,
        usedUrlIn(usedAnalysis.model),
        fhirPath,
      ),
    );
  }
  return {
    resourceType: 'Bundle',
    id: fhirId(mainSlug),
    type: 'collection',
    entry: resources.map((resource) => ({ fullUrl: resource.url, resource })),
  };
}

/**
 * The pathways a model's calls follow, and those their calls follow in turn, each once, in the
 * order first met (depth first, in the order of the steps).
 */
function usedPathways(model: PathwayModel): UsedPathway[] {
  const found = new Map<string, UsedPathway>();
  const visit = (from: PathwayModel): void => {
    for (const call of from.calls?.values() ?? []) {
      const used = followed(call);
      if (!used || found.has(used.path)) continue;
      found.set(used.path, used);
      visit(used.analysis.model);
    }
  };
  visit(model);
  return [...found.values()];
}

/**
 * One pathway's resources: its pathway definition, its strategy, the library of its inputs
 * and its recommendation definitions, under the given slug.
 */
function pathwayResources(
  analysis: Analysis,
  model: PathwayModel,
  slug: string,
  base: string,
  usedUrl: (stepId: string) => string | undefined,
  fhirPath: { remaining: number },
): FhirResource[] {
  const root = model.root.entries;
  const pathwayId = fhirId(slug);
  const strategyId = fhirId(`${pathwayId}.strategy`);
  const urlOf = (id: string): string => `${base}/PlanDefinition/${id}`;
  const pathwayUrl = urlOf(pathwayId);
  const strategyUrl = urlOf(strategyId);
  const title = text(root?.get('title')?.value) ?? slug;
  const version = text(root?.get('version')?.value);
  const status = publicationStatus(root?.get('status')?.value);
  const population = text(root?.get('population')?.value);
  const name = computableName(slug);

  const actionIds = new Map<string, string>();
  for (const id of model.steps.keys()) actionIds.set(id, fhirId(id));
  // Every reference a step cites, wherever it is defined, and the pathway's own uncited ones.
  const citations = new Map<string, FhirRelatedArtifact>();
  for (const [id, reference] of model.references)
    citations.set(id, citationOf(id, reference.fields));
  for (const step of model.steps.values()) {
    for (const { target } of step.cite) {
      if (target === undefined || citations.has(target)) continue;
      const resolved = analysis.sources.resolve(target);
      if (resolved) citations.set(target, citationOf(target, resolved.fields));
    }
  }
  const recommendationId = (stepId: string): string =>
    fhirId(`${pathwayId}.rec.${actionIds.get(stepId) ?? fhirId(stepId)}`);
  const logic = pathwayLogic(model, analysis.parsed.text);
  const context: Context = {
    model,
    actionIds,
    citations,
    recommendationUrl: (stepId) => urlOf(recommendationId(stepId)),
    logic,
    fhirPath,
    usedUrl,
  };
  const inputsId = fhirId(`${pathwayId}.inputs`);
  const inputs = inputsLibrary(model, logic, {
    id: inputsId,
    url: `${base}/Library/${inputsId}`,
    version,
    name: `${name}Inputs`,
    title,
    status,
  });

  const steps = orderedSteps(model);
  const pathway: FhirPlanDefinition = {
    resourceType: 'PlanDefinition',
    id: pathwayId,
    meta: { profile: [FHIR_PROFILES.pathway] },
    extension: knowledgeExtensions(),
    url: pathwayUrl,
    identifier: [{ use: 'official', value: slug }],
    version,
    name,
    title,
    type: planType('clinical-protocol', 'Clinical Protocol'),
    status,
    experimental: false,
    subjectCodeableConcept: PATIENT,
    description: markdownLine(title),
    usage: population,
    relatedArtifact: nonEmpty([...citations.values()]),
    action: [
      {
        id: 'steps',
        title,
        description: `Follow the steps of "${title}".`,
        code: processCode('guideline-based-care', 'Pathway'),
        definitionCanonical: strategyUrl,
      },
    ],
  };

  const stepActions = steps.map((step) => stepAction(step, context));
  const strategy: FhirPlanDefinition = {
    resourceType: 'PlanDefinition',
    id: strategyId,
    meta: { profile: [FHIR_PROFILES.strategy] },
    extension: [
      ...knowledgeExtensions(pathwayUrl, strategyLevel(stepActions, steps)),
      ...(inputs ? [{ url: FHIR_EXTENSIONS.dataRequirements, valueCanonical: inputs.url }] : []),
    ],
    url: strategyUrl,
    version,
    name: `${name}Steps`,
    title: `${title}: the steps`,
    type: planType('workflow-definition', 'Workflow Definition'),
    status,
    experimental: false,
    subjectCodeableConcept: PATIENT,
    description: markdownLine(
      `The steps of "${title}" in order, starting at the first: assessments, decisions with their answers, recommendations with their grade and evidence, and the ends.`,
    ),
    action: stepActions,
  };

  const recommendations: FhirPlanDefinition[] = steps
    .filter((step) => step.kind === 'recommendation')
    .map((step): FhirPlanDefinition => {
      const stepTitle = titleOf(step);
      const detail = fieldOf(step, 'detail');
      const cited = documentation(step, context);
      return {
        resourceType: 'PlanDefinition',
        id: recommendationId(step.id),
        meta: { profile: [FHIR_PROFILES.recommendation] },
        extension: knowledgeExtensions(strategyUrl),
        url: context.recommendationUrl(step.id),
        version,
        name: computableName(slug, step.id),
        title: stepTitle,
        type: planType('eca-rule', 'ECA Rule'),
        status,
        experimental: false,
        subjectCodeableConcept: PATIENT,
        // The detail's Markdown marks show as typed: links and HTML in it are not followed.
        description: detail === undefined ? markdownLine(stepTitle) : markdownLines(detail),
        relatedArtifact: cited,
        action: [
          {
            id: actionIds.get(step.id) ?? fhirId(step.id),
            extension: gradeExtensions(step),
            title: stepTitle,
            description: stepTitle,
            textEquivalent: detail,
            code: stepCode(step),
            documentation: cited,
          },
        ],
      };
    });

  return [pathway, strategy, ...(inputs ? [inputs] : []), ...recommendations];
}
