// Save as scenario in real VS Code: the preview's message (simulated through the extension's
// test hook) writes the walk into the document as a new scenario, after the last one, with
// nothing else of the file touched; the new id is selected in the editor, and the checker
// finds the scenario passing. A walk the facts would not take is refused, the file untouched.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  describe as describeDiagnostics,
  diagnosticsWhen,
  extensionApi,
  previewDrawn,
  fileIn,
  openChecked,
  pathwayDiagnostics,
  restore,
} from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SOURCE = path.join(ROOT, 'test', 'inputs', 'walk-facts.pathway.yaml');

interface Draft {
  readonly end: string;
  readonly facts: readonly { readonly input: string; readonly values: readonly unknown[] }[];
  readonly choose: readonly { readonly decision: string; readonly to: string }[];
}

/** The preview part of the extension's exported API (client/src/extension.ts). */
interface PreviewApi {
  readonly preview: {
    readonly onDidRender: vscode.Event<{ uri: string; version: number }>;
    simulateWebviewMessage(
      uri: vscode.Uri,
      message: { type: 'saveScenario'; source: string; scenario: Draft },
    ): Promise<void>;
  };
}

const api = (): PreviewApi => extensionApi<PreviewApi>();

describe('Save as scenario in VS Code', function () {
  this.timeout(60_000);
  const uri = fileIn('preview', 'walk-facts.pathway.yaml');
  let document: vscode.TextDocument;
  let original: string;

  before(async () => {
    await vscode.workspace.fs.writeFile(uri, fs.readFileSync(SOURCE));
    document = await openChecked(uri);
    original = document.getText();
    await previewDrawn(uri, () => vscode.commands.executeCommand('pathway.showPreviewToSide', uri));
  });

  after(async () => {
    await restore(document, original);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);
  });

  const save = (scenario: Draft): Promise<void> =>
    api().preview.simulateWebviewMessage(uri, {
      type: 'saveScenario',
      source: uri.toString(),
      scenario,
    });

  it('writes the walk after the last scenario, selects its id, and the checker finds it passing', async () => {
    assert.equal(describeDiagnostics(pathwayDiagnostics(uri)), 'none');
    const scenario: Draft = {
      end: 'specialist',
      facts: [
        { input: 'red-flag', values: [false] },
        { input: 'weeks', values: [8] },
        { input: 'pain', values: [5.5] },
        { input: 'response', values: ['worse'] },
      ],
      choose: [{ decision: 'preference', to: 'classes' }],
    };
    // The checker runs the new scenario with the others: it passes, no finding.
    let saved: Promise<void> | undefined;
    await diagnosticsWhen(
      uri,
      (diagnostics) => diagnostics.length === 0,
      'the findings of the file with the new scenario',
      () => (saved = save(scenario)),
    );
    // The findings may come before the editor shows the scenario.
    await saved;
    const text = document.getText();
    assert.ok(text.startsWith(original), 'the file as it was, then the new scenario');
    assert.equal(
      text.slice(original.length),
      [
        '',
        '  walk-to-specialist:',
        '    title: "Walked through to “Specialist spinal opinion”"',
        '    facts:',
        '      red-flag: false',
        '      weeks: 8',
        '      pain: 5.5',
        '      response: worse',
        '    choose:',
        '      preference: classes',
        '    expect:',
        '      end: specialist',
        '',
      ].join('\n'),
    );
    assert.ok(document.isDirty, 'edited, for the author to save');
    // Shown in the editor with its id selected, ready to be renamed.
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    assert.equal(editor.document.getText(editor.selection), 'walk-to-specialist');
  });

  it('refuses a walk its facts would not take, and leaves the file as it was', async () => {
    const before = document.getText();
    const version = document.version;
    await save({
      end: 'urgent',
      facts: [{ input: 'red-flag', values: [false] }],
      choose: [],
    });
    assert.equal(document.version, version);
    assert.equal(document.getText(), before);
  });
});
