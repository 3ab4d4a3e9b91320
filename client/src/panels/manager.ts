// Opens the pathway panels (preview, comparison, audit report) from their commands, keeps one
// of each kind per document, and restores previews and reports after a window reload.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ScenarioInfo } from '../../../shared/serverRequests';
import type {
  FromReportWebviewMessage,
  FromWebviewMessage,
  ShownRoute,
  WebviewState,
} from '../../../shared/webviewMessages';
import { baseName, commandTarget, isPathwayUri } from '../pathwayUri';
import {
  COMPARE_VIEW_TYPE,
  ComparePanel,
  compareTarget,
  compareWith,
  type Comparison,
} from './compare';
import { PanelStore, type StoredPanel } from './panelStore';
import { PREVIEW_VIEW_TYPE, PreviewPanel } from './preview';
import { AuditReportPanel, REPORT_VIEW_TYPE } from './report';
import { webviewOptions, type PanelHost } from './webviewPanel';

/** A picture (or report) that reached a panel's webview. */
export interface PanelRenderEvent {
  readonly uri: string;
  readonly version: number;
}

/** A scenario's route (or none) that reached a preview's webview. */
export interface RouteShownEvent {
  readonly uri: string;
  readonly route: ShownRoute | undefined;
}

/** The window's pathway panels: one store per kind, each panel found by its document. */
export class PanelManager implements vscode.Disposable {
  private readonly previews = new PanelStore<PreviewPanel>();
  private readonly comparisons = new PanelStore<ComparePanel>();
  private readonly reports = new PanelStore<AuditReportPanel>();
  private readonly previewRendered = new vscode.EventEmitter<PanelRenderEvent>();
  private readonly reportRendered = new vscode.EventEmitter<PanelRenderEvent>();
  private readonly routeShown = new vscode.EventEmitter<RouteShownEvent>();
  /** Fires each time a scenario's route (or none) reaches a preview's webview. */
  readonly onDidShowRoute = this.routeShown.event;
  /** Fires each time a picture reaches a preview's (or a comparison's) webview. */
  readonly onDidRenderPreview = this.previewRendered.event;
  /** Fires each time a report reaches an audit report's webview. */
  readonly onDidRenderReport = this.reportRendered.event;
  private readonly previewHost: PanelHost;
  private readonly reportHost: PanelHost;
  private readonly disposables: vscode.Disposable[] = [
    this.previewRendered,
    this.reportRendered,
    this.routeShown,
  ];

  constructor(context: vscode.ExtensionContext, client: () => Promise<LanguageClient>) {
    const host = (emitter: vscode.EventEmitter<PanelRenderEvent>): PanelHost => ({
      extensionUri: context.extensionUri,
      client,
      rendered: (uri, version) => emitter.fire({ uri: uri.toString(), version }),
    });
    this.previewHost = {
      ...host(this.previewRendered),
      routed: (uri, route) => this.routeShown.fire({ uri: uri.toString(), route }),
    };
    this.reportHost = host(this.reportRendered);
    this.disposables.push(
      vscode.commands.registerCommand('pathway.showPreviewToSide', (uri?: unknown) =>
        this.showPreview(uri instanceof vscode.Uri ? uri : undefined),
      ),
      vscode.commands.registerCommand('pathway.showAuditReport', (uri?: unknown) =>
        this.showReport(uri instanceof vscode.Uri ? uri : undefined),
      ),
      vscode.commands.registerCommand('pathway.compareWith', (uri?: unknown, target?: unknown) =>
        compareWith(this, uri instanceof vscode.Uri ? uri : undefined, compareTarget(target)),
      ),
      vscode.window.registerWebviewPanelSerializer(
        PREVIEW_VIEW_TYPE,
        restorer(this.previews, (panel, uri) => new PreviewPanel(panel, uri, this.previewHost)),
      ),
      vscode.window.registerWebviewPanelSerializer(
        REPORT_VIEW_TYPE,
        restorer(this.reports, (panel, uri) => new AuditReportPanel(panel, uri, this.reportHost)),
      ),
    );
  }

  /** Opens (or shows) the preview of a pathway file beside its editor. */
  showPreview(resource?: vscode.Uri): void {
    const uri = pathwayOf(resource, 'to preview its flowchart');
    if (!uri || this.previews.reveal(uri)) return;
    const panel = createBeside(PREVIEW_VIEW_TYPE, `Preview ${baseName(uri)}`, this.previewHost);
    this.previews.add(new PreviewPanel(panel, uri, this.previewHost));
  }

  /** Shows a scenario run alone on the open preview of its file, if there is one. */
  showRoute(uri: vscode.Uri, scenario: ScenarioInfo): void {
    this.previews.get(uri)?.showRun(scenario);
  }

  /** Opens (or shows) the audit report of a pathway file beside its editor. */
  showReport(resource?: vscode.Uri): void {
    const uri = pathwayOf(resource, 'to see its audit report');
    if (!uri || this.reports.reveal(uri)) return;
    const panel = createBeside(REPORT_VIEW_TYPE, `Audit ${baseName(uri)}`, this.reportHost);
    this.reports.add(new AuditReportPanel(panel, uri, this.reportHost));
  }

  /** Opens a comparison of a pathway file with another version beside its editor. */
  compare(uri: vscode.Uri, comparison: Comparison): void {
    this.comparisons.get(uri)?.dispose();
    const panel = createBeside(COMPARE_VIEW_TYPE, `Compare ${baseName(uri)}`, this.previewHost);
    this.comparisons.add(new ComparePanel(panel, uri, this.previewHost, comparison));
  }

  /** Handles a message as if the preview's (or comparison's) webview of `uri` had sent it. */
  simulatePreviewMessage(
    uri: vscode.Uri,
    message: FromWebviewMessage,
    comparison = false,
  ): Promise<void> {
    const store = comparison ? this.comparisons : this.previews;
    return store.expect(uri, 'preview').handleMessage(message);
  }

  /** Handles a message as if the audit report's webview of `uri` had sent it. */
  simulateReportMessage(uri: vscode.Uri, message: FromReportWebviewMessage): Promise<void> {
    return this.reports.expect(uri, 'audit report').handleMessage(message);
  }

  dispose(): void {
    this.previews.dispose();
    this.comparisons.dispose();
    this.reports.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The pathway file the command means (see `commandTarget`); undefined, and the user told, if none. */
function pathwayOf(resource: vscode.Uri | undefined, purpose: string): vscode.Uri | undefined {
  const uri = commandTarget(resource);
  if (uri && isPathwayUri(uri)) return uri;
  void vscode.window.showInformationMessage(`Open a pathway file (*.pathway.yaml) ${purpose}.`);
  return undefined;
}

/** A new webview panel beside the active editor, which keeps the focus. */
function createBeside(viewType: string, title: string, host: PanelHost): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(
    viewType,
    title,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    { ...webviewOptions(host.extensionUri), retainContextWhenHidden: false },
  );
}

/** Restores a panel VS Code kept across a window reload: its webview state names its document. */
function restorer<P extends StoredPanel>(
  store: PanelStore<P>,
  make: (panel: vscode.WebviewPanel, uri: vscode.Uri) => P,
): vscode.WebviewPanelSerializer {
  return {
    deserializeWebviewPanel: (panel, state: unknown) => {
      const source = (state as Partial<WebviewState> | undefined)?.source;
      if (typeof source !== 'string' || store.get(source)) panel.dispose();
      else store.add(make(panel, vscode.Uri.parse(source)));
      return Promise.resolve();
    },
  };
}
