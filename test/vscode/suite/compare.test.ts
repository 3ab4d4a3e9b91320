// "Compare Pathway with…" in real VS Code: comparing the example with an edited copy (another
// file, given to the command instead of picked in the dialog) opens the preview in compare
// mode, and a click on a change in its list (simulated through the extension's test hook)
// selects the step in the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, WAIT_MS, fileIn, openChecked } from './helpers';

interface CompareApi {
  readonly preview: {
    readonly onDidRender: vscode.Event<{ uri: string; version: number }>;
    simulateCompareMessage(
      uri: vscode.Uri,
      message: { type: 'reveal'; source: string; stepId: string },
    ): Promise<void>;
  };
}

function api(): CompareApi {
  const extension = vscode.extensions.getExtension<CompareApi>(EXTENSION_ID);
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

function compareTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) =>
        tab.input instanceof vscode.TabInputWebview &&
        tab.input.viewType.includes('pathway.compare'),
    );
}

describe('Compare Pathway with… in VS Code', function () {
  this.timeout(60_000);
  const uri = fileIn('compare', 'brlp-compare.pathway.yaml');
  const older = fileIn('compare', 'brlp-older.pathway.yaml');
  let document: vscode.TextDocument;

  before(async () => {
    const source = await vscode.workspace.fs.readFile(fileIn('brlp-manipulation.pathway.yaml'));
    const text = new TextDecoder().decode(source);
    await vscode.workspace.fs.writeFile(uri, source);
    // The older version: hea-alone was graded differently, and the 12-week review decided
    // differently.
    const edited = text
      .replace(/(hea-alone:[\s\S]*?certainty: )low/, '$1moderate')
      .replace('Review leg pain, back pain', 'Review pain');
    assert.notEqual(edited, text);
    await vscode.workspace.fs.writeFile(older, new TextEncoder().encode(edited));
    document = await openChecked(uri);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the compare view, drawn, with its changes; a change reveals its step', async () => {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        listener.dispose();
        reject(new Error(`timed out after ${WAIT_MS} ms waiting for the comparison`));
      }, WAIT_MS);
      const listener = api().preview.onDidRender((event) => {
        if (event.uri !== uri.toString() || event.version !== document.version) return;
        clearTimeout(timer);
        listener.dispose();
        resolve();
      });
      vscode.commands
        .executeCommand('pathway.compareWith', uri, { file: older })
        .then(undefined, (error: unknown) => {
          clearTimeout(timer);
          listener.dispose();
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
    assert.deepEqual(
      compareTabs().map((tab) => tab.label),
      ['Compare brlp-compare with brlp-older.pathway.yaml'],
    );

    await api().preview.simulateCompareMessage(uri, {
      type: 'reveal',
      source: uri.toString(),
      stepId: 'hea-alone',
    });
    const editor = vscode.window.visibleTextEditors.find(
      (e) => e.document.uri.toString() === uri.toString(),
    );
    assert.ok(editor);
    assert.equal(editor.document.getText(editor.selection), 'hea-alone');
  });
});
