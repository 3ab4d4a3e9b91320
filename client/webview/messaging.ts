// The pages' one line to their host (VS Code's webview API): what they post, the state kept
// across reloads, and the host's messages for this page's document, each to its handler.
import type {
  FromReportWebviewMessage,
  FromWebviewMessage,
  ToReportWebviewMessage,
  ToWebviewMessage,
  WebviewState,
} from '../../shared/webviewMessages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** A message without its `source`, which the host line adds (each member of a union kept). */
type Unsourced<M> = M extends unknown ? Omit<M, 'source'> : never;

export interface Host<From, State> {
  /** The state kept for this panel, when there is one (perhaps of another document). */
  readonly restored: State | undefined;
  readonly keep: (state: State) => void;
  readonly post: (message: Unsourced<From>) => void;
}

/** One handler per message type: a new type in the protocol does not compile without one. */
type Handlers<To extends { readonly type: string }> = {
  readonly [T in To['type']]: (message: Extract<To, { readonly type: T }>) => void;
};

function connect<From, To extends { readonly source: string }, State>(
  source: string,
  receive: (message: To) => void,
): Host<From, State> {
  const vscode = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent<To>) => {
    const message = event.data;
    // A message for another document (an older page of this panel) is stale: drop it.
    if (typeof message !== 'object' || message === null || message.source !== source) return;
    receive(message);
  });
  return {
    restored: vscode.getState() as State | undefined,
    keep: (state) => vscode.setState(state),
    post: (message) => vscode.postMessage({ ...message, source }),
  };
}

/** The flowchart preview's line to the host. */
export function connectPreview(
  source: string,
  handlers: Handlers<ToWebviewMessage>,
): Host<FromWebviewMessage, WebviewState> {
  return connect<FromWebviewMessage, ToWebviewMessage, WebviewState>(source, (message) => {
    switch (message.type) {
      case 'render':
        handlers.render(message);
        break;
      case 'cannotDraw':
        handlers.cannotDraw(message);
        break;
      case 'highlight':
        handlers.highlight(message);
        break;
      case 'route':
        handlers.route(message);
        break;
    }
  });
}

/** The audit report's state: the preview's, and how far down the reader had scrolled. */
export type ReportState = WebviewState & { readonly scroll?: number };

/** The audit report's line to the host. */
export function connectReport(
  source: string,
  handlers: Handlers<ToReportWebviewMessage>,
): Host<FromReportWebviewMessage, ReportState> {
  return connect<FromReportWebviewMessage, ToReportWebviewMessage, ReportState>(
    source,
    (message) => {
      switch (message.type) {
        case 'report':
          handlers.report(message);
          break;
        case 'cannotDraw':
          handlers.cannotDraw(message);
          break;
      }
    },
  );
}
