// Scenarios in real VS Code: a pathway with one passing and one failing scenario is run from
// the Test Explorer (VS Code's own Run Tests in Current File) and from its code lens, and the
// results a user sees are checked as the extension told them to VS Code: passed, and failed
// with the message at the broken expectation (expected and actual ends). The open preview
// shows the route of the scenario run alone, and of the one the cursor is in; a save runs
// the file's scenarios again. The tests share one editor and one preview of the file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventWhen, extensionApi, fileIn, openChecked, restore, WAIT_MS } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const RESULTS = path.join(ROOT, 'test-results');
const SOURCE = path.join(ROOT, 'test', 'inputs', 'scenarios', 'two-scenarios.pathway.yaml');

/** What a run told VS Code of one scenario (client/src/scenarios/report.ts). */
interface Outcome {
  readonly file: string;
  readonly id: string | undefined;
  readonly state: 'passed' | 'failed' | 'errored' | 'skipped';
  readonly message?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly line?: number;
}

interface ShownRoute {
  readonly id: string;
  readonly status: string;
  readonly steps: readonly string[];
}

/** The parts of the extension's exported API these tests use (client/src/extension.ts). */
interface ScenariosApi {
  readonly preview: {
    readonly onDidRender: vscode.Event<{ uri: string; version: number }>;
    readonly onDidShowRoute: vscode.Event<{ uri: string; route: ShownRoute | undefined }>;
    simulateWebviewMessage(
      uri: vscode.Uri,
      message: { type: 'clearRoute'; source: string },
    ): Promise<void>;
  };
  readonly scenarios: {
    readonly onDidEndRun: vscode.Event<{ readonly outcomes: readonly Outcome[] }>;
  };
}

const api = (): ScenariosApi => extensionApi<ScenariosApi>();

const FAILURE =
  'Scenario "unchanged-goes-home" should end at "self-management", but ends at "specialist". Route: "assess" → "triage" → "advice" → "review" → "after-review" → "specialist".';

