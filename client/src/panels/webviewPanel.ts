// The life of every pathway panel (preview, comparison, audit report) in one place: its page,
// the server's answers kept current, the webview's messages checked, and its end.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isFailure, type PreviewFailure, type PreviewStep } from '../../../shared/serverRequests';
import type {
  CannotDrawMessage,
  FromWebviewMessage,
  InitialState,
  ReadyMessage,
  ShownRoute,
} from '../../../shared/webviewMessages';
import { CurrentResult } from './currentResult';
import { makeNonce, previewPage } from './page';

/** What a panel needs from the extension around it. */
export interface PanelHost {
  readonly extensionUri: vscode.Uri;
  /** The running language client (started on first use). */
  client(): Promise<LanguageClient>;
  /** Told each time a picture or report reaches the webview (for the integration tests). */
  rendered(uri: vscode.Uri, version: number): void;
  /** Told each time a scenario's route (or none) reaches a preview's webview (for the tests). */
  routed?(uri: vscode.Uri, route: ShownRoute | undefined): void;
}

/** The folder the webview may load from: the bundled page scripts and style sheets only. */
function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

/** Loads a panel's page: the bundled `name`.js and `name`.css, and the page's first state. */
function loadPage(
  panel: vscode.WebviewPanel,
  extensionUri: vscode.Uri,
  name: 'preview' | 'report',
  state: InitialState,
): void {
  const webview = panel.webview;
  webview.options = webviewOptions(extensionUri);
  const root = webviewRoot(extensionUri);
  webview.html = previewPage({
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${name}.js`)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${name}.css`)).toString(),
    state,
  });
}

/** A walk to save as the webview describes it: ids as text, facts with values (the server checks the rest). */
function isScenarioDraft(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Record<string, unknown>;
  const objects = (list: unknown): list is Record<string, unknown>[] =>
    Array.isArray(list) && list.every((item) => typeof item === 'object' && item !== null);
  const isValue = (v: unknown): boolean =>
    typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number';
  return (
    typeof draft['end'] === 'string' &&
    objects(draft['facts']) &&
    draft['facts'].every(
      (fact) =>
        typeof fact['input'] === 'string' &&
        Array.isArray(fact['values']) &&
        (fact['values'] as unknown[]).every(isValue),
    ) &&
    objects(draft['choose']) &&
    draft['choose'].every(
      (choice) => typeof choice['decision'] === 'string' && typeof choice['to'] === 'string',
    )
  );
}

/**
 * The webview's page is not trusted: only well-formed messages of the kinds the panel takes
 * are handled.
 */
function isMessageFor<M extends FromWebviewMessage>(
  value: unknown,
  accepts: readonly M['type'][],
): value is M {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (typeof message['source'] !== 'string') return false;
  if (!(accepts as readonly unknown[]).includes(message['type'])) return false;
  switch (message['type']) {
    case 'ready':
      return true;
    case 'reveal':
      return typeof message['stepId'] === 'string';
    case 'export':
      return message['format'] === 'svg' || message['format'] === 'html';
    case 'saveScenario':
      return isScenarioDraft(message['scenario']);
    case 'clearRoute':
      return true;
    case 'openPathway':
      return typeof message['stepId'] === 'string';
    default:
      return false;
  }
}

/** A server answer a panel can show: a version of the document, and where its steps are. */
export interface PanelResult {
  readonly version: number;
  readonly steps: readonly PreviewStep[];
}

/** How one kind of panel differs from the others. */
export interface PanelSpec<R extends PanelResult, From extends FromWebviewMessage> {
  /** The page script and style sheet it loads from dist/webview/. */
  readonly page: 'preview' | 'report';
  /** The editor tab's title, and the page's own. */
  readonly title: string;
  readonly pageTitle: string;
  /** The kinds of message its webview may send. */
  readonly accepts: readonly From['type'][];
  /** The request for the document's current result. */
  ask(client: LanguageClient): Promise<R | PreviewFailure>;
}

/**
 * One pathway document in one webview panel: redrawn as the document changes, its steps
 * linked to the editor. The webview says `ready` after each load (hiding unloads it); the
 * latest message is posted again then. A subclass says what a result looks like on its page
 * and handles the messages beyond `ready`.
 */
export abstract class PathwayPanel<
  R extends PanelResult,
  To extends { readonly type: string; readonly source: string; readonly version?: number },
  From extends FromWebviewMessage,
