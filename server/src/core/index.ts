export { analyzeWhole, type Analysis } from './analyze';
export { analyze, IncrementalAnalyzer } from './incremental';
export {
  finish,
  type AnalysisPhase,
  type ParseAnswer,
  type ParseRequest,
  type Pause,
  type Steps,
} from './steps';
export {
  flattenParsed,
  unflattenParsedNow,
  type FlatParsedFile,
  type FlatTree,
} from './parse/flatten';
export {
  RULES,
  RULE_INFO,
  RULE_LIST,
  RULE_CODES,
  isRuleCode,
  UNSUPPRESSIBLE,
  INTERNAL_ERROR,
  FILE_TOO_LARGE,
  type RuleInfo,
} from './checks/registry';
export { analyzeTooLarge } from './analyze';
export { cleanMessage, oneLine, showControls, terminalJson, terminalText } from './text/terminal';
export type { Rule, Check, CheckContext } from './checks/rule';
export { ruleDocUrl, RULES_DOC_URL } from './docs';
export { buildGraph, type StepGraph } from './model/graph';
export {
  buildModel,
  STEP_KINDS,
  isStepKind,
  type PathwayModel,
  type Step,
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
export { parsePathwayText, type ParsedFile } from './parse/parse';
export { pathwaySchema, schemaAtPath, resolveSchema, type SchemaNode } from './schema/schema';
export { closestMatch } from './suggest';
export { LineIndex } from './text/lineIndex';
export * from './types';
export { fixesFor, type Fix, type TextEdit } from './fixes';
export {
  collectOccurrences,
  occurrenceAt,
  predecessors,
  unquotedSpan,
  type Occurrence,
  type SymbolKind,
} from './model/symbols';
export type { SourceNode } from './parse/sourceTree';
export { locate, nodeAt, type NodeLocation } from './parse/sourceTree';
export { branchList } from './model/pathway';
export { keysOf, stepSchema, definition, propertyOf } from './schema/schema';
export { buildDiagram, type Diagram, type DiagramNode, type DiagramEdge } from './preview/diagram';
export {
  layoutDiagram,
  type LaidOutDiagram,
  type PlacedNode,
  type PlacedEdge,
} from './preview/layout';
export { renderSvg, type SvgOptions } from './preview/svg';
export { renderHtmlPage } from './preview/html';
export { renderPicture, type PictureFormat } from './preview/render';
export { escapeXml } from './text/xml';
export { DIAGRAM_CSS, DIFF_CSS } from './preview/style';
export {
  enumeratePaths,
  DEFAULT_PATH_LIMITS,
  type PathEnumeration,
  type PathwayPath,
  type PathLimits,
} from './report/paths';
export { buildAuditReport, type AuditReport, type ReportOptions } from './report/audit';
export { reportMarkdown, reportHtml, reportBody, REPORT_CSS } from './report/format';
export { renderReport, renderReportBody, type ReportFormat } from './report/render';
export { walkModel, type WalkModel, type WalkStep } from './report/walk';
export { diffPathways, type Change, type PathwayDiff } from './diff/diff';
export { describeChange, diffText, diffMarkdown, diffJson } from './diff/format';
export { buildDiffDiagram, changedStep } from './diff/diagram';
export {
  toFhirBundle,
  fhirId,
  publicationStatus,
  DEFAULT_FHIR_BASE,
  FHIR_PROFILES,
  FHIR_EXTENSIONS,
  FHIR_SYSTEMS,
  TEXT_CONDITION_LANGUAGE,
  type FhirBundle,
  type FhirExportOptions,
  type FhirPlanDefinition,
  type FhirPlanDefinitionAction,
} from './export/fhir';
