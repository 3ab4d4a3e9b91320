import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, type Diagnostic, type Position, type Range } from '../support/lspClient';
import { LOGIC_PATHWAY, logicWith } from '../support/logicPathway';
import { FIXTURES } from '../support/paths';

const URI = 'file:///work/test/leg-pain.pathway.yaml';

interface Edit {
  range: Range;
  newText: string;
}

interface CodeAction {
  title: string;
  isPreferred?: boolean;
  edit: {
    changes?: Record<string, Edit[]>;
    documentChanges?: {
      textDocument: { uri: string; version: number | null };
      edits: (Edit | { range: Range; snippet: { kind: string; value: string } })[];
    }[];
  };
}

/** Line and character of the first `needle` in the text, plus `offset` characters into it. */
function positionOf(text: string, needle: string, offset = 0): Position {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} not found`);
  const before = text.slice(0, index + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

/** The text with LSP edits applied, as an editor applies them. */
function applyEdits(text: string, edits: readonly Edit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: Position): number => (starts[p.line] ?? text.length) + p.character;
  return [...edits]
    .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((result, e) => result.slice(0, e.start) + e.text + result.slice(e.end), text);
}

const codes = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => d.code);

describe('language server: computable decisions in the editor (real process)', function () {
  this.timeout(20000);
  let client: LspClient;

  beforeEach(() => {
    client = new LspClient();
  });

  afterEach(async () => {
    await client.stop();
  });

  it('announces semantic tokens with their legend, and colours the words of conditions', async () => {
    const { capabilities } = await client.initialize();
    assert.deepEqual(capabilities['semanticTokensProvider'], {
      legend: {
        tokenTypes: ['variable', 'enumMember', 'number', 'keyword', 'operator'],
        tokenModifiers: [],
      },
      full: true,
    });
    await client.open(URI, LOGIC_PATHWAY);
    const { data } = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', {
      textDocument: { uri: URI },
    });
    // The first word: "red-flag" in `if: red-flag`, a variable.
    const first = positionOf(LOGIC_PATHWAY, 'if: red-flag', 4);
    assert.deepEqual(data.slice(0, 5), [first.line, first.character, 8, 0, 0]);
    assert.equal(data.length / 5, 20);
  });

  it('completes inside an if: the comparisons after an input, the values after a comparison', async () => {
    await client.initialize();
    const text = logicWith('if: response = improved', 'if: response = ');
    await client.open(URI, text);
    const at = positionOf(text, 'if: response = ', 'if: response = '.length);
    const values = await client.request<{ label: string; kind: number; textEdit?: Edit }[]>(
      'textDocument/completion',
      { textDocument: { uri: URI }, position: at },
    );
    assert.deepEqual(
      values.map((i) => i.label),
      ['improved', 'unchanged', 'worse'],
    );
    assert.deepEqual(values[0]?.textEdit, { range: { start: at, end: at }, newText: 'improved' });

    const typing = logicWith('if: response = improved', 'if: weeks-o');
    await client.change(URI, typing);
    const end = positionOf(typing, 'if: weeks-o', 'if: weeks-o'.length);
    const names = await client.request<{ label: string; textEdit?: Edit; command?: unknown }[]>(
      'textDocument/completion',
      { textDocument: { uri: URI }, position: end },
    );
    const weeks = names.find((i) => i.label === 'weeks');
    // The part already typed, "weeks-o", is replaced whole.
    assert.deepEqual(weeks?.textEdit, {
      range: { start: { line: end.line, character: end.character - 7 }, end },
      newText: 'weeks ',
    });
    assert.ok(weeks?.command, 'completion goes on with the comparisons');
  });

  it('renames an input across its key, every if, records and facts; refuses a reserved word', async () => {
    await client.initialize();
    await client.open(URI, LOGIC_PATHWAY);
    const at = { textDocument: { uri: URI }, position: positionOf(LOGIC_PATHWAY, 'weeks > 6', 2) };
    const prepared = await client.request<{ placeholder: string; range: Range }>(
      'textDocument/prepareRename',
      at,
    );
    assert.equal(prepared.placeholder, 'weeks');
    const edit = await client.request<{ changes: Record<string, Edit[]> }>('textDocument/rename', {
      ...at,
      newName: 'weeks-of-pain',
    });
    const edits = edit.changes[URI] ?? [];
    assert.equal(edits.length, 5);
    const renamed = applyEdits(LOGIC_PATHWAY, edits);
    assert.equal(renamed.replaceAll('weeks-of-pain', 'weeks'), LOGIC_PATHWAY);
    assert.deepEqual((await client.change(URI, renamed)).diagnostics, []);

    await assert.rejects(
      client.request('textDocument/rename', {
        textDocument: { uri: URI },
        position: positionOf(renamed, 'weeks-of-pain > 6', 2),
        newName: 'or',
      }),
      /one of the words of conditions/,
    );
    const references = await client.request<unknown[]>('textDocument/references', {
      textDocument: { uri: URI },
      position: positionOf(renamed, 'records: [red-flag', 12),
      context: { includeDeclaration: true },
    });
    assert.equal(references.length, 6);
    const definition = await client.request<{ range: Range }[]>('textDocument/definition', {
      textDocument: { uri: URI },
      position: positionOf(renamed, '[unchanged, worse]', 13),
    });
    assert.deepEqual(definition[0]?.range.start, positionOf(renamed, 'worse]\n    detail'));
  });

  describe('quick fixes applied over the wire leave a file without those diagnostics', () => {
    const fixture = (name: string): string =>
      fs.readFileSync(path.join(FIXTURES, `${name}.pathway.yaml`), 'utf8');

    /** Opens the text, applies the fix with the title to the diagnostic, returns what is left. */
    async function fixed(text: string, code: string, title: string, about = ''): Promise<string[]> {
      const published = await client.open(URI, text);
      const diagnostic = published.diagnostics.find(
        (d) => d.code === code && d.message.includes(about),
      );
      assert.ok(diagnostic, `${code} in ${codes(published.diagnostics).join(', ')}`);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: URI },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      });
      const action = actions.find((a) => a.title === title);
      assert.ok(action, `"${title}" among ${actions.map((a) => a.title).join(' | ')}`);
      const edits = action.edit.changes?.[URI];
      assert.ok(edits, 'plain text edits');
      return codes((await client.change(URI, applyEdits(text, edits))).diagnostics);
    }

    beforeEach(async () => {
      await client.initialize();
    });

    it('uncovered-patients: a new branch for them, or an otherwise', async () => {
      const gap = fixture('uncovered-patients/gap');
      const title = 'Add a branch for the uncovered patients, leading to "urgent-referral"';
      assert.deepEqual(await fixed(gap, 'uncovered-patients', title), []);
      await client.close(URI);
      const otherwise = 'Add "otherwise" leading to "urgent-referral"';
      assert.deepEqual(await fixed(gap, 'uncovered-patients', otherwise), []);
    });

    it('overlapping-branches: match: first', async () => {
      const text = fixture('overlapping-branches/two-branches');
      const title = 'Let the first branch that holds win (match: first)';
      assert.deepEqual(await fixed(text, 'overlapping-branches', title), []);
    });

    it('unknown-input and a value not among the choices: the closest name', async () => {
      const names = fixture('unknown-input/unknown-names');
      // One fix corrects one name: two names close to no input stay, and so do the scenario's
      // misspelt fact (a fix of its own) and the input left unused.
      assert.deepEqual(await fixed(names, 'unknown-input', 'Change to "red-flag"', '"red-flags"'), [
        'unused-input',
        'unknown-input',
        'unknown-input',
        'unknown-input',
      ]);
      await client.close(URI);
      const value = logicWith('if: response = improved', 'if: response = improvd');
      assert.deepEqual(await fixed(value, 'invalid-condition', 'Change to "improved"'), []);
    });
  });

  it('sends the new branch as a snippet to an editor that takes snippets in edits', async () => {
    await client.initialize({ documentChanges: true, snippetEditSupport: true });
    const gap = fs.readFileSync(path.join(FIXTURES, 'uncovered-patients/gap.pathway.yaml'), 'utf8');
    const published = await client.open(URI, gap);
    const diagnostic = published.diagnostics.find((d) => d.code === 'uncovered-patients');
    assert.ok(diagnostic);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const branch = actions.find((a) => a.title.startsWith('Add a branch'));
    const change = branch?.edit.documentChanges?.[0];
    assert.deepEqual(change?.textDocument, { uri: URI, version: 1 });
    assert.deepEqual(change?.edits[0] && 'snippet' in change.edits[0] && change.edits[0].snippet, {
      kind: 'snippet',
      value:
        '      - when: "${1:TODO: say in words who these patients are}"\n' +
        '        if: not red-flag and weeks = 6\n        next: ${2:urgent-referral}\n',
    });
  });
});
