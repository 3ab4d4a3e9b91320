// Every rule the checker runs: each code of the rule list (ruleList.ts) paired with the check
// that finds it, and what the rest of the checker reads from the list.
import { invalidFact } from './invalidFact';
import { scenarioFailed } from './scenarioFailed';
import { scenarioStuck } from './scenarioStuck';
import { untestedBranch } from './untestedBranch';
import type { RuleLevel } from '../types';
import { discordantRecommendation } from './discordantRecommendation';
import { duplicateBranch } from './duplicateBranch';
import { duplicateKey } from './duplicateKey';
import { inputNotRecorded } from './inputNotRecorded';
import { invalidCondition } from './invalidCondition';
import { missingCitation } from './missingCitation';
import { missingCondition } from './missingCondition';
import { missingOtherwise } from './missingOtherwise';
import { noPathToEnd } from './noPathToEnd';
import { overlappingBranches } from './overlappingBranches';
import { shadowedBranch } from './shadowedBranch';
import { impossibleBranch } from './impossibleBranch';
import { uncoveredPatients } from './uncoveredPatients';
import { unusedInput } from './unusedInput';
import { analysisLimit } from './analysisLimit';
import type { Check, CheckContext, Rule } from './rule';
import { RULE_LIST, type RuleCode } from './ruleList';
import { schema } from './schema';
import { unknownInput } from './unknownInput';
import { unknownReference } from './unknownReference';
import { unknownStep } from './unknownStep';
import { unreachableStep } from './unreachableStep';
import { unusedReference } from './unusedReference';
import { unknownFile } from './unknownFile';
import { invalidBibliography } from './invalidBibliography';
import { shadowedReference } from './shadowedReference';
import { circularPathway } from './circularPathway';
import { inputMismatch } from './inputMismatch';
import { yamlSyntax } from './yamlSyntax';

/** The check that finds each code; none for what the analysis itself reports. */
const CHECKS: { readonly [C in RuleCode]: Check | undefined } = {
  'yaml-syntax': yamlSyntax,
  'duplicate-key': duplicateKey,
  schema,
  'unknown-step': unknownStep,
  'unknown-reference': unknownReference,
  'missing-citation': missingCitation,
  'unreachable-step': unreachableStep,
  'no-path-to-end': noPathToEnd,
  'missing-otherwise': missingOtherwise,
  'duplicate-branch': duplicateBranch,
  'discordant-recommendation': discordantRecommendation,
  'unused-reference': unusedReference,
  'unknown-file': unknownFile,
  'invalid-bibliography': invalidBibliography,
  'shadowed-reference': shadowedReference,
  'circular-pathway': circularPathway,
  'input-mismatch': inputMismatch,
  'invalid-condition': invalidCondition,
  'unknown-input': unknownInput,
  'missing-condition': missingCondition,
  'overlapping-branches': overlappingBranches,
  'shadowed-branch': shadowedBranch,
  'impossible-branch': impossibleBranch,
  'uncovered-patients': uncoveredPatients,
  'input-not-recorded': inputNotRecorded,
  'unused-input': unusedInput,
  'analysis-limit': analysisLimit,
  'invalid-fact': invalidFact,
  'scenario-failed': scenarioFailed,
  'scenario-stuck': scenarioStuck,
  'untested-branch': untestedBranch,
  'file-too-large': undefined,
  'internal-error': undefined,
};

/** The list's rows, each with its code as a RuleCode and its check. */
const ROWS = RULE_LIST.map((row) => ({ ...row, check: CHECKS[row.code] }));

export interface RuleInfo {
  readonly code: RuleCode;
  readonly defaultSeverity: RuleLevel;
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
  if (!info) throw new Error(`${code} is missing from RULE_LIST (checks/ruleList.ts)`);
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
