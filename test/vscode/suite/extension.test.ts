// The extension in real VS Code: the language client starts the server on pathway files,
// and diagnostics, quick fixes, rename, settings, hover and completion reach VS Code's own
// API. The workspace folder is a throwaway copy of examples/; every file a test edits is
// its own, and is put back as it was.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  codeOf,
  describe as describeDiagnostics,
  diagnosticsWhen,
  escapeRegExp,
  fileIn,
  nextDiagnostics,
  open,
  openChecked,
  pathwayDiagnostics,
  positionOf,
  restore,
} from './helpers';

const FLAWED = ['flawed', 'flawed.pathway.yaml'];
const CLEAN_EXAMPLES = [
  'brlp-manipulation.pathway.yaml',
  'stepped-care-radiating-lbp.pathway.yaml',
  'self-management-support.pathway.yaml',
  'motor-skill-training.pathway.yaml',
  'after-failed-conservative-care.pathway.yaml',
];

/** The default level of each rule the flawed example trips (README's rule table). */
const DEFAULT_SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  'discordant-recommendation': vscode.DiagnosticSeverity.Warning,
  'unknown-reference': vscode.DiagnosticSeverity.Error,
  'unknown-step': vscode.DiagnosticSeverity.Error,
  schema: vscode.DiagnosticSeverity.Error,
  'duplicate-branch': vscode.DiagnosticSeverity.Warning,
  'missing-otherwise': vscode.DiagnosticSeverity.Warning,
  'no-path-to-end': vscode.DiagnosticSeverity.Error,
  'missing-citation': vscode.DiagnosticSeverity.Error,
  'unreachable-step': vscode.DiagnosticSeverity.Warning,
  'duplicate-key': vscode.DiagnosticSeverity.Error,
  'unused-reference': vscode.DiagnosticSeverity.Warning,
  'invalid-condition': vscode.DiagnosticSeverity.Error,
  'unknown-input': vscode.DiagnosticSeverity.Error,
  'missing-condition': vscode.DiagnosticSeverity.Warning,
  'overlapping-branches': vscode.DiagnosticSeverity.Warning,
  'shadowed-branch': vscode.DiagnosticSeverity.Warning,
  'impossible-branch': vscode.DiagnosticSeverity.Warning,
  'uncovered-patients': vscode.DiagnosticSeverity.Warning,
  'input-not-recorded': vscode.DiagnosticSeverity.Warning,
  'unused-input': vscode.DiagnosticSeverity.Warning,
  'invalid-fact': vscode.DiagnosticSeverity.Error,
  'scenario-failed': vscode.DiagnosticSeverity.Error,
  'scenario-stuck': vscode.DiagnosticSeverity.Error,
};

/** How many findings the flawed example has with the default settings: one per rule above. */
const FLAWED_FINDINGS = Object.keys(DEFAULT_SEVERITY).length;

interface Expected {
  line: number;
  character: number;
  code: string;
}

/** flawed.expected.txt: `LINE:COL CODE`, 1-based, one finding a line. */
async function expectedFlawedFindings(): Promise<Expected[]> {
  const bytes = await vscode.workspace.fs.readFile(fileIn('flawed', 'flawed.expected.txt'));
  return new TextDecoder()
    .decode(bytes)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = /^(\d+):(\d+) (\S+)$/.exec(line.trim());
      if (!match) throw new Error(`unexpected line in flawed.expected.txt: ${line}`);
      return { line: Number(match[1]) - 1, character: Number(match[2]) - 1, code: match[3] ?? '' };
    });
}

function matchesExpected(
  diagnostics: readonly vscode.Diagnostic[],
  expected: readonly Expected[],
): boolean {
  const seen = diagnostics
    .map((d) => `${d.range.start.line}:${d.range.start.character} ${codeOf(d)}`)
    .sort();
  const wanted = expected.map((e) => `${e.line}:${e.character} ${e.code}`).sort();
  return JSON.stringify(seen) === JSON.stringify(wanted);
}

const byCode = (diagnostics: readonly vscode.Diagnostic[], code: string): vscode.Diagnostic[] =>
  diagnostics.filter((d) => codeOf(d) === code);

