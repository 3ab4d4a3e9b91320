import type { RuleCode, RuleLevel } from './types';

/** How a run is configured: one object, passed in by the CLI and by the language server. */
export interface CheckOptions {
  /** A level per rule code; codes not named keep their default. */
  readonly rules?: Readonly<Partial<Record<RuleCode, RuleLevel>>>;
}

export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

export function isRuleLevel(value: unknown): value is RuleLevel {
  return typeof value === 'string' && (RULE_LEVELS as readonly string[]).includes(value);
}
