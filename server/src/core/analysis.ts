// Checking a whole pathway text in one go: parse, model, graph, every enabled rule, then the
// findings sorted and suppressions applied. The reference the incremental analyzer must match.
import { citationSources, type CitationSources } from './bibliography/sources';
import { RULES, INTERNAL_ERROR, FILE_TOO_LARGE, UNSUPPRESSIBLE } from './checks/registry';
import type { CheckContext } from './checks/rule';
import { resolveCalls } from './files/calls';
import type { FileContext } from './files/provider';
import { buildGraph, type StepGraph } from './model/graph';
import { buildModelSteps, type PathwayModel } from './model/pathway';
import { formatSize, maxFileSizeOf, utf8SizeAbove, type CheckOptions } from './options';
import { unflattenParsed } from './parse/flatten';
import { parsePathwayText, type ParsedFile } from './parse/parse';
import { finish, type Steps } from './steps';
import { readSuppressions, type Suppressions } from './suppression';
import { LineIndex } from './text/lineIndex';
import { cleanMessage } from './text/terminal';
import type { Finding, RawFinding, RuleCode, RuleLevel } from './types';

/** Everything known about one version of one pathway file. */
export interface Analysis {
  readonly parsed: ParsedFile;
  readonly model: PathwayModel | undefined;
  readonly graph: StepGraph | undefined;
  /** Where the cites resolve: the pathway's own references, then its bibliography. */
  readonly sources: CitationSources;
  /** Findings of the enabled rules, ordered by position then code. */
  readonly findings: readonly Finding[];
  /**
   * Findings a `# pathway-disable` comment in the file silences, in the same order: not
   * shown in editors, but counted by the command line and listed in its SARIF output.
   */
  readonly suppressed: readonly Finding[];
}

/** Where the analysed text stands among the files around it. */
export interface AnalysisContext {
  /** The other files of the run, read for `bibliography`; without them none is read. */
  readonly files?: FileContext;
  /**
   * The text is a references file (`*.references.yaml`): only its YAML, its repeated keys and
   * its schema (a list of references) are checked.
   */
  readonly references?: boolean;
}

/** The sources of a text with no model: nothing to resolve. */
const NO_SOURCES = citationSources(undefined, undefined);

/** The rules that judge a references file: the others are about steps. */
const REFERENCES_FILE_RULES: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'yaml-syntax',
  'duplicate-key',
  'schema',
]);

function levelOf(code: RuleCode, fallback: RuleLevel, options: CheckOptions): RuleLevel {
  return options.rules?.[code] ?? fallback;
}

/** The one finding of the checker failing on a file (a bug, never the author's mistake). */
function internalError(error: unknown): RawFinding {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: INTERNAL_ERROR.code,
    message: `The checker failed on this file (${detail}). The other findings are still shown; please report this with the file.`,
    span: { start: 0, end: 0 },
  };
}

/** A text not read as YAML (too large, or the parser failed): only its lines are known. */
function unread(text: string): ParsedFile {
  return {
    text,
    lines: new LineIndex(text),
    syntax: [],
    tree: undefined,
    empty: false,
    extraDocument: undefined,
  };
}

/**
 * The analysis of a file over the size limit: not read, one file-too-large finding at its
 * start. `text` may be left out when the file was not even loaded (the CLI checks the size
 * on disk first).
 */
export function analyzeTooLarge(size: number, options: CheckOptions = {}, text = ''): Analysis {
  const limit = maxFileSizeOf(options);
  const parsed: ParsedFile = { ...unread(text), tooLarge: { size, limit } };
  const { lines } = parsed;
  const span = { start: 0, end: 0 };
  const level = levelOf(FILE_TOO_LARGE.code, FILE_TOO_LARGE.defaultSeverity, options);
  const findings: Finding[] =
    level === 'off'
      ? []
      : [
          {
            code: FILE_TOO_LARGE.code,
            severity: level,
            message: `This file is too large to analyse: it is ${formatSize(size)}, more than the ${formatSize(limit)} the checker reads, so it was not checked. Split the pathway into smaller files, or raise the limit (the pathway.maxFileSize setting in the editor, --max-file-size on the command line).`,
            range: lines.rangeOf(span),
            span,
          },
        ];
  return {
    parsed,
    model: undefined,
    graph: undefined,
    sources: NO_SOURCES,
    findings,
    suppressed: [],
  };
}

/**
 * Parses and checks a pathway text as one YAML document. Never throws: a failure becomes
 * an internal-error finding. `analyze` (in ./analyzer) gives the same in pieces when it
 * can; this is the reference it falls back to and is tested against.
 */
export function analyzeWhole(
  text: string,
  options: CheckOptions = {},
  context: AnalysisContext = {},
): Analysis {
  return finish(analyzeWholeSteps(text, options, context));
}

/**
 * Parses and checks a references file (`*.references.yaml`): its YAML, repeated keys and
 * schema, as a pathway's `references` are checked.
 */
export function analyzeReferencesFile(text: string, options: CheckOptions = {}): Analysis {
  return analyzeWhole(text, options, { references: true });
}

