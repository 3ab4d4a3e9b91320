// A sub-pathway's box in the preview, in real VS Code: picking it (the webview's openPathway
// message, through the extension's test hook) opens the used pathway's own preview, found from
// the document's folder and its `use`; a `use` that leads out of the workspace folder opens
// nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, previewDrawn, fileIn, openChecked } from './helpers';

interface PreviewApi {
  readonly preview: {
    readonly onDidRender: vscode.Event<{ uri: string; version: number }>;
    simulateWebviewMessage(
      uri: vscode.Uri,
      message: { type: 'openPathway'; source: string; stepId: string },
    ): Promise<void>;
  };
}

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const CASE = path.join(ROOT, 'test', 'fixtures-files', 'sub-pathway--ends-to-emergency');

const api = (): PreviewApi => extensionApi<PreviewApi>();

function previewTitles(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) =>
        tab.input instanceof vscode.TabInputWebview &&
        tab.input.viewType.includes('pathway.preview'),
    )
    .map((tab) => tab.label);
}

describe('a sub-pathway in the VS Code preview', function () {
  this.timeout(60_000);
  const uri = fileIn('sub-pathway', 'acute-lbp.pathway.yaml');
  const used = fileIn('sub-pathway', 'screens', 'red-flags.pathway.yaml');
  const outside = fileIn('sub-pathway', 'outside.pathway.yaml');
  // A pathway file that is there, but beside the workspace folder, not in it.
  const beside = vscode.Uri.joinPath(fileIn(), '..', 'outside-screen.pathway.yaml');

  before(async () => {
    const write = (target: vscode.Uri, text: string): Thenable<void> =>
      vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    await write(uri, fs.readFileSync(path.join(CASE, 'acute-lbp.pathway.yaml'), 'utf8'));
    await write(
      used,
      fs.readFileSync(path.join(CASE, 'screens', 'red-flags.pathway.yaml'), 'utf8'),
    );
    const text = fs.readFileSync(path.join(CASE, 'acute-lbp.pathway.yaml'), 'utf8');
    await write(
      beside,
      fs.readFileSync(path.join(CASE, 'screens', 'red-flags.pathway.yaml'), 'utf8'),
    );
    await write(
      outside,
      text.replace('use: screens/red-flags.pathway.yaml', 'use: ../../outside-screen.pathway.yaml'),
    );
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(fileIn('sub-pathway'), { recursive: true });
    await vscode.workspace.fs.delete(beside);
  });

  it('picking the box opens the used pathway’s own preview', async () => {
    await openChecked(uri);
    await previewDrawn(uri, () => vscode.commands.executeCommand('pathway.showPreviewToSide', uri));
    await previewDrawn(used, () =>
      api().preview.simulateWebviewMessage(uri, {
        type: 'openPathway',
        source: uri.toString(),
        stepId: 'screen',
      }),
    );
    assert.ok(
      previewTitles().some((title) => title.includes('red-flags')),
      `preview tabs: ${JSON.stringify(previewTitles())}`,
    );
  });

  it('a use that leads out of the workspace folder opens no preview', async () => {
    await openChecked(outside);
    await previewDrawn(outside, () =>
      vscode.commands.executeCommand('pathway.showPreviewToSide', outside),
    );
    const before = previewTitles().length;
    // Handled to the end (the message answered) with no new panel: refused before any file is read.
    await api().preview.simulateWebviewMessage(outside, {
      type: 'openPathway',
      source: outside.toString(),
      stepId: 'screen',
    });
    assert.equal(previewTitles().length, before);
  });
});
