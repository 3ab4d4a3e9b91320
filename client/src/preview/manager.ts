import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  PathwayPreview,
  PREVIEW_VIEW_TYPE,
  baseName,
  webviewOptions,
  type Comparison,
  type PreviewHost,
} from './preview';
import type { FromWebviewMessage, WebviewState } from './protocol';

const PATHWAY_FILE = /\.pathway\.ya?ml$/i;
/** Comparisons are not restored after a reload: the other version is not kept. */
export const COMPARE_VIEW_TYPE = 'pathway.compare';

/** A picture that reached a preview's webview. */
export interface PreviewRenderEvent {
  readonly uri: string;
  readonly version: number;
}

/** One preview panel per pathway document: opened by the command, restored after a reload. */
export class PreviewManager implements vscode.Disposable {
  private readonly previews = new Map<string, PathwayPreview>();
  private readonly comparisons = new Map<string, PathwayPreview>();
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

  /** Opens a comparison of a pathway file with another version beside its editor. */
  compare(uri: vscode.Uri, comparison: Comparison): void {
    const key = uri.toString();
    this.comparisons.get(key)?.dispose();
    const panel = vscode.window.createWebviewPanel(
      COMPARE_VIEW_TYPE,
      `Compare ${baseName(uri)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { ...webviewOptions(this.host.extensionUri), retainContextWhenHidden: false },
    );
    const preview = new PathwayPreview(panel, uri, this.host, comparison);
    this.comparisons.set(key, preview);
    preview.onDidDispose(() => {
      if (this.comparisons.get(key) === preview) this.comparisons.delete(key);
    });
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
  async simulateWebviewMessage(
    uri: vscode.Uri,
    message: FromWebviewMessage,
    comparison = false,
  ): Promise<void> {
    const preview = (comparison ? this.comparisons : this.previews).get(uri.toString());
    if (!preview) throw new Error(`no preview is open for ${uri.toString()}`);
    await preview.handleMessage(message);
  }

  dispose(): void {
    for (const preview of [...this.previews.values(), ...this.comparisons.values()]) {
      preview.dispose();
    }
    for (const disposable of this.disposables) disposable.dispose();
  }
}
