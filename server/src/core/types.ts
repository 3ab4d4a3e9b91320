// The words every part of the checker shares: positions, ranges and spans in a text,
// severities and rule levels, and a finding.
import type { RuleCode } from './checks/ruleList';

/** A zero-based position: line, and column in UTF-16 code units (as in LSP). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Offsets into the analysed text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** How a text changed from one version to the next: what the two share at each end. */
export interface TextEdit {
  /** Length of the start the two versions share. */
  readonly prefix: number;
  /** Where the end the two versions share begins, in the new text. */
  readonly suffixStart: number;
  /** New length minus old length. */
  readonly moved: number;
}

export type Severity = 'error' | 'warning' | 'info';
export type RuleLevel = Severity | 'off';

/** Every code the checker reports: the codes of RULE_LIST in checks/ruleList.ts. */
export type { RuleCode };

/** Extra facts a finding carries for quick fixes and other tools. */
export interface FindingData {
  /**
   * The existing id (or a choice's value) that an unknown one most likely meant; given only
   * when the finding's span is exactly the word to replace.
   */
  suggestion?: string;
  /** The unknown id itself (unknown-step, unknown-reference, unknown-input), or the value. */
  unknownId?: string;
}

/** What a rule reports, before its level is applied. */
export interface RawFinding {
  code: RuleCode;
  message: string;
  span: Span;
  data?: FindingData;
}

export interface Finding {
  code: RuleCode;
  severity: Severity;
  message: string;
  range: Range;
  /** Offsets of the same range in the analysed text. */
  span: Span;
  /** True when the finding marks something unused (shown faded by editors). */
  unnecessary?: boolean;
  data?: FindingData;
}
