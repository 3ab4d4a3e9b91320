// Faults in real VS Code: the language server process dies mid-session (killed, as a crash
// would end it) and the language client starts it again, with the diagnostics back and
// edits checked as before; a file over the size limit gets its one diagnostic.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import {
  codeOf,
  describe as describeDiagnostics,
  diagnosticsWhen,
  fileIn,
  open,
  openChecked,
  pathwayDiagnostics,
  positionOf,
  restore,
} from './helpers';

/**
 * The language server's process id: the client forks it from this extension host, so it is
 * the child of this process running dist/server.js.
 */
function serverPid(): number | undefined {
  const listing = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], {
    encoding: 'utf8',
  });
  for (const line of listing.split('\n')) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (match && /dist[\\/]server\.js/.test(match[2] ?? '')) return Number(match[1]);
  }
  return undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('faults in VS Code', function () {
  this.timeout(60_000);

  it('the server killed mid-session is restarted, and the diagnostics come back', async () => {
    const uri = fileIn('flawed', 'flawed.pathway.yaml');
    const document = await openChecked(uri);
    await diagnosticsWhen(uri, (ds) => ds.length === 23, 'the 23 findings of the flawed example');
    const before = serverPid();
    assert.ok(before, 'the language server runs as a child of the extension host');

    process.kill(before, 'SIGKILL');
    // The client notices the closed connection, starts a new server and opens the file in
    // it again; an edit then must be checked by that new server.
    const original = document.getText();
    try {
      const where = positionOf(document, /^\s+next: ([a-z][a-z0-9-]*)\s*$/m);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, where, 'zz');
      const after = await diagnosticsWhen(
        uri,
        (ds) =>
          ds.some(
            (d) => codeOf(d) === 'unknown-step' && document.getText(d.range).startsWith('zz'),
          ),
        'the findings of the edited file, from the restarted server',
        () => vscode.workspace.applyEdit(edit),
      );
      // The typo cuts off the rest of the pathway: its one diagnostic counts the steps.
      const typo = after.find(
        (d) => codeOf(d) === 'unknown-step' && document.getText(d.range).startsWith('zz'),
      );
      assert.match(typo?.message ?? '', /cannot be reached/, describeDiagnostics(after));
      const now = serverPid();
      assert.ok(now && now !== before, `a new server process (was ${before}, now ${now})`);
      assert.equal(isRunning(before), false, 'the killed process is gone');
    } finally {
      await restore(document, original);
    }
    await diagnosticsWhen(uri, (ds) => ds.length === 23, 'the 23 findings again, after the undo');
  });

  it('a file over the size limit gets file-too-large, and other files are still checked', async () => {
    const big = fileIn('notes', 'huge.pathway.yaml');
    const padding = `# ${'padding '.repeat(12)}\n`.repeat(112_000);
    await vscode.workspace.fs.writeFile(
      big,
      new TextEncoder().encode(`pathway: 1\nid: huge\n${padding}`),
    );
    try {
      const diagnostics = await diagnosticsWhen(
        big,
        (ds) => ds.length > 0,
        'file-too-large on the 10.7 MB file',
        () => open(big),
      );
      assert.deepEqual(diagnostics.map(codeOf), ['file-too-large']);
      assert.match(diagnostics[0]?.message ?? '', /too large to analyse.*10 MB/);
      // The server still answers for the other files.
      const other = fileIn('brlp-manipulation.pathway.yaml');
      await openChecked(other);
      assert.deepEqual(pathwayDiagnostics(other), []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(big);
    }
  });
});
