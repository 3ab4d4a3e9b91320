import type { RuleCode, Severity } from '../types';
import { discordantRecommendation } from './discordantRecommendation';
import { duplicateBranch } from './duplicateBranch';
import { duplicateKey } from './duplicateKey';
import { missingCitation } from './missingCitation';
import { missingOtherwise } from './missingOtherwise';
import { noPathToEnd } from './noPathToEnd';
import type { Rule } from './rule';
import { schema } from './schema';
import { unknownReference } from './unknownReference';
import { unknownStep } from './unknownStep';
import { unreachableStep } from './unreachableStep';
import { unusedReference } from './unusedReference';
import { yamlSyntax } from './yamlSyntax';

/** Every rule, in the order of the format's table. */
export const RULES: readonly Rule[] = [
  yamlSyntax,
  duplicateKey,
  schema,
  unknownStep,
  unknownReference,
  missingCitation,
  unreachableStep,
  noPathToEnd,
  missingOtherwise,
  duplicateBranch,
  discordantRecommendation,
  unusedReference,
];

/** Not a rule: what the checker reports when it fails on a file, so nothing is lost silently. */
export const INTERNAL_ERROR = {
  code: 'internal-error',
  defaultSeverity: 'error',
  summary: 'The checker met an unexpected problem on this file; the other findings still stand.',
} as const satisfies { code: RuleCode; defaultSeverity: Severity; summary: string };

/** Not a rule either: a file over the size limit is not read at all (see CheckOptions). */
export const FILE_TOO_LARGE = {
  code: 'file-too-large',
  defaultSeverity: 'error',
  summary:
    'The file is larger than the checker reads (10 MB unless configured); it is not checked.',
} as const satisfies { code: RuleCode; defaultSeverity: Severity; summary: string };

export interface RuleInfo {
  readonly code: RuleCode;
  readonly defaultSeverity: Severity;
  readonly summary: string;
}

/** Every code the checker can report, with its default level and summary. */
export const RULE_INFO: readonly RuleInfo[] = [
  ...RULES.map(({ code, defaultSeverity, summary }) => ({ code, defaultSeverity, summary })),
  FILE_TOO_LARGE,
  INTERNAL_ERROR,
];
