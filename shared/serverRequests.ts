// The custom requests the extension sends the language server (beyond LSP's own), typed in
// one place for both ends. The webview never imports this file: it holds LSP code.
import { RequestType, type Range, type TextEdit } from 'vscode-languageserver-protocol';
import type {
  DiffItem,
  PictureFormat,
  ScenarioDraft,
  ScenarioState,
  WalkModel,
} from './webviewMessages';

/** A step of the pathway as a panel knows it: its id and the lines of its block. */
export interface PreviewStep {
  readonly id: string;
  /** Zero-based line of the step's id. */
  readonly line: number;
  /** Zero-based last line of the step's block (comments and blank lines after it excluded). */
  readonly endLine: number;
}

/** Why one version of the document cannot be drawn (or reported on). */
export interface PreviewFailure {
  readonly uri: string;
  /** The version judged; -1 when the server does not hold the document. */
  readonly version: number;
  readonly error: string;
}

export function isFailure<T extends object>(result: T | PreviewFailure): result is PreviewFailure {
  return 'error' in result;
}

// ---------------------------------------------------------------------------------------
// pathway/preview

export interface PreviewParams {
  readonly uri: string;
}

/** The picture of one version of the document. */
export interface PreviewPicture {
  readonly uri: string;
  readonly version: number;
  readonly title: string;
  readonly svg: string;
  readonly steps: readonly PreviewStep[];
  readonly walk: WalkModel;
}

export type PreviewResult = PreviewPicture | PreviewFailure;

/** Sent from the extension to the language server when a preview needs a fresh picture. */
export const PreviewRequest = new RequestType<PreviewParams, PreviewResult, void>(
  'pathway/preview',
);

// ---------------------------------------------------------------------------------------
// pathway/render

export interface RenderParams {
  readonly uri: string;
  readonly format: PictureFormat;
}

/**
 * Sent from the extension to the language server when the user exports the picture: the
 * standalone SVG or HTML page (as `pathway render` writes it). Fails with the reason when
 * the document cannot be drawn.
 */
export const RenderRequest = new RequestType<RenderParams, string, void>('pathway/render');

// ---------------------------------------------------------------------------------------
// pathway/report

export interface ReportParams {
  readonly uri: string;
  /** The date printed in the report's header, e.g. 2026-11-21 (the editor's today). */
  readonly date: string;
}

/** The audit report of one version of the document, as `pathway report --format html`. */
export interface AuditReportPage {
  readonly uri: string;
  readonly version: number;
  readonly title: string;
  /** The report's content without the page around it. */
  readonly html: string;
  readonly steps: readonly PreviewStep[];
}

export type ReportResult = AuditReportPage | PreviewFailure;

/** Sent from the extension to the language server when an audit report needs a fresh report. */
export const ReportRequest = new RequestType<ReportParams, ReportResult, void>('pathway/report');

// ---------------------------------------------------------------------------------------
// pathway/diff

export interface DiffParams {
  readonly uri: string;
  /** The text of the version to compare the document with (the older one, usually). */
  readonly otherText: string;
  /** What that version is, for the reader: `HEAD`, a revision, a file name. */
  readonly otherLabel: string;
}

/** The picture of the document with the changes from the other version drawn on it. */
export interface PreviewComparison extends PreviewPicture {
  readonly otherLabel: string;
  readonly changes: readonly DiffItem[];
}

export type DiffResult = PreviewComparison | PreviewFailure;

/**
 * Sent from the extension to the language server when a comparison needs a fresh picture:
 * the semantic diff from the other text to the document's current version, drawn on the
 * document's flowchart (added green, removed as red ghosts, changed amber).
 */
export const DiffRequest = new RequestType<DiffParams, DiffResult, void>('pathway/diff');

// ---------------------------------------------------------------------------------------
// pathway/saveScenario

export interface SaveScenarioParams {
  readonly uri: string;
  /** The walk made in the preview. */
  readonly scenario: ScenarioDraft;
}

/** The edit that adds the walk to the document as a scenario, for the version it was made on. */
export interface ScenarioEdit {
  readonly uri: string;
  readonly version: number;
  /** The new scenario's id. */
  readonly id: string;
  /** Where the text goes (an insertion: the range is empty) and the text. */
  readonly edit: TextEdit;
  /** Where the new id is once the text is inserted, to select it. */
  readonly idRange: Range;
}

export type SaveScenarioResult = ScenarioEdit | PreviewFailure;

/**
 * Sent from the extension to the language server when the reviewer saves a walk as a
 * scenario: the text to insert, checked to pass; fails with the reason when it cannot be
 * written or would not pass.
 */
export const SaveScenarioRequest = new RequestType<SaveScenarioParams, SaveScenarioResult, void>(
  'pathway/saveScenario',
);

// ---------------------------------------------------------------------------------------
// pathway/scenarios

export interface ScenariosParams {
  readonly uri: string;
  /**
   * The file's text, for a file the server does not hold (not open in an editor): analysed for
   * this answer and not kept. Ignored when the document is open: its own text is used.
   */
  readonly text?: string;
}

/** A failed scenario's first broken expectation. */
export interface ScenarioExpectation {
  readonly key: 'end' | 'passes' | 'avoids';
  /** The step the entry names: the end expected, the step to pass through or to avoid. */
  readonly expected: string;
  /** For `end`: the end the route reached instead. */
  readonly actual?: string;
  /** Where the entry is written. */
  readonly range: Range;
}

/** One scenario of the file and how its route went. */
export interface ScenarioInfo {
  readonly id: string;
  readonly title?: string;
  /** Zero-based line of the scenario's id. */
  readonly line: number;
  /** Zero-based last line of its block (comments and blank lines after it excluded). */
  readonly endLine: number;
  readonly status: ScenarioState;
  /**
   * Why it failed, is stuck or was not run, as a sentence naming the scenario (as its
   * diagnostic says it); empty when it passed.
   */
  readonly message: string;
  /** The broken expectation, when it failed. */
  readonly expectation?: ScenarioExpectation;
  /** The steps its route visits, in order, as far as it went (none when not run). */
  readonly route: readonly string[];
}

/** The scenarios of one version of the document (or of the text sent), in the order written. */
export interface ScenarioList {
  readonly uri: string;
  /** The version run; -1 for a text sent with the request. */
  readonly version: number;
  readonly scenarios: readonly ScenarioInfo[];
}

export type ScenariosResult = ScenarioList | PreviewFailure;

/**
 * Sent from the extension to the language server when the Test Explorer lists or runs a
 * file's scenarios, or a preview follows the scenario under the cursor: each scenario run,
 * with its status, message, broken expectation and route.
 */
export const ScenariosRequest = new RequestType<ScenariosParams, ScenariosResult, void>(
  'pathway/scenarios',
);
