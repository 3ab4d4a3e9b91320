// The flowchart preview in real VS Code: the command opens one webview per document, an edit
// redraws it, and a click on a node (simulated through the extension's test hook, and a real
// one made by the launcher inside the webview's frame) reveals the step in the editor.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  diagnosticsWhen,
  eventWhen,
  extensionApi,
  fileIn,
  openChecked,
  restore,
  WAIT_MS,
} from './helpers';

/** The preview part of the extension's exported API (client/src/extension.ts). */
interface PreviewApi {
  readonly preview: {
    readonly onDidRender: vscode.Event<{ uri: string; version: number }>;
    simulateWebviewMessage(
      uri: vscode.Uri,
      message: { type: 'reveal'; source: string; stepId: string },
    ): Promise<void>;
  };
}

const RESULTS = path.resolve(__dirname, '..', '..', '..', '..', 'test-results');

const api = (): PreviewApi => extensionApi<PreviewApi>();

/** The preview tabs open (VS Code shows them a moment after the panel is made). */
function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) =>
        tab.input instanceof vscode.TabInputWebview &&
        tab.input.viewType.includes('pathway.preview'),
    );
}

async function pollTabs(accept: (tabs: vscode.Tab[]) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!accept(previewTabs())) {
    if (Date.now() > deadline) {
      const seen = previewTabs().map((t) => t.label);
      throw new Error(`timed out waiting for ${what}; preview tabs: ${JSON.stringify(seen)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function selectedText(editor: vscode.TextEditor | undefined): string | undefined {
  return editor?.document.getText(editor.selection);
}

describe('the flowchart preview in VS Code', function () {
  this.timeout(60_000);
  // Beside the example, so that the files it names (its screen, its references) are found.
  const uri = fileIn('brlp-preview.pathway.yaml');
  let document: vscode.TextDocument;
  let original: string;

  before(async () => {
    await vscode.workspace.fs.copy(fileIn('brlp-manipulation.pathway.yaml'), uri, {
      overwrite: true,
    });
    document = await openChecked(uri);
    original = document.getText();
    // Its screen and its references are found, so the picture shows no finding.
    await diagnosticsWhen(uri, (found) => found.length === 0, 'the copy checked clean');
  });

  after(async () => {
    await restore(document, original);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);
  });

  it('Open Preview to the Side opens one webview for the document, drawn', async () => {
    const rendered = await eventWhen(
      api().preview.onDidRender,
      (event) => event.uri === uri.toString(),
      'the first picture',
      () => vscode.commands.executeCommand('pathway.showPreviewToSide'),
    );
    assert.equal(rendered.version, document.version);
    await pollTabs((tabs) => tabs.length === 1, 'the preview tab');
    assert.equal(previewTabs()[0]?.label, 'Preview brlp-preview');

    // Asked again for the same document, the command shows the same panel.
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('pathway.showPreviewToSide', uri);
    await pollTabs((tabs) => tabs.length === 1, 'still one preview tab');
  });

  it('an edit redraws it, at the new version', async () => {
    const edit = new vscode.WorkspaceEdit();
    const at = document.getText().indexOf('title: How long has the leg pain');
    assert.ok(at > 0);
    edit.insert(uri, document.positionAt(at + 'title: '.length), 'Screened — ');
    const rendered = await eventWhen(
      api().preview.onDidRender,
      (event) => event.uri === uri.toString() && event.version === document.version,
      'the picture of the edited version',
      () => vscode.workspace.applyEdit(edit),
    );
    assert.ok(rendered.version > 1);
    // Back as it was, and drawn so.
    await eventWhen(
      api().preview.onDidRender,
      (event) => event.uri === uri.toString() && event.version === document.version,
      'the picture of the restored text',
      () => restore(document, original),
    );
  });

  it('typing fast: throttled redraws, in order, ending at the last version', async () => {
    const versions: number[] = [];
    const listener = api().preview.onDidRender((event) => {
      if (event.uri === uri.toString()) versions.push(event.version);
    });
    try {
      const at = document.getText().indexOf('title: How long has the leg pain');
      assert.ok(at > 0);
      const typed = ' (weeks)';
      await eventWhen(
        api().preview.onDidRender,
        (event) => event.uri === uri.toString() && event.version === document.version,
        'the picture of the last keystroke',
        async () => {
          const end = document.lineAt(document.positionAt(at).line).range.end;
          for (const [i, character] of [...typed].entries()) {
            const edit = new vscode.WorkspaceEdit();
            edit.insert(uri, end.translate(0, i), character);
            await vscode.workspace.applyEdit(edit);
          }
        },
      );
      assert.ok(versions.length < typed.length, `one picture per keystroke: ${versions.join()}`);
      assert.deepEqual(
        versions,
        [...versions].sort((a, b) => a - b),
        'never an older picture after a newer one',
      );
    } finally {
      listener.dispose();
      await restore(document, original);
    }
  });

  it('a click on a node reveals and selects the step’s id in the editor', async () => {
    await api().preview.simulateWebviewMessage(uri, {
      type: 'reveal',
      source: uri.toString(),
      stepId: 'hea-alone',
    });
    const editor = vscode.window.visibleTextEditors.find(
      (e) => e.document.uri.toString() === uri.toString(),
    );
    assert.equal(selectedText(editor), 'hea-alone');
    assert.match(
      editor?.document.lineAt(editor.selection.start.line).text ?? '',
      /^ {2}hea-alone:/,
    );

    // A message about another document is stale: nothing moves.
    await api().preview.simulateWebviewMessage(uri, {
      type: 'reveal',
      source: 'file:///elsewhere.pathway.yaml',
      stepId: 'duration',
    });
    assert.equal(selectedText(editor), 'hea-alone');
  });

  it('a real click inside the webview reveals the step (launcher)', async function () {
    if (process.env['PATHWAY_TEST_LAUNCHER'] !== '1') this.skip();
    // The cursor in the step brings its node into the preview's view (and highlights it).
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.One,
      preserveFocus: false,
    });
    const idLine = document.positionAt(document.getText().indexOf('\n  duration:') + 1).line;
    editor.selection = new vscode.Selection(idLine + 1, 4, idLine + 1, 4);
    const selection = await eventWhen(
      vscode.window.onDidChangeTextEditorSelection,
      (event) =>
        event.textEditor.document.uri.toString() === uri.toString() &&
        selectedText(event.textEditor) === 'duration',
      'the launcher’s click on the "duration" node to select it in the editor',
      () => {
        // The launcher (test/vscode/code-server-launcher.js) clicks in the webview's frame.
        console.log(
          `[launcher] ${JSON.stringify({ action: 'click', selector: 'g.node[data-step="duration"]' })}`,
        );
        return Promise.resolve();
      },
    );
    assert.equal(selection.textEditor.selection.start.line, idLine);
    // A picture of the window for a person to look at; the launcher writes it.
    const screenshot = path.join(RESULTS, 'vscode-preview.png');
    fs.rmSync(screenshot, { force: true });
    console.log(`[launcher] ${JSON.stringify({ action: 'screenshot', path: screenshot })}`);
    const deadline = Date.now() + WAIT_MS;
    while (!fs.existsSync(screenshot) || fs.statSync(screenshot).size === 0) {
      if (Date.now() > deadline) throw new Error(`the launcher wrote no ${screenshot}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
