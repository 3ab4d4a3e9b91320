// One scenario's result told to a test run as a user sees it: passed; failed with the server's
// message at the broken expectation (expected and actual ends as a diff); stuck as errored with
// why; not run as skipped, its reason in the run's output.
import * as vscode from 'vscode';
import type { ScenarioInfo } from '../../../shared/serverRequests';

/** What a run reported of one scenario (or of a file whose scenarios could not be read). */
export interface ScenarioOutcome {
  /** The file's URI. */
  readonly file: string;
  /** The scenario's id; undefined for the file itself. */
  readonly id: string | undefined;
  readonly state: 'passed' | 'failed' | 'errored' | 'skipped';
  readonly message?: string;
  readonly expected?: string;
  readonly actual?: string;
  /** Zero-based line the message is shown at. */
  readonly line?: number;
}

/** What a run reported, in order. */
export interface ScenarioRunRecord {
  readonly outcomes: readonly ScenarioOutcome[];
}

/** The route in words, as the run's output shows it. */
function routeWords(route: readonly string[]): string {
  return route.length === 0 ? '(none)' : route.join(' → ');
}

/** Tells the run how the scenario went, and returns what it told. */
export function reportScenario(
  run: vscode.TestRun,
  item: vscode.TestItem,
  uri: vscode.Uri,
  scenario: ScenarioInfo,
): ScenarioOutcome {
  const file = uri.toString();
  const at = new vscode.Location(uri, new vscode.Position(scenario.line, 0));
  switch (scenario.status) {
    case 'passed':
      run.passed(item);
      run.appendOutput(`✓ ${scenario.id}: ${routeWords(scenario.route)}\r\n`, at, item);
      return { file, id: scenario.id, state: 'passed' };
    case 'failed': {
      const expectation = scenario.expectation;
      // An end has an actual to set against the expected one; a step passed or avoided has not.
      const message =
        expectation?.actual !== undefined
          ? vscode.TestMessage.diff(scenario.message, expectation.expected, expectation.actual)
          : new vscode.TestMessage(scenario.message);
      const range = expectation?.range;
      message.location = range
        ? new vscode.Location(
            uri,
            new vscode.Range(
              range.start.line,
              range.start.character,
              range.end.line,
              range.end.character,
            ),
          )
        : at;
      run.failed(item, message);
      run.appendOutput(`✗ ${scenario.message}\r\n`, message.location, item);
      return {
        file,
        id: scenario.id,
        state: 'failed',
        message: scenario.message,
        ...(expectation ? { expected: expectation.expected } : {}),
        ...(expectation?.actual !== undefined ? { actual: expectation.actual } : {}),
        line: message.location.range.start.line,
      };
    }
    case 'stuck': {
      const message = new vscode.TestMessage(scenario.message);
      message.location = at;
      run.errored(item, message);
      run.appendOutput(`! ${scenario.message}\r\n`, at, item);
      return {
        file,
        id: scenario.id,
        state: 'errored',
        message: scenario.message,
        line: at.range.start.line,
      };
    }
    case 'not-run':
      // A skipped test takes no message: the reason goes to the run's output, by the scenario.
      run.skipped(item);
      run.appendOutput(`- ${scenario.message}\r\n`, at, item);
      return {
        file,
        id: scenario.id,
        state: 'skipped',
        message: scenario.message,
        line: at.range.start.line,
      };
  }
}
