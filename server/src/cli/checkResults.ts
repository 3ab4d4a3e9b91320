// What `pathway check` finds in one file, and the counts of errors, warnings and infos that
// every output format sums up.
import type { CheckOptions, Finding } from '../core';
import { readPathway } from './files';

/** The findings of one checked file, as the output formats receive them. */
export interface FileReport {
  /** The path as the user gave it or as found under a folder they gave. */
  readonly file: string;
  readonly findings: readonly Finding[];
  /** Findings a `# pathway-disable` comment in the file silences. */
  readonly suppressed: readonly Finding[];
}

export interface Totals {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly suppressed: number;
}

export function totals(reports: readonly FileReport[]): Totals {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let suppressed = 0;
  for (const report of reports) {
    suppressed += report.suppressed.length;
    for (const finding of report.findings) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
      else infos++;
    }
  }
  return { files: reports.length, errors, warnings, infos, suppressed };
}

/** What checking one file gives: its findings with the notes on its decoding, or why not. */
export type CheckedFile =
  | {
      readonly notes: readonly string[];
      readonly findings: readonly Finding[];
      readonly suppressed: readonly Finding[];
    }
  | { readonly problem: string };

/** Reads and checks one file, keeping only what the output formats print. */
export function checkFile(file: string, options: CheckOptions): CheckedFile {
  const read = readPathway(file, options);
  if ('problem' in read) return { problem: read.problem };
  const { findings, suppressed } = read.analysis;
  return { notes: read.notes, findings, suppressed };
}
