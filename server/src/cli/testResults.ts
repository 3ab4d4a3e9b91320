// What `pathway test` finds in one file: its scenarios run, with their coverage.
import type { CheckOptions } from '../core/options';
import { fileScenarios, type FileScenarios } from '../core/scenarios/results';
import { readPathway } from './files';

/** The scenarios of one file, as the output formats receive them. */
export interface FileTests extends FileScenarios {
  readonly file: string;
  /**
   * Whether the file has an error-level finding other than a failed or stuck scenario
   * (those are counted as scenarios, not again as findings).
   */
  readonly hasErrors: boolean;
}

/** What testing one file gives: its scenarios with the notes on its decoding, or why not. */
export type TestedFile =
  (Omit<FileTests, 'file'> & { readonly notes: readonly string[] }) | { readonly problem: string };

/** Reads one file and runs its scenarios, keeping only what the output formats print. */
export function testFile(file: string, options: CheckOptions): TestedFile {
  const read = readPathway(file, options);
  if ('problem' in read) return { problem: read.problem };
  const { model, parsed, findings } = read.analysis;
  const scenarios: FileScenarios = model
    ? fileScenarios(model, parsed.text, (offset) => parsed.lines.positionAt(offset).line + 1)
    : { results: [], notRun: [], coverage: { branches: [], ends: [] } };
  const hasErrors = findings.some(
    (f) => f.severity === 'error' && f.code !== 'scenario-failed' && f.code !== 'scenario-stuck',
  );
  return { notes: read.notes, hasErrors, ...scenarios };
}
