import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeOf,
  describe as describeDiagnostics,
  diagnosticsWhen,
  EXTENSION_ID,
  fileIn,
  pathwayDiagnostics,
  workspaceFolder,
} from './helpers';

/** The tabs, in every editor group, that show a file of this name. */
function tabsNamed(name: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.path.endsWith(`/${name}`),
    );
}

/** Resolves once `holds` is true, checking whenever the tabs or the active editor change. */
function until(holds: () => boolean, what: string): Promise<void> {
  if (holds()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!holds()) return;
      clearTimeout(timer);
      for (const listener of listeners) listener.dispose();
      resolve();
    };
    const listeners: vscode.Disposable[] = [
      vscode.window.tabGroups.onDidChangeTabs(check),
      vscode.window.onDidChangeActiveTextEditor(check),
    ];
    const timer = setTimeout(() => {
      for (const listener of listeners) listener.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, 15_000);
  });
}

describe('getting started', function () {
  this.timeout(30_000);

  it('every step of the walkthrough has its page, and each link runs a command that exists', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const manifest = extension.packageJSON as {
      contributes: {
        walkthroughs: {
          steps: { title: string; description: string; media: { markdown: string } }[];
        }[];
      };
    };
    const steps = manifest.contributes.walkthroughs[0]?.steps ?? [];
    assert.deepEqual(
      steps.map((step) => step.title),
      [
        'Open an example pathway',
        'Write, and let the checks follow',
        'See the flowchart',
        'Walk a patient through',
        'Review it as a panel would',
      ],
    );
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const step of steps) {
      await vscode.workspace.fs.stat(
        vscode.Uri.joinPath(extension.extensionUri, step.media.markdown),
      );
      const links = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.ok(links.length > 0, `${step.title} has a link to try`);
      for (const command of links) assert.ok(commands.has(command!), `${command} exists`);
      assert.doesNotMatch(step.description, /\bCI\b|SARIF|pathway check/, 'no command-line jargon');
    }
  });

  it('"Open an Example Pathway" opens the folder’s own copy once, checked and clean', async () => {
    const name = 'brlp-manipulation.pathway.yaml';
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('pathway.openExample');
    const uri = editor.document.uri;
    assert.equal(uri.toString(), fileIn(name).toString(), 'the open folder’s file, not a copy');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    // A second click shows the same tab again.
    await vscode.commands.executeCommand('pathway.openExample');
    assert.equal(tabsNamed(name).length, 1, 'one tab of the example');

    // Break a link: the checks answer, so the example is live.
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

  it('opens a writable copy of a bundled example the folder does not have', async () => {
    const name = 'motor-skill-training.pathway.yaml';
    const original = fileIn(name);
    const aside = fileIn(`${name}.aside`);
    await vscode.workspace.fs.rename(original, aside);
    try {
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>(
        'pathway.openExample',
        name,
      );
      const uri = editor.document.uri;
      assert.equal(uri.scheme, 'file');
      assert.match(uri.path, /\/examples\/motor-skill-training\.pathway\.yaml$/);
      assert.ok(!uri.path.startsWith(workspaceFolder().path), 'a copy outside the open folder');
      assert.ok(!uri.path.includes('/extensions/'), 'not inside the installed extension');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.workspace.fs.rename(aside, original);
    }
  });

  it('a walkthrough link opens the preview of the pathway last in front of the user', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('pathway.openExample');
    const name = 'brlp-manipulation';
    assert.ok(editor.document.uri.path.endsWith(`/${name}.pathway.yaml`));
    await vscode.commands.executeCommand(
      'workbench.action.openWalkthrough',
      `${EXTENSION_ID}#gettingStarted`,
      false,
    );
    await until(() => vscode.window.activeTextEditor === undefined, 'the walkthrough in front');
    const previewTab = (): vscode.Tab | undefined =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.includes(name));
    assert.equal(previewTab(), undefined, 'no preview yet');
    await vscode.commands.executeCommand('pathway.showPreviewToSide');
    await until(() => previewTab() !== undefined, `the preview of ${name}`);
    await vscode.window.tabGroups.close(previewTab()!);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('refuses a name that is not a bundled example', async () => {
    const opened = await vscode.commands.executeCommand<vscode.TextEditor | undefined>(
      'pathway.openExample',
      '../package.json',
    );
    assert.equal(opened, undefined);
  });
});
