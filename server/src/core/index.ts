// What the language server, the CLI, the client, the benchmarks and the tests use of the core;
// the core's own modules import each other directly.
export { analyzeWhole, type Analysis } from './analysis';
export { analyze, IncrementalAnalyzer } from './analyzer';
export { type AnalysisPhase, type ParseAnswer, type ParseRequest, type Steps } from './steps';
export { flattenParsed, unflattenParsedNow, type FlatParsedFile } from './parse/flatten';
export { RULES, RULE_INFO, isRuleCode, UNSUPPRESSIBLE } from './checks/registry';
export { analyzeTooLarge } from './analysis';
export { whyNotAPathway } from './notAPathway';
export { cleanMessage, showControls, terminalJson, terminalText } from './text/terminal';
export { ruleDocUrl } from './docs';
export {
  STEP_KINDS,
  isStepKind,
  type PathwayModel,
  type Link,
  type StepKind,
} from './model/pathway';
export {
  isRuleLevel,
  RULE_LEVELS,
  DEFAULT_MAX_FILE_SIZE,
  maxFileSizeOf,
  formatSize,
  utf8Size,
  type CheckOptions,
} from './options';
export { MAX_NESTING_DEPTH, MAX_ALIAS_EXPANSION } from './parse/sourceTree';
export * as markdown from './text/markdown';
export { parsePathwayText } from './parse/parse';
export { pathwaySchema, schemaAtPath, resolveSchema, type SchemaNode } from './schema/schema';
export { closestMatch } from './suggest';
export { LineIndex } from './text/lineIndex';
export type { Finding, RuleCode, RuleLevel, Severity, Span } from './types';
export { fixesFor, type Fix } from './fixes';
export { collectOccurrences, occurrenceAt, predecessors, type Occurrence } from './model/symbols';
export type { SourceNode } from './parse/sourceTree';
export { locate } from './parse/sourceTree';
export { branchList } from './model/pathway';
export { keysOf, stepSchema, definition, propertyOf } from './schema/schema';
export {
  buildDiagram,
  MAX_EXPAND_DEPTH,
  type Diagram,
  type DiagramOptions,
} from './flowchart/diagram';
export { LayoutCache, layoutDiagram, type LaidOutDiagram } from './flowchart/layout';
export { renderSvg } from './flowchart/svg';
export { renderPicture, type PictureFormat } from './flowchart/picture';
export { escapeXml } from './text/xml';
export { enumeratePaths, type PathLimits } from './report/paths';
export { buildAuditReport, type Citation } from './report/audit';
export { reportMarkdown, reportHtml } from './report/markup';
export { renderReport, renderReportBody, type ReportFormat } from './report/document';
export {
  walkModel,
  type WalkBranch,
  type WalkFact,
  type WalkInput,
  type WalkLogic,
  type WalkModel,
  type WalkScenario,
  type WalkStep,
  type WalkUse,
} from './model/walkModel';
export { citationYear } from './report/citation';
export { changedStep, diffPathways } from './diff/diff';
export {
  describeChange,
  diffText,
  diffMarkdown,
  diffJson,
  type DiffFormatOptions,
} from './diff/summary';
export { buildDiffDiagram } from './diff/flowchart';
export {
  toFhirBundle,
  fhirId,
  DEFAULT_FHIR_BASE,
  FHIR_PROFILES,
  FHIR_EXTENSIONS,
  FHIR_SYSTEMS,
  TEXT_CONDITION_LANGUAGE,
  FHIRPATH_LANGUAGE,
  type FhirBundle,
  type FhirLibrary,
  type FhirPlanDefinition,
  type FhirPlanDefinitionAction,
  type FhirResource,
} from './export/fhir';
export {
  scenarioRuns,
  routeWords,
  MAX_ROUTE_STEPS,
  type Expectation,
  type Outcome,
} from './scenarios';
export {
  scenarioReports,
  type BrokenExpectation,
  type ScenarioReport,
  type ScenarioState,
} from './scenarios/reports';
export {
  coveredShare,
  fileScenarios,
  type BranchCoverage,
  type Coverage,
  type EndCoverage,
  type FileScenarios,
  type NotRun,
  type ScenarioResult,
  type ScenarioStatus,
} from './scenarios/results';
export {
  decisionExpressions,
  fhirPathConstant,
  toFhirPath,
  MAX_FHIRPATH_LENGTH,
} from './export/fhirpath';
export {
  doubleQuoted,
  scenarioInsertion,
  yamlName,
  yamlValue,
  type ScenarioDraft,
  type ScenarioInsertion,
} from './scenarios/save';
