import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  PathwayPreview,
  PREVIEW_VIEW_TYPE,
  baseName,
  webviewOptions,
  type PreviewHost,
} from './preview';
import type { FromWebviewMessage, WebviewState } from './protocol';

const PATHWAY_FILE = /\.pathway\.ya?ml$/i;

/** A picture that reached a preview's webview. */
export interface PreviewRenderEvent {
  readonly uri: string;
  readonly version: number;
}

/** One preview panel per pathway document: opened by the command, restored after a reload. */
export class PreviewManager implements vscode.Disposable {
  private readonly previews = new Map<string, PathwayPreview>();
  private readonly renderEmitter = new vscode.EventEmitter<PreviewRenderEvent>();
  private readonly disposables: vscode.Disposable[] = [this.renderEmitter];
  readonly onDidRender = this.renderEmitter.event;
  private readonly host: PreviewHost;

  constructor(context: vscode.ExtensionContext, client: () => Promise<LanguageClient>) {
    this.host = {
      extensionUri: context.extensionUri,
      client,
      rendered: (uri, version) => this.renderEmitter.fire({ uri: uri.toString(), version }),
    };
    this.disposables.push(
      vscode.commands.registerCommand('pathway.showPreviewToSide', (uri?: unknown) =>
        this.showToSide(uri instanceof vscode.Uri ? uri : undefined),
      ),
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: unknown) => this.restore(panel, state),
      }),
    );
  }

  /** Opens (or shows) the preview of a pathway file beside its editor. */
  showToSide(resource?: vscode.Uri): void {
    const uri = resource ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri || !PATHWAY_FILE.test(uri.path)) {
      void vscode.window.showInformationMessage(
        'Open a pathway file (*.pathway.yaml) to preview its flowchart.',
      );
      return;
    }
    const existing = this.previews.get(uri.toString());
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      `Preview ${baseName(uri)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { ...webviewOptions(this.host.extensionUri), retainContextWhenHidden: false },
    );
    this.track(new PathwayPreview(panel, uri, this.host));
  }

  /** A panel VS Code kept across a window reload: its webview state names its document. */
  private restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const source = (state as Partial<WebviewState> | undefined)?.source;
    if (typeof source !== 'string' || this.previews.has(source)) {
      panel.dispose();
      return Promise.resolve();
    }
    this.track(new PathwayPreview(panel, vscode.Uri.parse(source), this.host));
    return Promise.resolve();
  }

  private track(preview: PathwayPreview): void {
    const key = preview.uri.toString();
    this.previews.set(key, preview);
    preview.onDidDispose(() => {
      if (this.previews.get(key) === preview) this.previews.delete(key);
    });
  }

  /** Hands a message to a preview as if its webview had sent it (for the integration tests). */
  async simulateWebviewMessage(uri: vscode.Uri, message: FromWebviewMessage): Promise<void> {
    const preview = this.previews.get(uri.toString());
    if (!preview) throw new Error(`no preview is open for ${uri.toString()}`);
    await preview.handleMessage(message);
  }

  dispose(): void {
    for (const preview of this.previews.values()) preview.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
