// The messages between the extension (host) and its panels' webviews, the state a webview
// keeps, and the data a published page hands the same page scripts. Types only: the webview
// bundle compiles this file and must pull in no runtime module.
import type {
  Citation,
  PictureFormat,
  ScenarioDraft,
  ScenarioState,
  WalkFact,
  WalkInput,
  WalkModel,
  WalkScenario,
  WalkStep,
  WalkUse,
} from '../server/src/core';
import type { SiteChange, SiteData } from '../server/src/core/site/data';

// The core produces these; the messages carry them as they are.
export type {
  Citation,
  PictureFormat,
  ScenarioDraft,
  ScenarioState,
  WalkFact,
  WalkInput,
  WalkModel,
  WalkScenario,
  WalkStep,
  WalkUse,
};

// A published pathway page hands the same flowchart its data in the page itself.
export type { SiteChange, SiteData };

/** One change to the recommendation logic (the core's `Change`), in a reviewer's words. */
export interface DiffItem {
  /** The core's change type: `step-added`, `grade-changed`, `branch-reworded`, … */
  readonly type: string;
  readonly description: string;
  /** The step of the document the change is about (none for references, inputs and removed steps). */
  readonly stepId: string | undefined;
}

// ---------------------------------------------------------------------------------------
// Host → webview

/** Sent from the host to the preview's webview when a new picture of the document is ready. */
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

/** Sent from the host to the preview's webview when the cursor moves into (or out of) a step. */
export interface HighlightMessage {
  readonly type: 'highlight';
  readonly source: string;
  /** The step whose lines hold the cursor; undefined when the cursor is in no step. */
  readonly stepId: string | undefined;
}

/** A scenario whose route the preview shows. */
export interface ShownRoute {
  readonly id: string;
  readonly title?: string;
  readonly status: ScenarioState;
  /** The steps the route visits, in order (a step met twice is there twice). */
  readonly steps: readonly string[];
}

/**
 * Sent from the host to the preview's webview when a scenario is run alone, or the editor's
 * cursor moves into a scenario's block (its route is shown), or out of it (cleared).
 */
export interface RouteMessage {
  readonly type: 'route';
  readonly source: string;
  /** The scenario to show; undefined clears the route. */
  readonly scenario: ShownRoute | undefined;
}

/** Sent from the host to the report's webview when a new report of the document is ready. */
export interface ReportMessage {
  readonly type: 'report';
  readonly source: string;
  readonly version: number;
  readonly title: string;
  /** The report's content (no page around it), every text from the pathway escaped. */
  readonly html: string;
}

/** What the preview's (and a comparison's) webview is sent. */
export type ToWebviewMessage = RenderMessage | CannotDrawMessage | HighlightMessage | RouteMessage;

/** What the audit report's webview is sent. */
export type ToReportWebviewMessage = ReportMessage | CannotDrawMessage;

// ---------------------------------------------------------------------------------------
// Webview → host

/** Sent from a webview to the host when its script is listening and can take a picture. */
export interface ReadyMessage {
  readonly type: 'ready';
  readonly source: string;
}

/** Sent from a webview to the host when a step is clicked (or Enter pressed on it). */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly source: string;
  readonly stepId: string;
}

/** Sent from the preview's webview to the host when an export button is pressed. */
export interface ExportMessage {
  readonly type: 'export';
  readonly source: string;
  readonly format: PictureFormat;
}

/**
 * Sent from the preview's webview to the host when the reviewer saves the walk made as a new
 * scenario of the document.
 */
export interface SaveScenarioMessage {
  readonly type: 'saveScenario';
  readonly source: string;
  readonly scenario: ScenarioDraft;
}

/** Sent from the preview's webview to the host when the reader clears a scenario's route. */
export interface ClearRouteMessage {
  readonly type: 'clearRoute';
  readonly source: string;
}

/**
 * Sent from the preview's webview to the host when a sub-pathway's box is clicked (or Enter
 * pressed on it, or its link followed): open the used pathway's own preview. The host finds
 * the file in the step's `use`, from the document's folder.
 */
export interface OpenPathwayMessage {
  readonly type: 'openPathway';
  readonly source: string;
  /** The `pathway` step whose used pathway to open. */
  readonly stepId: string;
}

/** What the preview's (and a comparison's) webview sends. */
export type FromWebviewMessage =
  | ReadyMessage
  | RevealMessage
  | ExportMessage
  | SaveScenarioMessage
  | ClearRouteMessage
  | OpenPathwayMessage;

/** The report's webview says `ready`, and `reveal` when a step's name is clicked. */
export type FromReportWebviewMessage = ReadyMessage | RevealMessage;

// ---------------------------------------------------------------------------------------
// What a webview keeps across hiding and window reloads

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
  /**
   * While the picture is fitted to the window's width (`true`, the first view) or shown whole
   * (`'whole'`): it fits again when the window changes size. Absent once zoomed or moved.
   */
  readonly fitted?: boolean | 'whole';
  readonly selected?: string;
  readonly legendHidden?: boolean;
  /**
   * While walking through: the exit taken at each decision answered by hand so far, by index
   * (the facts answer the others).
   */
  readonly walk?: readonly number[];
  /** The facts set in the walk-through (kept when the walk is left). */
  readonly facts?: readonly WalkFact[];
  /** The scenario the walk was started from, until a fact is changed. */
  readonly scenario?: string;
}
