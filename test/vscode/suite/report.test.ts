// The audit report in real VS Code: the command opens one webview beside the editor with the
// report, an edit rewrites it, and a click on a step's name (simulated through the
// extension's test hook) selects the step's id in the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, fileIn, openChecked, restore, WAIT_MS } from './helpers';

/** The audit report part of the extension's exported API (client/src/extension.ts). */
interface ReportApi {
  readonly report: {
    readonly onDidRender: vscode.Event<{ uri: string; version: number }>;
    simulateWebviewMessage(
      uri: vscode.Uri,
      message: { type: 'reveal'; source: string; stepId: string },
    ): Promise<void>;
  };
}

const api = (): ReportApi => extensionApi<ReportApi>();

/** Resolves when a report of `uri` at the document's current version reaches the webview. */
function reportShown(
  uri: vscode.Uri,
  version: () => number,
  what: string,
  trigger: () => Thenable<unknown>,
): Promise<void> {
  const seen: number[] = [];
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(
        new Error(
          `timed out after ${WAIT_MS} ms waiting for ${what} (version ${version()}); reports shown: ${seen.join() || 'none'}`,
        ),
      );
    }, WAIT_MS);
    const listener = api().report.onDidRender((event) => {
      if (event.uri === uri.toString()) seen.push(event.version);
      if (event.uri !== uri.toString() || event.version !== version()) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
    trigger().then(undefined, (error: unknown) => {
      clearTimeout(timer);
      listener.dispose();
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) =>
        tab.input instanceof vscode.TabInputWebview &&
        tab.input.viewType.includes('pathway.report'),
    );
}

describe('the audit report in VS Code', function () {
  this.timeout(60_000);
  const uri = fileIn('report', 'brlp-report.pathway.yaml');
  let document: vscode.TextDocument;
  let original: string;

  before(async () => {
    await vscode.workspace.fs.copy(fileIn('brlp-manipulation.pathway.yaml'), uri, {
      overwrite: true,
    });
    document = await openChecked(uri);
    original = document.getText();
  });

  after(async () => {
    await restore(document, original);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Open Audit Report shows the report beside the editor, and rewrites it on edit', async () => {
    await reportShown(
      uri,
      () => document.version,
      'the first report',
      () => vscode.commands.executeCommand('pathway.showAuditReport'),
    );
    assert.deepEqual(
      reportTabs().map((tab) => tab.label),
      ['Audit brlp-report'],
    );
    const edit = new vscode.WorkspaceEdit();
    edit.insert(
      uri,
      document.positionAt(document.getText().indexOf('How long has the leg pain')),
      'Screened — ',
    );
    await reportShown(
      uri,
      () => document.version,
      'the report of the edited text',
      () => vscode.workspace.applyEdit(edit),
    );
    await restore(document, original);
  });

  it('a click on a step’s name selects the step’s id in the editor', async () => {
    await api().report.simulateWebviewMessage(uri, {
      type: 'reveal',
      source: uri.toString(),
      stepId: 'smt-plus-hea',
    });
    const editor = vscode.window.visibleTextEditors.find(
      (e) => e.document.uri.toString() === uri.toString(),
    );
    assert.ok(editor);
    assert.equal(editor.document.getText(editor.selection), 'smt-plus-hea');
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /^ {2}smt-plus-hea:/);
  });
});
