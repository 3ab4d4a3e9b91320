// The live preview of a pathway document: its flowchart redrawn as the document changes,
// linked both ways with the editor, and exported on request.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  isFailure,
  PreviewRequest,
  RenderRequest,
  SaveScenarioRequest,
  ScenariosRequest,
  type PreviewPicture,
  type PreviewStep,
  type ScenarioInfo,
} from '../../../shared/serverRequests';
import type {
  FromWebviewMessage,
  PictureFormat,
  RenderMessage,
  ScenarioDraft,
  ToWebviewMessage,
} from '../../../shared/webviewMessages';
import { baseName, usedPathwayUri } from '../pathwayUri';
import { PreviewRoute } from '../scenarios/previewRoute';
import { messageOf } from './currentResult';
import { editorOf, PathwayPanel, type PanelHost, type PanelSpec } from './webviewPanel';

export const PREVIEW_VIEW_TYPE = 'pathway.preview';

/** The step whose lines hold `line`, if any. */
export function stepAt(steps: readonly PreviewStep[], line: number): PreviewStep | undefined {
  return steps.find((step) => step.line <= line && line <= step.endLine);
}

/**
 * A flowchart of one pathway document in one webview panel, the preview's page: the step under
 * the editor's cursor highlighted, a click on a step shown in the editor, export on request.
 */
export abstract class FlowchartPanel<R extends PreviewPicture> extends PathwayPanel<
  R,
  ToWebviewMessage,
  FromWebviewMessage
