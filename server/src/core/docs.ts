// Where each rule is explained for authors: the link a diagnostic's code leads to.
import type { RuleCode } from './types';

/** Where each rule is explained for authors: one section per code in docs/rules.md. */
export const RULES_DOC_URL =
  'https://github.com/clinical-pathways/clinical-pathways/blob/main/docs/rules.md';

export function ruleDocUrl(code: RuleCode): string {
  return `${RULES_DOC_URL}#${code}`;
}
