import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompletionItemKind, type MarkupContent } from 'vscode-languageserver';
import { completionsAt, type Completion } from '../../server/src/core/language';
import { complete } from '../../server/src/lsp/features/completion';
import { atCursor, schemaEnum } from '../support/cursor';
import { EXAMPLES } from '../support/paths';

/** What completion offers where `<|>` stands in the text. */
function offered(marked: string): Completion[] {
  const { text, line, character } = atCursor(marked);
  return completionsAt(text, line, character);
}

function labels(marked: string): string[] {
  return offered(marked).map((item) => item.label);
}

const PATHWAY = `pathway: 1
id: brlp
title: Back-related leg pain
version: "1"
start: assess
steps:
  assess:
    kind: assessment
    title: History and examination
    next: red-flags
  red-flags:
    kind: decision
    title: Any red flag?
    branches:
      - when: Saddle anaesthesia or bladder dysfunction
        next: urgent
    otherwise: smt
  smt:
    kind: recommendation
    title: Spinal manipulation plus home exercise
    strength: conditional
    certainty: moderate
    cite: [bronfort-2014]
    next: done
  urgent:
    kind: end
    title: Urgent surgical assessment
  done:
    kind: end
    title: Review at 12 weeks
references:
  bronfort-2014:
    title: Spinal manipulation and home exercise with advice for back-related leg pain
    source: Ann Intern Med. 2014;161:381-391
  chou-2007:
    title: Diagnosis and treatment of low back pain
    source: Ann Intern Med. 2007;147:478-491
`;

/** The pathway with `from` replaced by `to` (which holds the cursor). */
function edited(from: string, to: string): string {
  assert.ok(PATHWAY.includes(from), `the pathway has "${from}"`);
  return PATHWAY.replace(from, to);
}