describe('scenarios in the Test Explorer, code lenses and the preview', function () {
  this.timeout(60_000);
  const uri = fileIn('scenarios', 'two-scenarios.pathway.yaml');
  const key = uri.toString();
  let document: vscode.TextDocument;
  let original: string;

  /** The outcomes of the next run that reports on this file, after `trigger`. */
  async function nextRun(what: string, trigger: () => Thenable<unknown>): Promise<Outcome[]> {
    const record = await eventWhen(
      api().scenarios.onDidEndRun,
      (run) => run.outcomes.some((outcome) => outcome.file === key),
      what,
      trigger,
    );
    return record.outcomes.filter((outcome) => outcome.file === key);
  }

  /** The zero-based line of the first line matching `pattern` from the scenario `id` on. */
  function lineIn(id: string, pattern: RegExp): number {
    const lines = document.getText().split('\n');
    const from = lines.findIndex((line) => line === `  ${id}:`);
    assert.ok(from >= 0, id);
    const at = lines.findIndex((line, i) => i >= from && pattern.test(line));
    assert.ok(at >= 0, `${pattern} under ${id}`);
    return at;
  }

  before(async () => {
    await vscode.workspace.fs.writeFile(uri, fs.readFileSync(SOURCE));
    document = await openChecked(uri);
    original = document.getText();
    // The preview the routes are shown in, beside the editor.
    await eventWhen(
      api().preview.onDidRender,
      (event) => event.uri === key,
      'the preview’s first picture',
      () => vscode.commands.executeCommand('pathway.showPreviewToSide', uri),
    );
  });

  after(async () => {
    await restore(document, original);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Run Tests in Current File: one scenario passed, the other failed with its message at the broken end', async () => {
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const outcomes = await nextRun('the run of the file', () =>
      vscode.commands.executeCommand('testing.runCurrentFile'),
    );
    assert.deepEqual(
      outcomes.map((o) => [o.id, o.state]),
      [
        ['improves-with-classes', 'passed'],
        ['unchanged-goes-home', 'failed'],
      ],
    );
    const failed = outcomes[1];
    assert.equal(failed?.message, FAILURE);
    assert.equal(failed?.expected, 'self-management', 'the diff’s expected side');
    assert.equal(failed?.actual, 'specialist', 'the diff’s actual side');
    assert.equal(failed?.line, lineIn('unchanged-goes-home', /^ {6}end: self-management$/));
  });

  it('the code lens on a scenario says how it goes and runs it alone; the preview shows its route', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      uri,
    );
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
      [
        [lineIn('improves-with-classes', /^ {2}improves-with-classes:$/), '▶ Run · passes'],
        [lineIn('unchanged-goes-home', /^ {2}unchanged-goes-home:$/), '▶ Run · fails'],
      ],
    );

    const command = lenses[1]?.command;
    assert.ok(command);
    const shown = eventWhen(
      api().preview.onDidShowRoute,
      (event) => event.uri === key && event.route?.id === 'unchanged-goes-home',
      'the failing scenario’s route in the preview',
      () => Promise.resolve(),
    );
    const outcomes = await nextRun('the run of the lens’s scenario', () =>
      vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[])),
    );
    assert.deepEqual(
      outcomes.map((o) => [o.id, o.state, o.message]),
      [['unchanged-goes-home', 'failed', FAILURE]],
    );
    const { route } = await shown;
    assert.deepEqual(route?.steps, [
      'assess',
      'triage',
      'advice',
      'review',
      'after-review',
      'specialist',
    ]);
    assert.equal(route?.status, 'failed');

    // A picture of the window for a person to look at, the Test Explorer and the scenarios in
    // view; the launcher writes it.
    await vscode.commands.executeCommand('workbench.view.testing.focus');
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const top = lineIn('improves-with-classes', /^ {2}improves-with-classes:$/) - 1;
    editor.revealRange(new vscode.Range(top, 0, top, 0), vscode.TextEditorRevealType.AtTop);
    const screenshot = path.join(RESULTS, 'vscode-scenario-route.png');
    fs.rmSync(screenshot, { force: true });
    console.log(`[launcher] ${JSON.stringify({ action: 'screenshot', path: screenshot })}`);
    const deadline = Date.now() + WAIT_MS;
    while (!fs.existsSync(screenshot) || fs.statSync(screenshot).size === 0) {
      if (Date.now() > deadline) throw new Error(`the launcher wrote no ${screenshot}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('the cursor in a scenario’s block shows its route in the preview; out of the block clears it', async () => {
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const inside = lineIn('improves-with-classes', /^ {6}passes: \[classes\]$/);
    const entered = await eventWhen(
      api().preview.onDidShowRoute,
      (event) => event.uri === key && event.route?.id === 'improves-with-classes',
      'the route of the scenario under the cursor',
      () => {
        editor.selection = new vscode.Selection(inside, 8, inside, 8);
        return Promise.resolve();
      },
    );
    assert.deepEqual(entered.route?.steps, [
      'assess',
      'triage',
      'classes',
      'review',
      'after-review',
      'self-management',
    ]);
    await eventWhen(
      api().preview.onDidShowRoute,
      (event) => event.uri === key && event.route === undefined,
      'the route cleared',
      () => {
        editor.selection = new vscode.Selection(0, 0, 0, 0);
        return Promise.resolve();
      },
    );
  });

  it('a route the reader clears stays cleared while the cursor stays in its scenario', async () => {
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const first = lineIn('improves-with-classes', /^ {4}title: /);
    const move = (line: number) => () => {
      editor.selection = new vscode.Selection(line, 6, line, 6);
      return Promise.resolve();
    };
    await eventWhen(
      api().preview.onDidShowRoute,
      (event) => event.uri === key && event.route?.id === 'improves-with-classes',
      'the route of the scenario under the cursor',
      move(first),
    );
    // The Clear button in the preview, as its webview sends it.
    await api().preview.simulateWebviewMessage(uri, { type: 'clearRoute', source: key });
    // An edit redraws the preview and runs the scenarios again: the route stays cleared, the
    // cursor still in the scenario.
    const redrawn = await eventWhen(
      api().preview.onDidShowRoute,
      (event) => event.uri === key,
      'the route after the redraw',
      async () => {
        const edit = new vscode.WorkspaceEdit();
        edit.insert(uri, new vscode.Position(0, document.lineAt(0).text.length), ' (edited)');
        assert.ok(await vscode.workspace.applyEdit(edit));
      },
    );
    assert.equal(redrawn.route, undefined);
    // Moving within the cleared scenario shows nothing; the next route shown is the other
    // scenario's, once the cursor goes there.
    const next = await eventWhen(
      api().preview.onDidShowRoute,
      (event) => event.uri === key,
      'the next route shown',
      async () => {
        await move(first + 1)();
        await move(lineIn('unchanged-goes-home', /^ {4}facts: /))();
      },
    );
    assert.equal(next.route?.id, 'unchanged-goes-home');
  });

  it('Run All Tests runs a file no editor has open from the disk', async () => {
    const closed = fileIn('scenarios', 'on-disk.pathway.yaml');
    const text = fs
      .readFileSync(SOURCE, 'utf8')
      .replace(/(unchanged-goes-home:\n(?: {4}.*\n)*? {6}end: )self-management/, '$1specialist');
    assert.ok(text.includes('end: specialist'));
    await vscode.workspace.fs.writeFile(closed, new TextEncoder().encode(text));
    try {
      assert.ok(
        !vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()),
      );
      // Finds the workspace's pathway files again (the new one among them), then runs them all.
      await vscode.commands.executeCommand('testing.refreshTests');
      const record = await eventWhen(
        api().scenarios.onDidEndRun,
        (run) => run.outcomes.some((outcome) => outcome.file === closed.toString()),
        'the run of every file',
        () => vscode.commands.executeCommand('testing.runAll'),
      );
      assert.deepEqual(
        record.outcomes.filter((o) => o.file === closed.toString()).map((o) => [o.id, o.state]),
        [
          ['improves-with-classes', 'passed'],
          ['unchanged-goes-home', 'passed'],
        ],
      );
      assert.ok(
        record.outcomes.some((o) => o.file === key && o.state === 'failed'),
        'the open file ran too',
      );
    } finally {
      await vscode.workspace.fs.delete(closed);
    }
  });

  it('every status as the Test Explorer shows it: failed without a diff, stuck as errored, not run as skipped', async () => {
    const statuses = fileIn('scenarios', 'statuses.pathway.yaml');
    await vscode.workspace.fs.writeFile(
      statuses,
      fs.readFileSync(path.join(path.dirname(SOURCE), 'statuses.pathway.yaml')),
    );
    const other = await openChecked(statuses);
    try {
      await vscode.window.showTextDocument(other, vscode.ViewColumn.One);
      const record = await eventWhen(
        api().scenarios.onDidEndRun,
        (run) => run.outcomes.some((outcome) => outcome.file === statuses.toString()),
        'the run of the file',
        () => vscode.commands.executeCommand('testing.runAll'),
      );
      const outcomes = record.outcomes.filter((o) => o.file === statuses.toString());
      assert.deepEqual(
        outcomes.map((o) => [o.id, o.state, o.expected, o.actual]),
        [
          ['improves-with-classes', 'passed', undefined, undefined],
          ['unchanged-goes-home', 'failed', 'self-management', 'specialist'],
          ['misses-classes', 'failed', 'classes', undefined],
          ['meets-advice', 'failed', 'advice', undefined],
          ['no-red-flag-given', 'errored', undefined, undefined],
          ['weeks-in-words', 'skipped', undefined, undefined],
        ],
      );
      const text = other.getText().split('\n');
      const byId = new Map(outcomes.map((o) => [o.id, o]));
      assert.match(
        text[byId.get('misses-classes')?.line ?? -1] ?? '',
        /passes: \[review, classes\]/,
      );
      assert.match(byId.get('no-red-flag-given')?.message ?? '', /cannot go on: .*"red-flag"/);
      assert.equal(text[byId.get('no-red-flag-given')?.line ?? -1], '  no-red-flag-given:');
      assert.match(byId.get('weeks-in-words')?.message ?? '', /is not run: /);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(statuses);
    }
  });

  it('saving the file runs its scenarios again, on the saved text', async () => {
    const line = lineIn('unchanged-goes-home', /^ {6}end: self-management$/);
    const outcomes = await nextRun('the run after the save', async () => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(
        uri,
        new vscode.Range(line, 11, line, 11 + 'self-management'.length),
        'specialist',
      );
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(await document.save());
    });
    assert.deepEqual(
      outcomes.map((o) => [o.id, o.state]),
      [
        ['improves-with-classes', 'passed'],
        ['unchanged-goes-home', 'passed'],
      ],
    );
  });
});
