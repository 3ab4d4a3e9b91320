// Every rule the checker knows, in one list: its code, default level, one-line summary and
// check. The settings, the docs, the CLI's help and SARIF all follow this list.
import type { RuleCode, Severity } from '../types';
import { discordantRecommendation } from './discordantRecommendation';
import { duplicateBranch } from './duplicateBranch';
import { duplicateKey } from './duplicateKey';
import { missingCitation } from './missingCitation';
import { missingOtherwise } from './missingOtherwise';
import { noPathToEnd } from './noPathToEnd';
import type { Check, CheckContext, Rule } from './rule';
import { schema } from './schema';
import { unknownReference } from './unknownReference';
import { unknownStep } from './unknownStep';
import { unreachableStep } from './unreachableStep';
import { unusedReference } from './unusedReference';
import { yamlSyntax } from './yamlSyntax';

/** One row of RULE_LIST (its code a plain string here: RuleCode is read from the list). */
interface RuleRow {
  readonly code: string;
  readonly defaultSeverity: Severity;
  /** One line saying what the code reports (CLI help, SARIF, the audit report, settings). */
  readonly summary: string;
  /** Whether a `# pathway-disable` comment can silence it (every code's level can be set). */
  readonly silenceable: boolean;
  /** The check that finds it; none for what the analysis itself reports. */
  readonly check?: Check;
}

/**
 * Every code the checker reports, in the order of docs/rules.md and the pathway.rules
 * setting: the one list the RuleCode type, the settings in package.json (written by
 * `node scripts/rules.mjs`), the docs' sections, the CLI's help and SARIF follow.
 */
export const RULE_LIST = [
  {
    code: 'yaml-syntax',
    defaultSeverity: 'error',
    summary: 'The file is not valid YAML.',
    silenceable: false,
    check: yamlSyntax,
  },
  {
    code: 'duplicate-key',
    defaultSeverity: 'error',
    summary: 'A mapping has the same key twice; only the first is used.',
    silenceable: true,
    check: duplicateKey,
  },
  {
    code: 'schema',
    defaultSeverity: 'error',
    summary:
      'The file breaks the pathway format: a missing or unknown field, a wrong type, a value not allowed.',
    silenceable: true,
    check: schema,
  },
  {
    code: 'unknown-step',
    defaultSeverity: 'error',
    summary: 'A link (start, next, otherwise or a branch) names a step that does not exist.',
    silenceable: true,
    check: unknownStep,
  },
  {
    code: 'unknown-reference',
    defaultSeverity: 'error',
    summary: 'A cite entry names a reference that does not exist.',
    silenceable: true,
    check: unknownReference,
  },
  {
    code: 'missing-citation',
    defaultSeverity: 'error',
    summary: 'A recommendation cites no evidence.',
    silenceable: true,
    check: missingCitation,
  },
  {
    code: 'unreachable-step',
    defaultSeverity: 'warning',
    summary: 'No path leads from the start to this step.',
    silenceable: true,
    check: unreachableStep,
  },
  {
    code: 'no-path-to-end',
    defaultSeverity: 'error',
    summary: 'The step is reachable but no path leads from it to an end (a loop with no exit).',
    silenceable: true,
    check: noPathToEnd,
  },
  {
    code: 'missing-otherwise',
    defaultSeverity: 'warning',
    summary: 'A decision has no otherwise: patients who meet no condition have nowhere to go.',
    silenceable: true,
    check: missingOtherwise,
  },
  {
    code: 'duplicate-branch',
    defaultSeverity: 'warning',
    summary: 'Two branches of one decision have the same condition.',
    silenceable: true,
    check: duplicateBranch,
  },
  {
    code: 'discordant-recommendation',
    defaultSeverity: 'warning',
    summary:
      'A strong recommendation rests on low or very low certainty evidence, without a rationale.',
    silenceable: true,
    check: discordantRecommendation,
  },
  {
    code: 'unused-reference',
    defaultSeverity: 'warning',
    summary: 'A reference that no step cites.',
    silenceable: true,
    check: unusedReference,
  },
  {
    // Reported by analyzeTooLarge: a file over the size limit is not read at all.
    code: 'file-too-large',
    defaultSeverity: 'error',
    summary:
      'The file is larger than the checker reads (10 MB unless configured); it is not checked.',
    silenceable: false,
  },
  {
    // Reported when the checker fails on a file, so that nothing is lost silently.
    code: 'internal-error',
    defaultSeverity: 'error',
    summary: 'The checker met an unexpected problem on this file; the other findings still stand.',
    silenceable: false,
  },
] as const satisfies readonly RuleRow[];

/** The list's rows, each with its code as a RuleCode. */
const ROWS: readonly (RuleRow & { readonly code: RuleCode })[] = RULE_LIST;

export interface RuleInfo {
  readonly code: RuleCode;
  readonly defaultSeverity: Severity;
  readonly summary: string;
  readonly silenceable: boolean;
}

/** Every code the checker can report, with its default level and summary, in order. */
export const RULE_INFO: readonly RuleInfo[] = ROWS.map(
  ({ code, defaultSeverity, summary, silenceable }) => ({
    code,
    defaultSeverity,
    summary,
    silenceable,
  }),
);

export const RULE_CODES: readonly RuleCode[] = RULE_INFO.map((rule) => rule.code);

export function isRuleCode(value: string): value is RuleCode {
  return (RULE_CODES as readonly string[]).includes(value);
}

/** The rules the analysis runs, in order: the codes that have a check. */
export const RULES: readonly Rule[] = ROWS.flatMap(({ check, code, defaultSeverity, summary }) =>
  check
    ? [
        {
          code,
          defaultSeverity,
          summary,
          ...(check.unnecessary === true ? { unnecessary: true } : {}),
          run: (context: CheckContext) => check.run(context),
        },
      ]
    : [],
);

function infoOf(code: RuleCode): RuleInfo {
  const info = RULE_INFO.find((rule) => rule.code === code);
  if (!info) throw new Error(`${code} is missing from RULE_LIST`);
  return info;
}

/** What the checker reports when it fails on a file. */
export const INTERNAL_ERROR = infoOf('internal-error');

/** What the checker reports on a file over the size limit (see CheckOptions). */
export const FILE_TOO_LARGE = infoOf('file-too-large');

/**
 * Codes no directive silences: a file that was not read, or not read to the end, is never
 * reported clean. (The limits on nesting and aliases are reported as yaml-syntax.)
 */
export const UNSUPPRESSIBLE: ReadonlySet<RuleCode> = new Set(
  RULE_INFO.filter((rule) => !rule.silenceable).map((rule) => rule.code),
);
