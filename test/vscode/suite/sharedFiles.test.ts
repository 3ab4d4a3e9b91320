// Shared bibliographies in real VS Code: a rename of a reference in a references file renames
// every cite of it in the workspace's pathways, open or not, in one edit; and a pathway open in
// an editor is checked again when the references file it names changes on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, fileIn, openChecked, positionOf, writeSeen } from './helpers';

const PATHWAY = `pathway: 1
id: shared-lbp
title: Low back pain
version: "1"
bibliography:
  - shared/lbp.references.yaml
start: advice
steps:
  advice:
    kind: recommendation
    title: Advise staying active
    strength: strong
    certainty: moderate
    cite: [qaseem-2017]
    next: done
  done:
    kind: end
    title: Review at 6 weeks
`;

const OTHER = PATHWAY.replace('id: shared-lbp', 'id: shared-other');

const REFERENCES = `references:
  qaseem-2017:
    title: Noninvasive treatments for low back pain
    source: Ann Intern Med. 2017;166(7):514-530
`;

/** The line and character of the first `needle` in `text`. */
function at(text: string, needle: string): vscode.Position {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} not found`);
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return new vscode.Position(line, index - (before.lastIndexOf('\n') + 1));
}

describe('shared bibliographies in VS Code', () => {
  const folder = fileIn('shared-files-test');
  const pathway = vscode.Uri.joinPath(folder, 'lbp.pathway.yaml');
  const other = vscode.Uri.joinPath(folder, 'other.pathway.yaml');
  const references = vscode.Uri.joinPath(folder, 'shared', 'lbp.references.yaml');

  before(() =>
    writeSeen([
      [pathway, PATHWAY],
      [other, OTHER],
      [references, REFERENCES],
    ]),
  );

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(folder.fsPath, { recursive: true, force: true });
  });

  it('renames a reference of a references file in every pathway that cites it', async () => {
    const document = await openChecked(references);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      references,
      positionOf(document, /(qaseem-2017)/),
      'qaseem-2017a',
    );
    const changes = edit
      .entries()
      .map(([uri, edits]) => [
        uri.fsPath,
        edits.map((e) => [
          e.range.start.line,
          e.range.start.character,
          e.range.end.character,
          e.newText,
        ]),
      ])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const cite = at(PATHWAY, 'qaseem-2017');
    const key = at(REFERENCES, 'qaseem-2017');
    assert.deepEqual(
      changes,
      [
        [pathway.fsPath, [[cite.line, cite.character, cite.character + 11, 'qaseem-2017a']]],
        [other.fsPath, [[cite.line, cite.character, cite.character + 11, 'qaseem-2017a']]],
        [references.fsPath, [[key.line, key.character, key.character + 11, 'qaseem-2017a']]],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('checks an open pathway again when its references file changes on disk', async () => {
    await openChecked(pathway);
    await diagnosticsWhen(pathway, (found) => found.length === 0, 'no findings at first');

    const broken = await diagnosticsWhen(
      pathway,
      (found) => found.some((d) => codeOf(d) === 'unknown-reference'),
      'unknown-reference once the reference is gone from the file',
      () =>
        fs.promises.writeFile(
          references.fsPath,
          REFERENCES.replace('qaseem-2017:', 'qaseem-2018:'),
        ),
    );
    assert.equal(broken[0]?.range.start.line, at(PATHWAY, 'qaseem-2017').line);
    await diagnosticsWhen(
      pathway,
      (found) => found.length === 0,
      'no findings once the reference is back',
      () => fs.promises.writeFile(references.fsPath, REFERENCES),
    );
  });
});
