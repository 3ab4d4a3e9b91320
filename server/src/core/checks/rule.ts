// The one small interface every rule implements: what a rule may read of an analysis, and
// the findings it returns.
import type { ErrorObject } from 'ajv';
import type { CitationSources } from '../bibliography/sources';
import type { PathwayModel } from '../model/pathway';
import type { StepGraph } from '../model/graph';
import type { ParsedFile } from '../parse/parse';
import { clipped } from '../text/terminal';
import type { RawFinding, RuleCode, RuleLevel } from '../types';

/**
 * `compute` run once per model: the rules that ask the same question of one analysis share
 * the answer (the other arguments are those of that analysis, the same for every rule).
 */
export function oncePerModel<Rest extends unknown[], T>(
  compute: (model: PathwayModel, ...rest: Rest) => T,
): (model: PathwayModel, ...rest: Rest) => T {
  const answers = new WeakMap<PathwayModel, { readonly value: T }>();
  return (model, ...rest) => {
    let answer = answers.get(model);
    if (!answer) {
      answer = { value: compute(model, ...rest) };
      answers.set(model, answer);
    }
    return answer.value;
  };
}

/** What every rule may read: the parse, and (when the YAML parsed) the model and graph. */
export interface CheckContext {
  readonly parsed: ParsedFile;
  readonly model: PathwayModel | undefined;
  readonly graph: StepGraph | undefined;
  /** Where the cites resolve: the pathway's own references, then its bibliography. */
  readonly sources: CitationSources;
  /** Set when the file is a references file rather than a pathway. */
  readonly document?: 'references';
  /**
   * The schema validator's errors for the model's data, when the caller can give them more
   * cheaply than validating the whole (an incremental check); else the rule validates.
   */
  readonly schemaErrors?: () => readonly ErrorObject[];
  /**
   * Whether a rule is on for this check (all are when not given): a rule that leaves a
   * mistake's consequences to another rule's message reports them itself when that rule is
   * off, so the mistake is never silenced entirely.
   */
  readonly isEnabled?: (code: RuleCode) => boolean;
}

/** What a rule's file exports: its code, level and summary are its row in RULE_LIST. */
export interface Check {
  /** The finding marks something unused: editors show it faded. */
  readonly unnecessary?: boolean;
  run(context: CheckContext): RawFinding[];
}

/** A rule as the analysis runs it: its row in RULE_LIST with its check. */
export interface Rule extends Check {
  readonly code: RuleCode;
  readonly defaultSeverity: RuleLevel;
  /** One line saying what the rule reports (SARIF rule descriptions, docs, settings). */
  readonly summary: string;
}

/** The most characters of an id or a value a message quotes. */
const MAX_QUOTED = 80;

/** A value from the file in quotes, for a message; a long one is clipped with "…". */
export function quote(value: string): string {
  return `"${clipped(value, MAX_QUOTED)}"`;
}