> {
  private highlighted: string | undefined;
  /** The `use` of each `pathway` step of the picture shown, by step id. */
  private uses = new Map<string, string>();

  constructor(
    panel: vscode.WebviewPanel,
    uri: vscode.Uri,
    host: PanelHost,
    spec: Pick<PanelSpec<R, FromWebviewMessage>, 'title' | 'ask'>,
  ) {
    super(panel, uri, host, {
      ...spec,
      page: 'preview',
      pageTitle: baseName(uri),
      accepts: ['ready', 'reveal', 'export', 'saveScenario', 'clearRoute', 'openPathway'],
    });
    this.own(
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
  }

  protected messageFor(result: R): RenderMessage {
    this.uses = new Map(
      result.walk.steps.flatMap((step) => (step.uses ? [[step.id, step.uses.file]] : [])),
    );
    return {
      type: 'render',
      source: this.source,
      version: result.version,
      title: result.title || baseName(this.uri),
      svg: result.svg,
      walk: result.walk,
    };
  }

  protected override onShown(): void {
    this.highlightLine(editorOf(this.uri)?.selection.active.line, true);
  }

  protected async onMessage(
    message: Exclude<FromWebviewMessage, { type: 'ready' }>,
  ): Promise<void> {
    switch (message.type) {
      case 'reveal':
        await this.revealStep(message.stepId);
        break;
      case 'export':
        await this.export(message.format);
        break;
      case 'saveScenario':
        await this.saveScenario(message.scenario);
        break;
      case 'clearRoute':
        this.routeCleared?.();
        break;
      case 'openPathway':
        await this.openUsedPathway(message.stepId);
        break;
    }
  }

  /** Opens the preview of the pathway a sub-pathway's box uses, from the document's folder. */
  private async openUsedPathway(stepId: string): Promise<void> {
    const use = this.uses.get(stepId);
    if (use === undefined) return;
    const target = usedPathwayUri(this.uri, use);
    if (typeof target === 'string') {
      void vscode.window.showErrorMessage(`Cannot open the sub-pathway: ${target}`);
      return;
    }
    try {
      await vscode.workspace.fs.stat(target);
    } catch {
      void vscode.window.showErrorMessage(
        `Cannot open the sub-pathway: “${use}” names no file in the pathway’s folder. Correct the “use” of “${stepId}”.`,
      );
      return;
    }
    await vscode.commands.executeCommand('pathway.showPreviewToSide', target);
  }

  /** The editor's cursor is on `line` of the document (undefined: no editor shows it). */
  protected cursorMoved?(line: number | undefined): void;

  /** The reader cleared the scenario's route shown on the chart. */
  protected routeCleared?(): void;

  private isMine(document: vscode.TextDocument): boolean {
    return document.uri.toString() === this.source;
  }

  private highlightLine(line: number | undefined, always = false): void {
    this.cursorMoved?.(line);
    const stepId = line === undefined ? undefined : stepAt(this.steps, line)?.id;
    if (stepId === this.highlighted && !always) return;
    this.highlighted = stepId;
    void this.post({ type: 'highlight', source: this.source, stepId });
  }

  private async saveScenario(scenario: ScenarioDraft): Promise<void> {
    try {
      await saveScenarioIn(this.uri, this.panel, await this.host.client(), scenario);
    } catch (error) {
      void vscode.window.showErrorMessage(
        `Cannot save the walk as a scenario: ${messageOf(error)}`,
      );
    }
  }

  /** Asks the server for the standalone picture and saves it where the user says. */
  private async export(format: PictureFormat): Promise<void> {
    try {
      const client = await this.host.client();
      const picture = await client.sendRequest(RenderRequest, { uri: this.source, format });
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
}

/**
 * Writes the walk into the document as a new scenario (the server makes the text and checks
 * that it passes), then shows the new scenario with its id selected, ready to be renamed.
 * The document is edited, not saved: the author saves it, or undoes the insertion.
 */
async function saveScenarioIn(
  uri: vscode.Uri,
  panel: vscode.WebviewPanel,
  client: LanguageClient,
  scenario: ScenarioDraft,
): Promise<void> {
  // Opened first, so that the server holds the document when it is asked.
  const document = await vscode.workspace.openTextDocument(uri);
  const result = await client.sendRequest(SaveScenarioRequest, { uri: uri.toString(), scenario });
  if (isFailure(result)) {
    void vscode.window.showErrorMessage(result.error);
    return;
  }
  if (document.version !== result.version) {
    void vscode.window.showErrorMessage(
      'The file changed while the scenario was being written. Save the walk as a scenario again.',
    );
    return;
  }
  const position = (p: { line: number; character: number }): vscode.Position =>
    new vscode.Position(p.line, p.character);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, position(result.edit.range.start), result.edit.newText);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('The scenario could not be written into the file.');
    return;
  }
  const selection = new vscode.Range(position(result.idRange.start), position(result.idRange.end));
  const viewColumn =
    editorOf(uri)?.viewColumn ??
    (panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn,
    selection,
    preview: false,
  });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * The live preview of a pathway document, opened by its command or restored after a reload.
 * It shows a scenario's route: the one the cursor is in, or the one last run alone.
 */
export class PreviewPanel extends FlowchartPanel<PreviewPicture> {
  private readonly route: PreviewRoute;

  constructor(panel: vscode.WebviewPanel, uri: vscode.Uri, host: PanelHost) {
    super(panel, uri, host, {
      title: `Preview ${baseName(uri)}`,
      ask: (client) => client.sendRequest(PreviewRequest, { uri: uri.toString() }),
    });
    this.route = new PreviewRoute(
      async () => (await host.client()).sendRequest(ScenariosRequest, { uri: uri.toString() }),
      (scenario) => {
        void this.post({ type: 'route', source: this.source, scenario }).then((delivered) => {
          if (delivered) host.routed?.(uri, scenario);
        });
      },
    );
  }

  /** A scenario of the document was run alone: its route is shown. */
  showRun(scenario: ScenarioInfo): void {
    this.route.ran(scenario);
  }

  protected override onShown(): void {
    super.onShown();
    // Each new picture (and a reloaded page) gets the scenarios of its version.
    void this.route.refresh();
  }

  protected override cursorMoved(line: number | undefined): void {
    this.route.cursorAt(line);
  }

  protected override routeCleared(): void {
    this.route.cleared();
  }
}
