// The preview's protocol, in one place: the messages between the extension (host) and the
// preview's webview, and the custom requests the extension sends the language server.
// No imports and no host APIs: the extension, the webview and the server all compile it
// (client/tsconfig.protocol.json).

/** A step of the pathway as the preview knows it: its id and the lines of its block. */
export interface PreviewStep {
  readonly id: string;
  /** Zero-based line of the step's id. */
  readonly line: number;
  /** Zero-based last line of the step's block (comments and blank lines after it excluded). */
  readonly endLine: number;
}

/** A reference cited by a recommendation, as the audit report prints it. */
export interface WalkCitation {
  readonly id: string;
  readonly title: string | undefined;
  readonly source: string | undefined;
  readonly year: string | undefined;
  readonly doi: string | undefined;
  readonly pmid: string | undefined;
  readonly url: string | undefined;
  /** False when the id names no reference. */
  readonly found: boolean;
}

/** What the walk-through needs to know of one step. */
export interface WalkStep {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  /** The ways out, as a reader meets them; at a decision each carries its answer. */
  readonly exits: readonly { readonly to: string; readonly answer?: string }[];
  readonly recommendation?: {
    readonly direction: 'for' | 'against';
    readonly strength: string | undefined;
    readonly certainty: string | undefined;
    readonly rationale: string | undefined;
    readonly citations: readonly WalkCitation[];
  };
}

/** The pathway as a patient walks it: where care starts, each step and its ways out. */
export interface WalkModel {
  readonly start: string | undefined;
  readonly steps: readonly WalkStep[];
}

// ---------------------------------------------------------------------------------------
// Host → webview

/** Sent from the host to the webview when a new picture of the document is ready. */
export interface RenderMessage {
  readonly type: 'render';
  readonly source: string;
  readonly version: number;
  readonly title: string;
  /** The flowchart as an SVG document, every text from the pathway escaped. */
  readonly svg: string;
  /** The steps' kinds, exits and recommendations, for the walk-through. */
  readonly walk: WalkModel;
  /** In a comparison: the other version's name and the list of changes. */
  readonly compare?: { readonly otherLabel: string; readonly changes: readonly DiffItem[] };
}

/** Sent from the host to the webview when the document's current text cannot be drawn. */
export interface CannotDrawMessage {
  readonly type: 'cannotDraw';
  readonly source: string;
  readonly version: number;
  /** What is wrong and where, in words for the author. */
  readonly message: string;
}

/** Sent from the host to the webview when the editor's cursor moves into (or out of) a step. */
export interface HighlightMessage {
  readonly type: 'highlight';
  readonly source: string;
  /** The step whose lines hold the cursor; undefined when the cursor is in no step. */
  readonly stepId: string | undefined;
}

export type ToWebviewMessage = RenderMessage | CannotDrawMessage | HighlightMessage;

// ---------------------------------------------------------------------------------------
// Webview → host

/** Sent from the webview to the host when its script is listening and can take a picture. */
export interface ReadyMessage {
  readonly type: 'ready';
  readonly source: string;
}

/** Sent from the webview to the host when a node is clicked (or Enter pressed on it). */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly source: string;
  readonly stepId: string;
}

/** Sent from the webview to the host when an export button is pressed. */
export interface ExportMessage {
  readonly type: 'export';
  readonly source: string;
  readonly format: PictureFormat;
}

export type FromWebviewMessage = ReadyMessage | RevealMessage | ExportMessage;

// ---------------------------------------------------------------------------------------
// The audit report's webview (client/webview/report.ts)

/** Sent from the host to the report's webview when a new report of the document is ready. */
export interface ReportMessage {
  readonly type: 'report';
  readonly source: string;
  readonly version: number;
  readonly title: string;
  /** The report's content (no page around it), every text from the pathway escaped. */
  readonly html: string;
}

export type ToReportWebviewMessage = ReportMessage | CannotDrawMessage;

/** The report's webview says `ready`, and `reveal` when a step's name is clicked. */
export type FromReportWebviewMessage = ReadyMessage | RevealMessage;

// ---------------------------------------------------------------------------------------
// What the webview keeps across hiding and window reloads

/** Passed to the webview in its page's `data-state` attribute. */
export interface InitialState {
  readonly source: string;
  readonly title: string;
}

/** Kept with the webview API's setState/getState; the host restores panels from it. */
export interface WebviewState {
  readonly source: string;
  /** Zoom factor and the diagram point at the viewport's top left; absent until first drawn. */
  readonly view?: { readonly zoom: number; readonly x: number; readonly y: number };
  /** True while the picture is fitted to the window (it refits when the window resizes). */
  readonly fitted?: boolean;
  readonly selected?: string;
  readonly legendHidden?: boolean;
  /** While walking through: the exit taken at each decision met so far, by index. */
  readonly walk?: readonly number[];
}

// ---------------------------------------------------------------------------------------
// Extension → language server

/** A custom request: its method, with the types of its parameters and result. */
export interface ServerRequest<P, R> {
  readonly method: string;
  /** Never set: carries the types to both ends. */
  readonly types?: { readonly params: P; readonly result: R };
}

export type PictureFormat = 'svg' | 'html';

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

/** Why one version of the document cannot be drawn. */
export interface PreviewFailure {
  readonly uri: string;
  /** The version judged; -1 when the server does not hold the document. */
  readonly version: number;
  readonly error: string;
}

export type PreviewResult = PreviewPicture | PreviewFailure;

/** Sent from the extension to the language server when a preview needs a fresh picture. */
export const PreviewRequest: ServerRequest<PreviewParams, PreviewResult> = {
  method: 'pathway/preview',
};

export interface RenderParams {
  readonly uri: string;
  readonly format: PictureFormat;
}

/**
 * Sent from the extension to the language server when the user exports the picture: the
 * standalone SVG or HTML page (as `pathway render` writes it). Fails with the reason when
 * the document cannot be drawn.
 */
export const RenderRequest: ServerRequest<RenderParams, string> = { method: 'pathway/render' };

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
export const ReportRequest: ServerRequest<ReportParams, ReportResult> = {
  method: 'pathway/report',
};

export interface DiffParams {
  readonly uri: string;
  /** The text of the version to compare the document with (the older one, usually). */
  readonly otherText: string;
  /** What that version is, for the reader: `HEAD`, a revision, a file name. */
  readonly otherLabel: string;
}

/** One change to the recommendation logic (the core's `Change`), in a reviewer's words. */
export interface DiffItem {
  /** The core's change type: `step-added`, `grade-changed`, `branch-reworded`, … */
  readonly type: string;
  readonly description: string;
  /** The step of the document the change is about (none for references and removed steps). */
  readonly stepId: string | undefined;
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
export const DiffRequest: ServerRequest<DiffParams, DiffResult> = { method: 'pathway/diff' };

export function isFailure<T extends object>(result: T | PreviewFailure): result is PreviewFailure {
  return 'error' in result;
}