describe('completion (in process, on the text)', () => {
  it('after next: offers every step id of the file, in file order, by name only', () => {
    const items = offered(edited('    next: red-flags\n', '    next: <|>\n'));
    assert.deepEqual(
      items.map((i) => i.label),
      ['assess', 'red-flags', 'smt', 'urgent', 'done'],
    );
    assert.ok(items.every((i) => i.kind === 'step-id' && i.detail === undefined));
  });

  it('after start:, otherwise: and a branch next: offers the step ids too', () => {
    const ids = ['assess', 'red-flags', 'smt', 'urgent', 'done'];
    assert.deepEqual(labels(edited('start: assess', 'start: <|>')), ids);
    assert.deepEqual(labels(edited('    otherwise: smt', '    otherwise: <|>')), ids);
    assert.deepEqual(labels(edited('        next: urgent', '        next: <|>')), ids);
  });

  it('inside cite: [ offers the reference ids; so does a new item of a block cite list', () => {
    assert.deepEqual(labels(edited('cite: [bronfort-2014]', 'cite: [<|>')), [
      'bronfort-2014',
      'chou-2007',
    ]);
    const block = edited('    cite: [bronfort-2014]\n', '    cite:\n      - <|>\n');
    assert.deepEqual(
      offered(block).map((i) => [i.label, i.kind]),
      [
        ['bronfort-2014', 'reference-id'],
        ['chou-2007', 'reference-id'],
      ],
    );
  });

  it('a new key in an assessment offers the keys it takes that are not yet written', () => {
    const items = offered(edited('    title: History and examination\n', '    <|>\n'));
    assert.deepEqual(
      items.map((i) => i.label),
      ['title', 'detail', 'cite', 'records'],
    );
    const title = items[0];
    assert.equal(title?.detail, 'Step title');
    assert.equal(title?.snippet, 'title: ${1}');
    assert.equal(title?.suggestAgain, true);
    // Required keys sort first, the fields of computable decisions last.
    assert.deepEqual(
      items.map((i) => i.sortText),
      ['0title', '1detail', '1cite', '2records'],
    );
    assert.equal(items[2]?.snippet, 'cite: [${1}]');
  });

  it('a new key in a step without a kind offers kind first', () => {
    const items = offered(edited('  urgent:\n    kind: end\n', '  urgent:\n    <|>\n'));
    assert.deepEqual(
      items.map((i) => [i.label, i.sortText]),
      [['kind', '0kind']],
    );
  });

  it('a new branch item offers when and next, with the branches snippet for a decision', () => {
    const branch = edited('        next: urgent\n', '        next: urgent\n      - <|>\n');
    assert.deepEqual(labels(branch), ['when', 'next', 'if']);
    const decision = offered(edited('    otherwise: smt\n', '    <|>\n')).find(
      (i) => i.label === 'otherwise',
    );
    assert.equal(decision?.snippet, 'otherwise: ${1}');
  });

  it('a new key in a decision offers otherwiseLabel, explained; an assessment does not take it', () => {
    const items = offered(edited('    otherwise: smt\n', '    otherwise: smt\n    <|>\n'));
    const label = items.find((i) => i.label === 'otherwiseLabel');
    assert.equal(label?.detail, 'Otherwise label');
    assert.equal(label?.snippet, 'otherwiseLabel: ${1}');
    const assessment = labels(edited('    title: History and examination\n', '    <|>\n'));
    assert.ok(!assessment.includes('otherwiseLabel'));
  });

  it('a new top-level key offers the pathway keys not yet written, required first', () => {
    const items = offered(edited('start: assess\n', '<|>\n'));
    assert.deepEqual(
      items.map((i) => i.label),
      ['status', 'population', 'start', 'inputs', 'scenarios'],
    );
    assert.equal(items.find((i) => i.label === 'start')?.sortText, '0start');
    assert.equal(items.find((i) => i.label === 'inputs')?.sortText, '2inputs');
  });

  it('after kind: offers exactly the schema step kinds, each explained', () => {
    const items = offered(
      edited('    kind: end\n    title: Urgent', '    kind: <|>\n    title: Urgent'),
    );
    assert.deepEqual(
      items.map((i) => i.label),
      schemaEnum('kind'),
    );
    assert.ok(items.every((i) => i.kind === 'value' && i.detail === 'Kind of step'));
    assert.match(items[0]?.documentation ?? '', /^Gathering information/);
  });

  it('after strength:, certainty: and direction: of a recommendation offers exactly the schema values', () => {
    for (const field of ['strength', 'certainty', 'direction'] as const) {
      const marked = edited('    strength: conditional\n', `    ${field}: <|>\n`);
      assert.deepEqual(labels(marked), schemaEnum(field), field);
    }
    const strength = offered(edited('strength: conditional', 'strength: <|>'));
    assert.equal(strength[0]?.detail, 'Strength of recommendation');
    assert.match(strength[0]?.documentation ?? '', /^Strong: the panel is confident/);
    assert.deepEqual(
      strength.map((i) => i.sortText),
      ['00', '01'],
    );
  });

  it('under inputs: offers one new-input snippet per schema input type', () => {
    const items = offered(edited('start: assess\n', 'inputs:\n  <|>\nstart: assess\n'));
    assert.deepEqual(
      items.map((i) => i.label),
      schemaEnum('inputType').map((type) => `new ${type} input`),
    );
    assert.equal(
      items.find((i) => i.label === 'new choice input')?.snippet,
      '${1:input-id}:\n  type: choice\n  title: ${2:The question as a clinician asks it}\n  values: [${3}]',
    );
  });

  it('inside an input offers the keys its type takes, and type first while it has none', () => {
    const input = (fields: string) =>
      labels(edited('start: assess\n', `inputs:\n  weeks:\n${fields}    <|>\nstart: assess\n`));
    assert.deepEqual(input('    type: integer\n    title: Duration of leg pain\n'), [
      'min',
      'max',
      'unit',
      'detail',
    ]);
    assert.deepEqual(input('    type: choice\n'), ['title', 'values', 'detail']);
    assert.deepEqual(input('    title: Duration of leg pain\n'), ['type']);
    assert.deepEqual(input('    type: maybe\n'), []);
  });

  it('after type: in an input offers exactly the schema input types, each explained', () => {
    const items = offered(
      edited('start: assess\n', 'inputs:\n  weeks:\n    type: <|>\nstart: assess\n'),
    );
    assert.deepEqual(
      items.map((i) => i.label),
      schemaEnum('inputType'),
    );
    assert.ok(items.every((i) => i.kind === 'value' && (i.documentation ?? '').length > 20));
  });

  it('a decision offers match, then exclusive and first; a branch offers if', () => {
    const decision = offered(edited('    otherwise: smt\n', '    <|>\n'));
    assert.equal(decision.find((i) => i.label === 'match')?.sortText, '2match');
    const values = offered(edited('    otherwise: smt\n', '    otherwise: smt\n    match: <|>\n'));
    assert.deepEqual(
      values.map((i) => i.label),
      ['exclusive', 'first'],
    );
    assert.match(values[1]?.documentation ?? '', /first whose condition holds is taken/);
  });

  it('a scenario offers its keys, expect offers end, passes and avoids, and end: the step ids', () => {
    const scenarios = (body: string) => labels(`${PATHWAY}scenarios:\n${body}`);
    assert.deepEqual(scenarios('  <|>\n'), ['new scenario']);
    const scenario = offered(`${PATHWAY}scenarios:\n  red-flag:\n    <|>\n`);
    assert.deepEqual(
      scenario.map((i) => [i.label, i.sortText]),
      [
        ['title', '1title'],
        ['facts', '1facts'],
        ['choose', '1choose'],
        ['expect', '0expect'],
      ],
    );
    assert.deepEqual(scenarios('  red-flag:\n    expect:\n      <|>\n'), [
      'end',
      'passes',
      'avoids',
    ]);
    assert.deepEqual(scenarios('  red-flag:\n    expect:\n      end: <|>\n'), [
      'assess',
      'red-flags',
      'smt',
      'urgent',
      'done',
    ]);
  });

  it('after status: offers exactly the schema statuses', () => {
    assert.deepEqual(
      labels(edited('start: assess\n', 'status: <|>\nstart: assess\n')),
      schemaEnum('status'),
    );
  });

  it('under steps: offers one new-step snippet per schema kind', () => {
    const items = offered(edited('  urgent:\n', '  <|>\n  urgent:\n'));
    assert.deepEqual(
      items.map((i) => i.label),
      schemaEnum('kind').map((kind) => `new ${kind} step`),
    );
    const recommendation = items.find((i) => i.label === 'new recommendation step');
    // The choices a new recommendation offers are the schema's, the usual one first.
    const choices = [...(recommendation?.snippet ?? '').matchAll(/\$\{\d+\|([^|]*)\|\}/g)].map(
      (m) => (m[1] ?? '').split(','),
    );
    assert.deepEqual(
      choices.map((values) => [...values].sort()),
      [[...schemaEnum('strength')].sort(), [...schemaEnum('certainty')].sort()],
    );
    assert.deepEqual(
      choices.map((values) => values[0]),
      ['conditional', 'moderate'],
    );
    assert.equal(
      items.find((i) => i.label === 'new end step')?.snippet,
      '${1:step-id}:\n  kind: end\n  title: ${2:Where the pathway stops}',
    );
  });

  it('under references: offers the new-reference snippet', () => {
    const items = offered(edited('  chou-2007:\n', '  <|>\n  chou-2007:\n'));
    assert.deepEqual(
      items.map((i) => [i.label, i.kind]),
      [['new reference', 'snippet']],
    );
  });

  it('answers on a half-typed document that does not parse as YAML', () => {
    const half = edited('    next: done\n', '    next: <|>\n  broken: [\n    oops: {\n');
    assert.deepEqual(labels(half), ['assess', 'red-flags', 'smt', 'broken', 'urgent', 'done']);
  });

  it('reads Windows line ends like Unix ones', () => {
    const marked = edited('    next: red-flags\n', '    next: <|>\n').replace(/\n/g, '\r\n');
    assert.deepEqual(labels(marked), ['assess', 'red-flags', 'smt', 'urgent', 'done']);
  });

  it('completes nothing in a comment, in a value of free text, or outside the text', () => {
    assert.deepEqual(labels(edited('    title: Any red flag?', '    title: Any <|>red flag?')), []);
    assert.deepEqual(labels(`# a note <|>\n${PATHWAY}`), []);
    assert.deepEqual(completionsAt(PATHWAY, 500, 0), []);
    assert.deepEqual(completionsAt(PATHWAY, -1, 0), []);
  });

  it('offers every step id of a real example after next:', () => {
    const file = fs.readFileSync(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'), 'utf8');
    const marked = file.replace('    next: red-flags\n', '    next: <|>\n');
    const ids = labels(marked);
    assert.ok(ids.includes('history-and-exam') && ids.includes('smt-plus-hea'));
    assert.equal(new Set(ids).size, ids.length, 'each id once');
  });

  it('the language server sends keys as properties that suggest again, values with Markdown', () => {
    const { text, line, character } = atCursor(
      edited('    title: History and examination\n', '    <|>\n'),
    );
    const [title] = complete(text, line, character);
    assert.equal(title?.kind, CompletionItemKind.Property);
    assert.equal(title?.command?.command, 'editor.action.triggerSuggest');
    assert.equal(title?.insertText, 'title: ${1}');
    const at = atCursor(edited('strength: conditional', 'strength: <|>'));
    const [strong] = complete(at.text, at.line, at.character);
    assert.equal(strong?.kind, CompletionItemKind.EnumMember);
    assert.equal((strong?.documentation as MarkupContent | undefined)?.kind, 'markdown');
  });
});