/** `analyzeWhole` in steps (see ./steps): the parse is one step, the checks several. */
export function* analyzeWholeSteps(
  text: string,
  options: CheckOptions = {},
  context: AnalysisContext = {},
): Steps<Analysis> {
  const limit = maxFileSizeOf(options);
  const size = utf8SizeAbove(text, limit);
  if (size !== undefined) return analyzeTooLarge(size, options, text);
  let parsed: ParsedFile;
  try {
    // Aliases may repeat as much text as one file may hold, and no more. The host may read
    // the text elsewhere (see ParseRequest); else it is read here.
    const flat = yield { text, aliasText: limit };
    parsed = flat ? yield* unflattenParsed(text, flat) : parsePathwayText(text, limit);
  } catch (error) {
    const empty = unread(text);
    const { code, message, span } = internalError(error);
    // A file that could not be read is never reported clean: this one ignores the level.
    const finding: Finding = {
      code,
      severity: 'error',
      message: cleanMessage(message),
      range: empty.lines.rangeOf(span),
      span,
    };
    return {
      parsed: empty,
      model: undefined,
      graph: undefined,
      sources: NO_SOURCES,
      findings: [finding],
      suppressed: [],
    };
  }
  yield 'read';
  return yield* analyzeParsedSteps(parsed, options, {}, context);
}

/** What a caller that read the text in pieces already knows (see IncrementalAnalyzer). */
export interface KnownParts {
  /** The schema validator's errors (see CheckContext). */
  readonly schemaErrors?: CheckContext['schemaErrors'];
  /** Where the text mentions suppression directives (see directiveMentions). */
  readonly directiveMentions?: readonly number[];
  /** Whether a `#` at an offset of the text starts a comment (see readSuppressions). */
  readonly isComment?: (offset: number) => boolean;
}

/**
 * The directives that apply to a file: none when the run ignores them, and none when the
 * file was not read as YAML (a directive cannot vouch for text the checker did not read).
 */
function suppressionsOf(
  parsed: ParsedFile,
  options: CheckOptions,
  known: KnownParts,
): Suppressions | undefined {
  if (options.noInlineConfig === true || parsed.syntax.length > 0 || !parsed.tree) return undefined;
  return readSuppressions(parsed.lines, known.directiveMentions, known.isComment);
}

function byPosition(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** Builds the model and runs the rules on a parsed file. */
export function analyzeParsed(
  parsed: ParsedFile,
  options: CheckOptions,
  known: KnownParts = {},
  context: AnalysisContext = {},
): Analysis {
  return finish(analyzeParsedSteps(parsed, options, known, context));
}

/** `analyzeParsed` in steps (see ./steps): the model, the graph, then each rule. */
export function* analyzeParsedSteps(
  parsed: ParsedFile,
  options: CheckOptions,
  known: KnownParts = {},
  where: AnalysisContext = {},
): Steps<Analysis> {
  const { schemaErrors } = known;
  const raw: { finding: RawFinding; unnecessary: boolean; level: RuleLevel }[] = [];
  const references = where.references === true;
  let model: PathwayModel | undefined;
  let graph: StepGraph | undefined;
  let sources = NO_SOURCES;
  const failed = (error: unknown): void => {
    raw.push({
      finding: internalError(error),
      unnecessary: false,
      level: levelOf(INTERNAL_ERROR.code, INTERNAL_ERROR.defaultSeverity, options),
    });
  };
  try {
    if (parsed.syntax.length === 0 && parsed.tree) {
      model = yield* buildModelSteps(parsed.tree.root);
      yield 'check';
      if (references) model = { ...model, document: 'references' };
      else {
        const calls = resolveCalls(model, where.files, (text, files) =>
          analyzeWhole(text, options, { files }),
        );
        if (calls.size > 0) model = { ...model, calls };
        graph = buildGraph(model);
        yield 'check';
        sources = citationSources(model, where.files);
        yield 'check';
      }
    }
  } catch (error) {
    failed(error);
  }

  const isEnabled = (code: RuleCode): boolean =>
    levelOf(code, RULES.find((rule) => rule.code === code)?.defaultSeverity ?? 'error', options) !==
    'off';
  const context: CheckContext = {
    parsed,
    model,
    graph,
    sources,
    ...(references ? { document: 'references' } : {}),
    isEnabled,
    ...(schemaErrors ? { schemaErrors } : {}),
  };
  const onlySyntax = parsed.syntax.length > 0;
  for (const rule of RULES) {
    if (onlySyntax && rule.code !== 'yaml-syntax') continue;
    if (references && !REFERENCES_FILE_RULES.has(rule.code)) continue;
    const level = levelOf(rule.code, rule.defaultSeverity, options);
    if (level === 'off') continue;
    try {
      for (const finding of rule.run(context)) {
        raw.push({ finding, unnecessary: rule.unnecessary === true, level });
      }
      yield 'check';
    } catch (error) {
      failed(error);
    }
  }

  const suppressions = suppressionsOf(parsed, options, known);
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const { finding, unnecessary, level } of raw) {
    if (level === 'off') continue;
    const range = parsed.lines.rangeOf(finding.span);
    const silenced =
      suppressions !== undefined &&
      !UNSUPPRESSIBLE.has(finding.code) &&
      suppressions.isSuppressed(finding.code, range.start.line);
    (silenced ? suppressed : findings).push({
      code: finding.code,
      severity: level,
      message: cleanMessage(finding.message),
      range,
      span: finding.span,
      ...(unnecessary ? { unnecessary: true } : {}),
      ...(finding.data ? { data: finding.data } : {}),
    });
  }
  findings.sort(byPosition);
  suppressed.sort(byPosition);
  return { parsed, model, graph, sources, findings, suppressed };
}