>
  implements vscode.Disposable
{
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  /** The latest result (or reason there is none) to give the webview when it (re)loads. */
  private latest: To | CannotDrawMessage | undefined;
  /** Where the steps of the document last shown are, for linking to the editor. */
  protected steps: readonly PreviewStep[] = [];
  /** The webview's script is listening (it says so with `ready` after each load). */
  private ready = false;
  private readonly current: CurrentResult<R>;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    protected readonly host: PanelHost,
    spec: PanelSpec<R, From>,
  ) {
    this.current = new CurrentResult<R>(
      uri,
      panel,
      () => host.client(),
      (client) => spec.ask(client),
      (result) => this.show(result),
    );
    panel.title = spec.title;
    loadPage(panel, host.extensionUri, spec.page, { source: this.source, title: spec.pageTitle });
    this.disposables.push(
      this.disposeEmitter,
      this.current,
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        // Without retainContextWhenHidden a hidden webview is unloaded; it says `ready` again.
        if (!panel.visible) this.ready = false;
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isMessageFor<From>(message, spec.accepts)) void this.handleMessage(message);
      }),
    );
    // Asks at once, while the page loads; `ask` runs only after the document is opened, once
    // the subclass is built.
    void this.current.refresh();
  }

  /** The document's URI as every message names it. */
  protected get source(): string {
    return this.uri.toString();
  }

  /** The page's message for a result the server gave. */
  protected abstract messageFor(result: R): To;

  /** Handles a message beyond `ready` from the webview. */
  protected abstract onMessage(message: Exclude<From, ReadyMessage>): Promise<void>;

  /** Called after a result is shown, and after the webview (re)loads. */
  protected onShown(): void {}

  /** Registers something to dispose of with the panel. */
  protected own(...disposables: vscode.Disposable[]): void {
    this.disposables.push(...disposables);
  }

  /** Handles a message from this panel's webview; messages about another document are stale. */
  async handleMessage(message: From): Promise<void> {
    if (message.source !== this.source) return;
    if (message.type !== 'ready') {
      await this.onMessage(message as Exclude<From, ReadyMessage>);
      return;
    }
    this.ready = true;
    if (this.current.isStale || !this.latest) await this.current.refresh();
    else await this.post(this.latest);
    this.onShown();
  }

  /** Shows the server's answer: the result, or why there is none. */
  private async show(result: R | PreviewFailure): Promise<void> {
    if (isFailure(result)) {
      this.latest = {
        type: 'cannotDraw',
        source: this.source,
        version: result.version,
        message: result.error,
      };
    } else {
      this.steps = result.steps;
      this.latest = this.messageFor(result);
    }
    await this.post(this.latest);
    if (!isFailure(result)) this.onShown();
  }

  /**
   * Posts to the webview while it listens; tells the host when a result reached it. True when
   * the message was delivered.
   */
  protected async post(message: To | CannotDrawMessage): Promise<boolean> {
    if (!this.ready || this.disposed) return false;
    const delivered = await this.panel.webview.postMessage(message);
    if (delivered && message.type !== 'cannotDraw' && message.version !== undefined) {
      this.host.rendered(this.uri, message.version);
    }
    return delivered;
  }

  /** Shows a step's id in an editor of the document. */
  protected async revealStep(stepId: string): Promise<void> {
    await showStep(this.uri, this.steps, stepId, this.panel);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
    this.panel.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** A visible editor of the document, the active one first. */
export function editorOf(uri: vscode.Uri): vscode.TextEditor | undefined {
  const mine = (editor: vscode.TextEditor): boolean =>
    editor.document.uri.toString() === uri.toString();
  const active = vscode.window.activeTextEditor;
  if (active && mine(active)) return active;
  return vscode.window.visibleTextEditors.find(mine);
}

/**
 * Shows a step in an editor with its id selected: in the editor of the document already
 * visible, else in a new one on the other side of the panel.
 */
async function showStep(
  uri: vscode.Uri,
  steps: readonly PreviewStep[],
  stepId: string,
  panel: vscode.WebviewPanel,
): Promise<void> {
  const step = steps.find((s) => s.id === stepId);
  if (!step) return;
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.lineAt(Math.min(step.line, document.lineCount - 1)).text;
  const at = text.indexOf(stepId);
  const start = at >= 0 ? at : text.length - text.trimStart().length;
  const end = at >= 0 ? at + stepId.length : Math.max(start, text.indexOf(':'));
  const selection = new vscode.Range(step.line, start, step.line, end);
  const visible = editorOf(uri);
  const viewColumn =
    visible?.viewColumn ??
    (panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn,
    selection,
    preserveFocus: visible !== undefined,
    preview: false,
  });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
