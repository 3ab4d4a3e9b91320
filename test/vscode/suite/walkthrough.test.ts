import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeOf,
  describe as describeDiagnostics,
  diagnosticsWhen,
  pathwayDiagnostics,
} from './helpers';

describe('getting started', function () {
  this.timeout(30_000);

  it('"Open an Example Pathway" opens a writable copy of a bundled example, checked and clean', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('pathway.openExample');
    const uri = editor.document.uri;
    assert.equal(uri.scheme, 'file');
    assert.match(uri.path, /examples\/brlp-manipulation\.pathway\.yaml$/);
    assert.ok(!uri.path.includes('/extensions/'), 'the copy is not inside the installed extension');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());

    // Break a link in the copy: the checks answer, so the example is live.
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((text) => /^\s+next: /.test(text));
    assert.ok(line >= 0);
    const target = editor.document.lineAt(line).text.replace(/^\s+next: /, '');
    await diagnosticsWhen(
      uri,
      (diagnostics) => diagnostics.some((d) => codeOf(d) === 'unknown-step'),
      'an unknown-step after breaking the example',
      () =>
        editor.edit((edit) =>
          edit.replace(
            new vscode.Range(
              line,
              editor.document.lineAt(line).text.length - target.length,
              line,
              editor.document.lineAt(line).text.length,
            ),
            `${target}-typo`,
          ),
        ),
    );
    await vscode.commands.executeCommand('undo');
    await diagnosticsWhen(uri, (diagnostics) => diagnostics.length === 0, 'clean again after undo');
    assert.equal(describeDiagnostics(pathwayDiagnostics(uri)), 'none');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
