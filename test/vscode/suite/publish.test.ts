// "Publish Pathways…" in real VS Code: the command publishes the workspace (a copy of the
// examples) to the folder it is given, with the same site `pathway publish` writes, and says
// how it went: published, published with problems (the flawed example has errors), or not.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { workspaceFolder } from './helpers';

interface Outcome {
  readonly status: number;
  readonly index?: vscode.Uri;
  readonly message: string;
  readonly progress: readonly string[];
}

function publish(request: object): Thenable<Outcome | undefined> {
  return vscode.commands.executeCommand<Outcome | undefined>('pathway.publish', request);
}

describe('Publish Pathways…', function () {
  // A child process publishes five pathways; a loaded machine takes its time.
  this.timeout(120_000);
  const made: string[] = [];
  after(() => {
    for (const folder of made) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('writes the site of the workspace and points at its index', async () => {
    const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-site-')), 'site');
    made.push(path.dirname(output));
    const outcome = await publish({ output, open: false });
    assert.ok(outcome, 'the command answers');
    // The workspace holds the flawed example, whose errors make the publish say so (status 1).
    assert.equal(outcome.status, 1, outcome.message);
    assert.equal(outcome.index?.fsPath, path.join(output, 'index.html'));
    // The notification counted the files as they were published, to the last.
    assert.match(outcome.progress.at(-1) ?? '', /^(\d+) of \1 files$/, outcome.progress.join('; '));
    const index = fs.readFileSync(path.join(output, 'index.html'), 'utf8');
    const examples = fs
      .readdirSync(workspaceFolder().fsPath)
      .filter((name) => name.endsWith('.pathway.yaml'));
    assert.ok(examples.length >= 5, 'the workspace has the examples');
    for (const name of examples) {
      const text = fs.readFileSync(path.join(workspaceFolder().fsPath, name), 'utf8');
      const title = /^title: (.*)$/m.exec(text)?.[1]?.replace(/^"|"$/g, '');
      assert.ok(title, `${name} has a title`);
      const shown = title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      assert.ok(index.includes(shown), `the index lists "${title}"`);
    }
    assert.ok(fs.existsSync(path.join(output, 'assets', 'site.js')), 'the page script is there');
    assert.ok(fs.existsSync(path.join(output, 'references.html')), 'the references page is there');
  });

  it('says why when it cannot publish, and writes nothing', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-site-'));
    made.push(parent);
    const output = path.join(parent, 'not-a-site');
    fs.mkdirSync(output);
    fs.writeFileSync(path.join(output, 'notes.txt'), 'keep me');
    const outcome = await publish({ output, open: false });
    assert.equal(outcome?.status, 2);
    assert.match(outcome.message, /not-a-site/, 'the message names the folder it refused');
    assert.deepEqual(fs.readdirSync(output), ['notes.txt'], 'the folder is left as it was');
  });
});
