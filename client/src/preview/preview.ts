import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CurrentResult, messageOf } from './currentResult';
import { makeNonce, previewPage } from './page';
import {
  DiffRequest,
  isFailure,
  PreviewRequest,
  RenderRequest,
  type FromWebviewMessage,
  type InitialState,
  type PictureFormat,
  type DiffResult,
  type PreviewComparison,
  type PreviewPicture,
  type PreviewResult,
  type PreviewStep,
  type RenderMessage,
  type CannotDrawMessage,
  type ServerRequest,
  type ToWebviewMessage,
} from './protocol';

export const PREVIEW_VIEW_TYPE = 'pathway.preview';

/** The other version a comparison draws the document against. */
export interface Comparison {
  readonly otherText: string;
  readonly otherLabel: string;
}

/** What a preview needs from the extension around it. */
export interface PreviewHost {
  readonly extensionUri: vscode.Uri;
  /** The running language client (started on first use). */
  client(): Promise<LanguageClient>;
  /** Told each time a picture reaches the webview (for the integration tests). */
  rendered(uri: vscode.Uri, version: number): void;
}

/** The folder the webview may load from: the bundled page script and style sheet only. */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

/** Loads a panel's page: the bundled `name`.js and `name`.css, and the page's first state. */
export function loadPage(
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

export function sendServerRequest<P, R>(
  client: LanguageClient,
  request: ServerRequest<P, R>,
  params: P,
): Promise<R> {
  return client.sendRequest<R>(request.method, params);
}

/** `name.pathway.yaml` → `name`. */
export function baseName(uri: vscode.Uri): string {
  const file = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return file.replace(/(\.pathway)?\.ya?ml$/i, '') || file;
}

/** The webview's page is not trusted: only well-formed messages are handled. */
function isWebviewMessage(value: unknown): value is FromWebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (typeof message['source'] !== 'string') return false;
  switch (message['type']) {
    case 'ready':
      return true;
    case 'reveal':
      return typeof message['stepId'] === 'string';
    case 'export':
      return message['format'] === 'svg' || message['format'] === 'html';
    default:
      return false;
  }
}

/** The step whose lines hold `line`, if any. */
export function stepAt(steps: readonly PreviewStep[], line: number): PreviewStep | undefined {
  return steps.find((step) => step.line <= line && line <= step.endLine);
}

/**
 * The live preview of one pathway document in one webview panel: redrawn as the document
 * changes, linked both ways with the editor, and exported on request.
 */
export class PathwayPreview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  /** The latest picture (or reason there is none) to give the webview when it (re)loads. */
  private latest: RenderMessage | CannotDrawMessage | undefined;
  private steps: readonly PreviewStep[] = [];
  private highlighted: string | undefined;
  /** The webview's script is listening (it says so with `ready` after each load). */
  private ready = false;
  private readonly current: CurrentResult<PreviewResult | DiffResult>;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    private readonly host: PreviewHost,
    /** Set for a comparison: the flowchart shows the changes since this version. */
    private readonly comparison?: Comparison,
  ) {
    this.current = new CurrentResult<PreviewResult | DiffResult>(
      uri,
      panel,
      () => host.client(),
      (client) =>
        comparison
          ? sendServerRequest(client, DiffRequest, { uri: uri.toString(), ...comparison })
          : sendServerRequest(client, PreviewRequest, { uri: uri.toString() }),
      (result) => this.show(result),
    );
    panel.title = comparison
      ? `Compare ${baseName(uri)} with ${comparison.otherLabel}`
      : `Preview ${baseName(uri)}`;
    loadPage(panel, host.extensionUri, 'preview', { source: uri.toString(), title: baseName(uri) });
    this.disposables.push(
      this.disposeEmitter,
      this.current,
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        // Without retainContextWhenHidden a hidden webview is unloaded; it says `ready` again.
        if (!panel.visible) this.ready = false;
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isWebviewMessage(message)) void this.handleMessage(message);
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (this.isMine(event.textEditor.document)) {
          this.highlightLine(event.selections[0]?.active.line);
        }
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && this.isMine(editor.document)) {
          this.highlightLine(editor.selection.active.line);
        }
      }),
    );
    void this.current.refresh();
  }

  private isMine(document: vscode.TextDocument): boolean {
    return document.uri.toString() === this.uri.toString();
  }

  /** Handles a message from this preview's webview; messages about another document are stale. */
  async handleMessage(message: FromWebviewMessage): Promise<void> {
    if (message.source !== this.uri.toString()) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.current.isStale || !this.latest) await this.current.refresh();
        else await this.post(this.latest);
        this.highlightLine(this.editor()?.selection.active.line, true);
        break;
      case 'reveal':
        await this.reveal(message.stepId);
        break;
      case 'export':
        await this.export(message.format);
        break;
    }
  }

  /** Shows the server's answer: the flowchart, or why it cannot be drawn. */
  private async show(result: PreviewResult | DiffResult): Promise<void> {
    if (isFailure(result)) {
      this.latest = {
        type: 'cannotDraw',
        source: this.uri.toString(),
        version: result.version,
        message: result.error,
      };
    } else {
      this.steps = result.steps;
      this.latest = {
        type: 'render',
        source: this.uri.toString(),
        version: result.version,
        title: result.title || baseName(this.uri),
        svg: result.svg,
        walk: result.walk,
        ...(isComparison(result)
          ? { compare: { otherLabel: result.otherLabel, changes: result.changes } }
          : {}),
      };
    }
    await this.post(this.latest);
    if (!isFailure(result)) this.highlightLine(this.editor()?.selection.active.line, true);
  }

  private async post(message: ToWebviewMessage): Promise<void> {
    if (!this.ready || this.disposed) return;
    const delivered = await this.panel.webview.postMessage(message);
    if (delivered && message.type === 'render') this.host.rendered(this.uri, message.version);
  }

  private editor(): vscode.TextEditor | undefined {
    return editorOf(this.uri);
  }

  private highlightLine(line: number | undefined, always = false): void {
    const stepId = line === undefined ? undefined : stepAt(this.steps, line)?.id;
    if (stepId === this.highlighted && !always) return;
    this.highlighted = stepId;
    void this.post({ type: 'highlight', source: this.uri.toString(), stepId });
  }

  private async reveal(stepId: string): Promise<void> {
    await revealStep(this.uri, this.steps, stepId, this.panel);
  }

  /** Asks the server for the standalone picture and saves it where the user says. */
  private async export(format: PictureFormat): Promise<void> {
    try {
      const client = await this.host.client();
      const picture = await sendServerRequest(client, RenderRequest, {
        uri: this.uri.toString(),
        format,
      });
      const target = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(this.uri, '..', `${baseName(this.uri)}.${format}`),
        filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'Web page': ['html'] },
        saveLabel: 'Export',
        title: format === 'svg' ? 'Export the flowchart as SVG' : 'Export the flowchart as HTML',
      });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(picture));
      void vscode.window.showInformationMessage(`Exported the flowchart to ${target.fsPath}.`);
    } catch (error) {
      void vscode.window.showErrorMessage(`Cannot export the flowchart: ${messageOf(error)}`);
    }
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
export async function revealStep(
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

function isComparison(result: PreviewPicture): result is PreviewComparison {
  return 'changes' in result;
}
