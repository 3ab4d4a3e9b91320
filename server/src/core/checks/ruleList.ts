// Every code the checker reports, with its default level, its summary and whether a comment
// can silence it: the one list of rules (their checks are paired with it in registry.ts).

/** One row of RULE_LIST (its code a plain string here: RuleCode is read from the list). */
interface RuleRow {
  readonly code: string;
  /** `off` for a rule that must be asked for (a team turns it on for CI, say). */
  readonly defaultSeverity: 'error' | 'warning' | 'info' | 'off';
  /** One line saying what the code reports (CLI help, SARIF, the audit report, settings). */
  readonly summary: string;
  /** Whether a `# pathway-disable` comment can silence it (every code's level can be set). */
  readonly silenceable: boolean;
}

/**
 * Every code the checker reports, in the order of docs/rules.md and the pathway.rules
 * setting: the one list the RuleCode type, the checks in registry.ts, the settings in
 * package.json (written by `node scripts/rules.mjs`), the docs' sections, the CLI's help and
 * SARIF follow. It imports nothing, so that every module can name a RuleCode.
 */
export const RULE_LIST = [
  {
    code: 'yaml-syntax',
    defaultSeverity: 'error',
    summary: 'The file is not valid YAML.',
    silenceable: false,
  },
  {
    code: 'duplicate-key',
    defaultSeverity: 'error',
    summary: 'A mapping has the same key twice; only the first is used.',
    silenceable: true,
  },
  {
    code: 'schema',
    defaultSeverity: 'error',
    summary:
      'The file breaks the pathway format: a missing or unknown field, a wrong type, a value not allowed.',
    silenceable: true,
  },
  {
    code: 'unknown-step',
    defaultSeverity: 'error',
    summary: 'A link (start, next, otherwise or a branch) names a step that does not exist.',
    silenceable: true,
  },
  {
    code: 'unknown-reference',
    defaultSeverity: 'error',
    summary: 'A cite entry names a reference that does not exist.',
    silenceable: true,
  },
  {
    code: 'missing-citation',
    defaultSeverity: 'error',
    summary: 'A recommendation cites no evidence.',
    silenceable: true,
  },
  {
    code: 'unreachable-step',
    defaultSeverity: 'warning',
    summary: 'No path leads from the start to this step.',
    silenceable: true,
  },
  {
    code: 'no-path-to-end',
    defaultSeverity: 'error',
    summary: 'The step is reachable but no path leads from it to an end (a loop with no exit).',
    silenceable: true,
  },
  {
    code: 'missing-otherwise',
    defaultSeverity: 'warning',
    summary: 'A decision has no otherwise: patients who meet no condition have nowhere to go.',
    silenceable: true,
  },
  {
    code: 'duplicate-branch',
    defaultSeverity: 'warning',
    summary: 'Two branches of one decision have the same condition.',
    silenceable: true,
  },
  {
    code: 'discordant-recommendation',
    defaultSeverity: 'warning',
    summary:
      'A strong recommendation rests on low or very low certainty evidence, without a rationale.',
    silenceable: true,
  },
  {
    code: 'unused-reference',
    defaultSeverity: 'warning',
    summary: 'A reference that no step cites.',
    silenceable: true,
  },
  {
    code: 'unknown-file',
    defaultSeverity: 'error',
    summary:
      'A bibliography or a sub-pathway names no file that can be read in the folder being checked.',
    silenceable: true,
  },
  {
    code: 'invalid-bibliography',
    defaultSeverity: 'error',
    summary:
      'A bibliography cannot be read in its format, or one of its entries gives no reference.',
    silenceable: true,
  },
  {
    code: 'shadowed-reference',
    defaultSeverity: 'warning',
    summary:
      "An id two sources define: the pathway's own reference or an earlier bibliography hides the other.",
    silenceable: true,
  },
  {
    code: 'circular-pathway',
    defaultSeverity: 'error',
    summary: 'Following the sub-pathways this pathway uses comes back to it.',
    silenceable: true,
  },
  {
    code: 'input-mismatch',
    defaultSeverity: 'error',
    summary: 'A sub-pathway declares an input with the same id but another type or set of values.',
    silenceable: true,
  },
  {
    code: 'invalid-condition',
    defaultSeverity: 'error',
    summary:
      'A branch\'s "if" cannot be read, or compares an input with a value of the wrong kind.',
    silenceable: true,
  },
  {
    code: 'unknown-input',
    defaultSeverity: 'error',
    summary: 'An "if" or a "records" list names an input the pathway does not declare.',
    silenceable: true,
  },
  {
    code: 'missing-condition',
    defaultSeverity: 'warning',
    summary: 'A decision gives some branches an "if" but not this one.',
    silenceable: true,
  },
  {
    code: 'overlapping-branches',
    defaultSeverity: 'warning',
    summary: 'Two branches of a decision can both apply to one patient.',
    silenceable: true,
  },
  {
    code: 'shadowed-branch',
    defaultSeverity: 'warning',
    summary: 'A branch of a "match: first" decision that earlier branches always take first.',
    silenceable: true,
  },
  {
    code: 'impossible-branch',
    defaultSeverity: 'warning',
    summary: 'A branch whose condition no patient reaching the decision meets.',
    silenceable: true,
  },
  {
    code: 'uncovered-patients',
    defaultSeverity: 'warning',
    summary: 'A decision without "otherwise" where some patients meet no branch.',
    silenceable: true,
  },
  {
    code: 'input-not-recorded',
    defaultSeverity: 'warning',
    summary: 'A decision tests an input that a route from the start reaches it without measuring.',
    silenceable: true,
  },
  {
    code: 'unused-input',
    defaultSeverity: 'warning',
    summary: 'An input that no condition tests.',
    silenceable: true,
  },
  {
    code: 'analysis-limit',
    defaultSeverity: 'info',
    summary: 'A decision whose arriving patients are too varied to check its logic.',
    silenceable: true,
  },
  {
    code: 'invalid-fact',
    defaultSeverity: 'error',
    summary:
      "A scenario's fact does not fit its input, or a choice names no branch of a decision in words.",
    silenceable: true,
  },
  {
    code: 'scenario-failed',
    defaultSeverity: 'error',
    summary:
      "A scenario's route does not do what it expects (its end, or a step passed or avoided).",
    silenceable: true,
  },
  {
    code: 'scenario-stuck',
    defaultSeverity: 'error',
    summary:
      "A scenario's route cannot go on: a fact is missing, two branches apply, or no branch does.",
    silenceable: true,
  },
  {
    code: 'untested-branch',
    defaultSeverity: 'off',
    summary: 'A branch of a decision that no scenario takes (off unless turned on).',
    silenceable: true,
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

/** Every code the checker reports. */
export type RuleCode = (typeof RULE_LIST)[number]['code'];