describe('Clinical Pathways in VS Code', function () {
  this.timeout(60_000);

  describe('diagnostics', () => {
    it('activates on a pathway file and reports every finding of the flawed example', async () => {
      const expected = await expectedFlawedFindings();
      const uri = fileIn(...FLAWED);
      const diagnostics = await diagnosticsWhen(
        uri,
        (ds) => matchesExpected(ds, expected),
        `the findings of flawed.expected.txt`,
        () => open(uri),
      );
      const document = vscode.workspace.textDocuments.find(
        (d) => d.uri.toString() === uri.toString(),
      );
      assert.equal(document?.languageId, 'yaml', 'pathway files keep the YAML language');
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
      // The schema is not handed to other YAML extensions: each mistake has one voice, ours.
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
        contributes?: Record<string, unknown>;
      };
      assert.equal(manifest.contributes?.['yamlValidation'], undefined);

      assert.equal(diagnostics.length, FLAWED_FINDINGS);
      for (const diagnostic of diagnostics) {
        const code = codeOf(diagnostic);
        assert.equal(diagnostic.source, 'pathway');
        assert.equal(diagnostic.severity, DEFAULT_SEVERITY[code], `default severity of ${code}`);
        assert.ok(diagnostic.message.length > 0, `${code} has a message`);
        const target = typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
        assert.match(String(target), new RegExp(`rules\\.md#${code}$`), `${code} links its rule`);
      }
      // The range covers the offending text, not just a point.
      const unknownStep = byCode(diagnostics, 'unknown-step')[0];
      assert.ok(unknownStep && document);
      assert.equal(document.getText(unknownStep.range), 'review-12-week');
    });

    it('reports only yaml-syntax on a file that does not parse', async () => {
      const uri = fileIn('flawed', 'broken-yaml.pathway.yaml');
      const diagnostics = await diagnosticsWhen(
        uri,
        (ds) => ds.length > 0,
        'the syntax error',
        () => open(uri),
      );
      assert.deepEqual([...new Set(diagnostics.map(codeOf))], ['yaml-syntax']);
      assert.ok(diagnostics.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
    });

    for (const name of CLEAN_EXAMPLES) {
      it(`finds nothing in ${name}`, async () => {
        const uri = fileIn(name);
        await openChecked(uri);
        assert.equal(describeDiagnostics(pathwayDiagnostics(uri)), 'none');
      });
    }

    it('lets pathway text use the typographic characters clinical writing needs', async () => {
      // "(0–10)", "≥ 6 weeks", "patient’s": without this, VS Code boxes each as ambiguous.
      const document = await openChecked(fileIn('brlp-manipulation.pathway.yaml'));
      assert.ok(document.getText().includes('–'), 'the example uses an en dash');
      const allowed = vscode.workspace
        .getConfiguration('editor', document)
        .get<Record<string, boolean>>('unicodeHighlight.allowedCharacters');
      for (const character of ['–', '—', '’', '×', '≥', '≤', 'µ']) {
        assert.equal(allowed?.[character], true, `${character} is allowed`);
      }
    });

    it('leaves YAML files that are not named *.pathway.yaml alone', async () => {
      // The same flawed content under two names: only the pathway one is checked. The
      // client sends both files to the server in order, so once the second one's findings
      // are in, the first one's would be too.
      const flawed = await vscode.workspace.fs.readFile(fileIn(...FLAWED));
      const plain = fileIn('notes', 'flawed-copy.yaml');
      const pathway = fileIn('notes', 'flawed-copy.pathway.yaml');
      await vscode.workspace.fs.writeFile(plain, flawed);
      await vscode.workspace.fs.writeFile(pathway, flawed);

      const plainDocument = await open(plain);
      assert.equal(plainDocument.languageId, 'yaml');
      await diagnosticsWhen(
        pathway,
        (ds) => ds.length === FLAWED_FINDINGS,
        'the copy’s findings',
        () => open(pathway),
      );
      assert.deepEqual(pathwayDiagnostics(plain), []);
    });
  });

  describe('editing', () => {
    it('reports a broken link, and its preferred quick fix repairs it', async () => {
      const uri = fileIn('stepped-care-radiating-lbp.pathway.yaml');
      const document = await openChecked(uri);
      const original = document.getText();
      try {
        assert.deepEqual(pathwayDiagnostics(uri), [], 'a clean start');

        // Misspell the target of the first `next:`.
        const start = positionOf(document, /^\s+next: ([a-z][a-z0-9-]*)\s*$/m);
        const target = document.getText(document.getWordRangeAtPosition(start, /[a-z0-9-]+/));
        const typo = `${target.slice(0, -2)}${target.slice(-1)}${target.slice(-2, -1)}`;
        const targetRange = new vscode.Range(start, start.translate(0, target.length));
        const breakLink = new vscode.WorkspaceEdit();
        breakLink.replace(uri, targetRange, typo);
        // The first link is the only way on from the first step: the steps after it can no
        // longer be reached, which the one diagnostic on the typo counts (docs/rules.md).
        const after = await diagnosticsWhen(
          uri,
          (ds) => byCode(ds, 'unknown-step').length === 1,
          `an unknown-step for "${typo}"`,
          () => vscode.workspace.applyEdit(breakLink),
        );
        const [broken] = byCode(after, 'unknown-step');
        assert.deepEqual(
          after.filter((d) => d !== broken),
          [],
          describeDiagnostics(after),
        );
        assert.ok(broken);
        assert.equal(codeOf(broken), 'unknown-step');
        assert.equal(broken.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(broken.range.start.line, start.line);
        assert.equal(document.getText(broken.range), typo);
        assert.match(
          broken.message,
          new RegExp(escapeRegExp(target)),
          'the message suggests the step',
        );
        assert.match(broken.message, /Until it is corrected, \d+ steps? cannot be reached\./);

        const actions = await vscode.commands.executeCommand<
          (vscode.CodeAction | vscode.Command)[]
        >('vscode.executeCodeActionProvider', uri, broken.range);
        const fixes = actions.filter(
          (a): a is vscode.CodeAction => 'kind' in a && a.kind?.value === 'quickfix',
        );
        const titles = fixes.map((a) => a.title);
        assert.ok(titles.includes(`Change to "${target}"`), titles.join(' | '));
        assert.ok(
          titles.some((t) => t.startsWith(`Create step "${typo}" as a`)),
          titles.join(' | '),
        );
        const preferred = fixes.filter((a) => a.isPreferred);
        assert.equal(preferred.length, 1);
        assert.equal(preferred[0]?.title, `Change to "${target}"`);
        assert.ok(preferred[0]?.edit);

        const fixedEdit = preferred[0].edit;
        const fixed = await diagnosticsWhen(
          uri,
          (ds) => ds.length === 0,
          'the unknown-step to go',
          () => vscode.workspace.applyEdit(fixedEdit),
        );
        assert.deepEqual(fixed, []);
        assert.equal(document.getText(), original);
      } finally {
        await restore(document, original);
      }
    });

    it('renames a step id everywhere it is used', async () => {
      const uri = fileIn('brlp-manipulation.pathway.yaml');
      const document = await openChecked(uri);
      const original = document.getText();
      try {
        assert.deepEqual(pathwayDiagnostics(uri), [], 'a clean start');
        // The step with the most links to it, among those the scenarios do not name: rename
        // does not yet reach a step id in a scenario's choose or expect.
        const scenarios = original.includes('\nscenarios:')
          ? original.slice(original.indexOf('\nscenarios:'))
          : '';
        const links = [
          ...original.matchAll(/^\s*(?:- )?(?:start|next|otherwise): ([a-z][a-z0-9-]*)\s*$/gm),
        ].filter((link) => !new RegExp(`\\b${escapeRegExp(link[1] ?? '')}\\b`).test(scenarios));
        const counts = new Map<string, number>();
        for (const link of links) counts.set(link[1] ?? '', (counts.get(link[1] ?? '') ?? 0) + 1);
        const [id, uses] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
        assert.ok(uses >= 2, `a step used at least twice (${id}: ${uses})`);
        const occurrences = (text: string, name: string): number =>
          text.match(
            new RegExp(
              `^(?:  ${escapeRegExp(name)}:|\\s*(?:- )?(?:start|next|otherwise): ${escapeRegExp(name)})\\s*$`,
              'gm',
            ),
          )?.length ?? 0;
        assert.equal(occurrences(original, id), uses + 1, 'its uses and its definition');

        const newName = `${id}-renamed`;
        const at = positionOf(document, new RegExp(`^  (${escapeRegExp(id)}):\\s*$`, 'm'));
        const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>(
          'vscode.executeDocumentRenameProvider',
          uri,
          at,
          newName,
        );
        assert.ok(edit, 'a rename edit');
        assert.equal(edit.get(uri).length, uses + 1, 'one text edit for each occurrence');
        // Renaming keeps the file clean: the diagnostics published for the renamed text.
        const after = await nextDiagnostics(uri, 'the renamed file’s diagnostics', () =>
          vscode.workspace.applyEdit(edit),
        );
        assert.equal(describeDiagnostics(after), 'none');
        const renamed = document.getText();
        assert.equal(occurrences(renamed, id), 0, `no "${id}" left`);
        assert.equal(occurrences(renamed, newName), uses + 1);
        assert.equal(renamed.replaceAll(newName, id), original, 'nothing else changed');
      } finally {
        await restore(document, original);
      }
    });
    it('conditions read as code; the branch for uncovered patients and an input rename keep the file clean', async () => {
      // A decision whose branches leave out patients with exactly six weeks of pain.
      const gap = [
        'pathway: 1',
        'id: logic-gap',
        'title: Back-related leg pain',
        'version: "1"',
        'inputs:',
        '  red-flag:',
        '    type: boolean',
        '    title: Red flag',
        '  weeks:',
        '    type: integer',
        '    title: Duration of leg pain',
        '    min: 0',
        'start: assess',
        'steps:',
        '  assess:',
        '    kind: assessment',
        '    title: History and examination',
        '    records: [red-flag, weeks]',
        '    next: route',
        '  route:',
        '    kind: decision',
        '    title: Where next?',
        '    branches:',
        '      - when: Red flag',
        '        if: red-flag',
        '        next: urgent',
        '      - when: Less than six weeks',
        '        if: not red-flag and weeks < 6',
        '        next: done',
        '      - when: More than six weeks',
        '        if: not red-flag and weeks > 6',
        '        next: done',
        '  urgent:',
        '    kind: end',
        '    title: Urgent surgical assessment',
        '  done:',
        '    kind: end',
        '    title: Review at 12 weeks',
        '',
      ].join('\n');
      const uri = fileIn('notes', 'logic-gap.pathway.yaml');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(gap));
      const found = await diagnosticsWhen(
        uri,
        (ds) => ds.length === 1,
        'the uncovered patients',
        () => open(uri),
      );
      const document = await open(uri);
      const [uncovered] = found;
      assert.equal(uncovered && codeOf(uncovered), 'uncovered-patients');

      const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>(
        'vscode.provideDocumentSemanticTokensLegend',
        uri,
      );
      const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>(
        'vscode.provideDocumentSemanticTokens',
        uri,
      );
      const first = positionOf(document, /^\s+if: (red-flag)$/m);
      assert.deepEqual([...tokens.data.slice(0, 4)], [first.line, first.character, 8, 0]);
      assert.equal(legend.tokenTypes[0], 'variable');

      assert.ok(uncovered);
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        uri,
        uncovered.range,
      );
      const branch = actions.find(
        (a): a is vscode.CodeAction => 'kind' in a && a.title.startsWith('Add a branch'),
      );
      assert.equal(branch?.title, 'Add a branch for the uncovered patients, leading to "urgent"');
      const branchEdit = branch?.edit;
      assert.ok(branchEdit);
      const covered = await diagnosticsWhen(
        uri,
        (ds) => !ds.some((d) => codeOf(d) === 'uncovered-patients'),
        'the uncovered patients to be taken by the new branch',
        () => vscode.workspace.applyEdit(branchEdit),
      );
      assert.equal(describeDiagnostics(covered), 'none');
      assert.ok(
        document
          .getText()
          .includes(
            '        next: done\n      - when: "TODO: say in words who these patients are"\n' +
              '        if: not red-flag and weeks = 6\n        next: urgent\n  urgent:\n',
          ),
        document.getText(),
      );

      const at = positionOf(document, /if: not red-flag and (weeks) < 6/);
      const rename = await vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>(
        'vscode.executeDocumentRenameProvider',
        uri,
        at,
        'weeks-of-pain',
      );
      assert.ok(rename);
      assert.equal(rename.get(uri).length, 5, 'the key, records and three conditions');
      const renamed = await nextDiagnostics(uri, 'the renamed file’s diagnostics', () =>
        vscode.workspace.applyEdit(rename),
      );
      assert.equal(describeDiagnostics(renamed), 'none');
      await document.save();
    });
  });

  describe('settings', () => {
    const uri = fileIn(...FLAWED);
    const rules = (): vscode.WorkspaceConfiguration =>
      vscode.workspace.getConfiguration('pathway', uri);

    after(async () => {
      await rules().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('follows pathway.rules: a rule raised to error, a rule turned off, then restored', async () => {
      await openChecked(uri);
      await diagnosticsWhen(
        uri,
        (ds) =>
          ds.length === FLAWED_FINDINGS &&
          byCode(ds, 'unused-reference')[0]?.severity === vscode.DiagnosticSeverity.Warning,
        'the default findings',
      );

      const raised = await diagnosticsWhen(
        uri,
        (ds) => byCode(ds, 'unused-reference')[0]?.severity === vscode.DiagnosticSeverity.Error,
        'unused-reference as an error',
        () =>
          rules().update(
            'rules',
            { 'unused-reference': 'error' },
            vscode.ConfigurationTarget.Workspace,
          ),
      );
      assert.equal(raised.length, FLAWED_FINDINGS, 'the other findings stay');
      assert.equal(
        byCode(raised, 'missing-otherwise')[0]?.severity,
        vscode.DiagnosticSeverity.Warning,
      );

      const off = await diagnosticsWhen(
        uri,
        (ds) => ds.length === FLAWED_FINDINGS - 1,
        'missing-otherwise turned off',
        () =>
          rules().update(
            'rules',
            { 'unused-reference': 'error', 'missing-otherwise': 'off' },
            vscode.ConfigurationTarget.Workspace,
          ),
      );
      assert.deepEqual(byCode(off, 'missing-otherwise'), []);
      assert.equal(byCode(off, 'unused-reference')[0]?.severity, vscode.DiagnosticSeverity.Error);

      const restored = await diagnosticsWhen(
        uri,
        (ds) =>
          ds.length === FLAWED_FINDINGS &&
          byCode(ds, 'unused-reference')[0]?.severity === vscode.DiagnosticSeverity.Warning,
        'the default levels again',
        () => rules().update('rules', undefined, vscode.ConfigurationTarget.Workspace),
      );
      assert.equal(
        byCode(restored, 'missing-otherwise')[0]?.severity,
        vscode.DiagnosticSeverity.Warning,
      );
    });
  });

  describe('hover and completion', () => {
    const uri = fileIn('motor-skill-training.pathway.yaml');

    it('describes the step a link names on hover', async () => {
      const document = await openChecked(uri);
      assert.deepEqual(pathwayDiagnostics(uri), [], 'a clean file');
      const at = positionOf(document, /^\s+next: (movement-assessment)\s*$/m);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        at.translate(0, 3),
      );
      const text = hovers
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : c.value))
        .join('\n');
      assert.match(text, /`movement-assessment` — assessment/);
      assert.match(text, /Reached from: `stay-active`/);
    });

    it('describes a reference on hover', async () => {
      const document = await openChecked(uri);
      const at = positionOf(document, /^\s+cite: \[(van-dillen-2021)\]\s*$/m);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        at.translate(0, 2),
      );
      const text = hovers
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : c.value))
        .join('\n');
      assert.match(text, /doi:10\.1001\/jamaneurol\.2020\.4821/);
      assert.match(text, /PubMed 33369625/);
      assert.match(text, /Cited by: .*`movement-assessment`/);
    });

    it('completes step ids after next:', async () => {
      const document = await openChecked(uri);
      const line = positionOf(document, /^\s+next: movement-assessment\s*$/m).line;
      const end = document.lineAt(line).range.end;
      // The kind and title of each id come with completionItem/resolve, as when the
      // editor shows the item: ask VS Code to resolve them all.
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        end,
        undefined,
        1000,
      );
      const label = (item: vscode.CompletionItem): string =>
        typeof item.label === 'string' ? item.label : item.label.label;
      const text = document.getText();
      const stepsBlock = text.slice(text.indexOf('\nsteps:'), text.indexOf('\nreferences:'));
      const steps = [...stepsBlock.matchAll(/^ {2}([a-z][a-z0-9-]*):\s*$/gm)].map(
        (m) => m[1] ?? '',
      );
      assert.ok(steps.length >= 8, `the example's steps (${steps.join(', ')})`);
      const offered = list.items
        .filter((i) => i.kind === vscode.CompletionItemKind.Reference)
        .map(label);
      assert.deepEqual([...offered].sort(), [...steps].sort(), 'every step id, and only those');
      const item = list.items.find((i) => label(i) === 'movement-assessment');
      assert.match(String(item?.detail), /^assessment — /);
    });

    it('completes the step kinds after kind:', async () => {
      const document = await openChecked(uri);
      const line = positionOf(document, /^\s+kind: assessment\s*$/m).line;
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        new vscode.Position(line, document.lineAt(line).text.indexOf(':') + 2),
      );
      const labels = list.items
        .filter((i) => i.kind === vscode.CompletionItemKind.EnumMember)
        .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.deepEqual(labels.sort(), [
        'action',
        'assessment',
        'decision',
        'end',
        'pathway',
        'recommendation',
      ]);
    });
  });
});
