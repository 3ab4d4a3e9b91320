// "Compare Pathway with…" in real VS Code: comparing the example with an edited copy (another
// file, given to the command instead of picked in the dialog) opens the preview in compare
// mode, and a click on a change in its list (simulated through the extension's test hook)
// selects the step in the editor. Comparing with HEAD in a git repository reads the old
// version through VS Code's Git extension; a revision git would take as an option is refused.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, fileIn, openChecked, WAIT_MS } from './helpers';

interface CompareApi {
  readonly preview: {
    readonly onDidRender: vscode.Event<{ uri: string; version: number }>;
    simulateCompareMessage(
      uri: vscode.Uri,
      message: { type: 'reveal'; source: string; stepId: string },
    ): Promise<void>;
  };
}

const api = (): CompareApi => extensionApi<CompareApi>();

function compareTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) =>
        tab.input instanceof vscode.TabInputWebview &&
        tab.input.viewType.includes('pathway.compare'),
    );
}

/** Runs the command and waits until the comparison of `document` is drawn. */
function compareDrawn(
  document: vscode.TextDocument,
  target: { file: vscode.Uri } | { revision: string },
): Promise<void> {
  const uri = document.uri;
  return new Promise<void>((resolve, reject) => {
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
    vscode.commands.executeCommand<string | undefined>('pathway.compareWith', uri, target).then(
      (message) => {
        if (message === undefined) return;
        clearTimeout(timer);
        listener.dispose();
        reject(new Error(message));
      },
      (error: unknown) => {
        clearTimeout(timer);
        listener.dispose();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
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
    await compareDrawn(document, { file: older });
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

describe('Compare Pathway with HEAD in VS Code (through the Git extension)', function () {
  this.timeout(60_000);
  const folder = fileIn('compare-git');
  const uri = fileIn('compare-git', 'guideline.pathway.yaml');
  let document: vscode.TextDocument;

  before(async () => {
    const git = vscode.extensions.getExtension('vscode.git');
    assert.ok(git, 'VS Code ships its Git extension, enabled');
    const text = fs.readFileSync(fileIn('brlp-manipulation.pathway.yaml').fsPath, 'utf8');
    const edited = text.replace('Review leg pain, back pain', 'Review pain');
    assert.notEqual(edited, text);
    fs.mkdirSync(folder.fsPath, { recursive: true });
    fs.writeFileSync(uri.fsPath, text);
    const run = (...args: string[]): void => {
      execFileSync(
        'git',
        [
          '-c',
          'user.name=Test',
          '-c',
          'user.email=test@example.org',
          '-c',
          'commit.gpgsign=false',
        ].concat(args),
        { cwd: folder.fsPath, stdio: 'pipe' },
      );
    };
    run('init', '-q');
    run('add', 'guideline.pathway.yaml');
    run('commit', '-q', '-m', 'first');
    // The file as it is now differs from HEAD.
    fs.writeFileSync(uri.fsPath, edited);
    document = await openChecked(uri);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Compare with HEAD opens the compare view against the committed version', async () => {
    await compareDrawn(document, { revision: 'HEAD' });
    assert.deepEqual(
      compareTabs().map((tab) => tab.label),
      ['Compare guideline with HEAD'],
    );
  });

  it('a revision git would take as an option is refused with a message, and nothing is written', async () => {
    const loot = path.join(folder.fsPath, 'written-by-git');
    for (const revision of [
      `--output=${loot}`,
      `-o${loot}`,
      '--ext-diff',
      `HEAD\n--output=${loot}`,
      'HEAD:other.yaml',
    ]) {
      const message = await vscode.commands.executeCommand<string | undefined>(
        'pathway.compareWith',
        uri,
        { revision },
      );
      assert.match(
        message ?? '',
        /^Cannot read the version to compare with: A git revision (never starts with "-"|cannot hold)/,
        JSON.stringify(revision),
      );
    }
    assert.deepEqual(
      fs.readdirSync(folder.fsPath).filter((name) => name.startsWith('written-by-git')),
      [],
    );
  });

  it('a revision the repository lacks, or a file outside any repository: says which', async () => {
    const missing = await vscode.commands.executeCommand<string | undefined>(
      'pathway.compareWith',
      uri,
      { revision: 'no-such-branch' },
    );
    assert.match(
      missing ?? '',
      /^Cannot read the version to compare with: "guideline\.pathway\.yaml" has no version at no-such-branch: /,
    );
    const outside = fileIn('brlp-manipulation.pathway.yaml');
    await openChecked(outside);
    const notInGit = await vscode.commands.executeCommand<string | undefined>(
      'pathway.compareWith',
      outside,
      { revision: 'HEAD' },
    );
    assert.equal(
      notInGit,
      'Cannot read the version to compare with: "brlp-manipulation.pathway.yaml" is not in a git repository that VS Code has open. Compare it with another file instead.',
    );
  });
});
