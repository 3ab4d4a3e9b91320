import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompletionItemKind, type MarkupContent } from 'vscode-languageserver';
import { completionsAt, type Completion } from '../../server/src/core/language';
import { complete } from '../../server/src/lsp/features/completion';
import { atCursor, schemaEnum } from '../support/cursor';
import { logicWith } from '../support/logicPathway';
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
      ['status', 'population', 'start', 'bibliography', 'inputs', 'scenarios'],
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
    const marked = file.replace('    next: red-flag-screen\n', '    next: <|>\n');
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

describe('completion of conditions, records and facts (in process, on the text)', () => {
  const at = (from: string, to: string): Completion[] => offered(logicWith(from, to));
  const ifAt = (typed: string): Completion[] =>
    at('        if: response = improved\n', `        if: ${typed}\n`);
  const pairs = (items: Completion[]): [string, string][] => items.map((i) => [i.label, i.kind]);

  it('at the start of an if offers the inputs in file order, with their question, then not', () => {
    const items = ifAt('<|>');
    assert.deepEqual(pairs(items), [
      ['red-flag', 'input'],
      ['weeks', 'input'],
      ['response', 'input'],
      ['not', 'keyword'],
    ]);
    const weeks = items[1];
    assert.equal(weeks?.detail, 'Duration of leg pain');
    assert.equal(weeks?.documentation, 'A whole number, from 0 to 520 weeks.');
    assert.equal(
      items[2]?.documentation,
      'One of a list of values: `improved`, `unchanged`, `worse`.',
    );
    assert.equal(items[0]?.documentation, 'Yes or no (true or false).');
    // The name is followed by a space, and completion goes on with its comparisons.
    assert.equal(weeks?.snippet, 'weeks ');
    assert.equal(weeks?.suggestAgain, true);
    // The cursor is after "if: " on the line, where the word starts.
    assert.equal(weeks?.replaceFrom, 12);
  });

  it('after an input offers exactly the comparisons its type takes', () => {
    assert.deepEqual(
      ifAt('weeks <|>').map((i) => i.label),
      ['=', '!=', '<', '<=', '>', '>=', 'in', 'not in'],
    );
    assert.deepEqual(
      ifAt('response <|>').map((i) => i.label),
      ['=', '!=', 'in', 'not in'],
    );
    // A yes-or-no input standing alone is already a test: and, or may follow.
    assert.deepEqual(
      ifAt('red-flag <|>').map((i) => i.label),
      ['=', '!=', 'and', 'or'],
    );
    assert.ok(ifAt('weeks <|>').every((i) => i.kind === 'operator' && i.suggestAgain));
    assert.equal(ifAt('weeks <|>')[5]?.detail, 'weeks is at least');
    assert.equal(ifAt('response <|>')[2]?.snippet, 'in [$1]');
    assert.deepEqual(
      ifAt('response not <|>').map((i) => i.label),
      ['in'],
    );
    assert.deepEqual(ifAt('nobody <|>'), []);
  });

  it("after a choice's comparison offers its values, inside a list those not yet listed", () => {
    const values = ['improved', 'unchanged', 'worse'];
    assert.deepEqual(
      ifAt('response = <|>').map((i) => i.label),
      values,
    );
    assert.ok(ifAt('response != <|>').every((i) => i.kind === 'value' && i.detail === 'response'));
    assert.deepEqual(
      ifAt('response in [<|>').map((i) => i.label),
      values,
    );
    assert.deepEqual(
      ifAt('response not in [improved, <|>').map((i) => i.label),
      ['unchanged', 'worse'],
    );
    assert.deepEqual(
      ifAt('response in [improved, wo<|>').map((i) => [i.label, i.replaceFrom]),
      [
        ['unchanged', 35],
        ['worse', 35],
      ],
    );
    // Typed without the bracket: the value comes with its brackets, the cursor inside.
    assert.deepEqual(
      ifAt('response in <|>').map((i) => i.snippet),
      ['[improved$1]$0', '[unchanged$1]$0', '[worse$1]$0'],
    );
    assert.deepEqual(ifAt('weeks > <|>'), []);
    assert.deepEqual(ifAt('response < <|>'), []);
  });

  it("after a yes-or-no input's comparison offers true and false", () => {
    assert.deepEqual(pairs(ifAt('red-flag = <|>')), [
      ['true', 'value'],
      ['false', 'value'],
    ]);
    // Written straight after the sign, a space comes first.
    assert.deepEqual(
      ifAt('red-flag !=<|>').map((i) => i.snippet),
      [' true', ' false'],
    );
  });

  it('after a whole test offers and and or; after and, or and not, the inputs again', () => {
    for (const typed of [
      'weeks > 6 <|>',
      'response in [worse] <|>',
      '(weeks > 6) <|>',
      'true <|>',
    ]) {
      assert.deepEqual(
        ifAt(typed).map((i) => i.label),
        ['and', 'or'],
        typed,
      );
    }
    assert.deepEqual(
      ifAt('weeks > 6 an<|>').map((i) => [i.label, i.replaceFrom]),
      [
        ['and', 22],
        ['or', 22],
      ],
    );
    assert.deepEqual(
      ifAt('(weeks > 6)<|>').map((i) => i.snippet),
      [' and ', ' or '],
    );
    for (const typed of ['weeks > 6 and <|>', 'weeks > 6 or not <|>', '(<|>']) {
      assert.deepEqual(
        ifAt(typed).map((i) => i.label),
        ['red-flag', 'weeks', 'response', 'not'],
        typed,
      );
    }
  });

  it('replaces the whole part of a name already typed, dashes included, inside quotes too', () => {
    const typed = ifAt('red-fl<|>');
    assert.equal(typed[0]?.replaceFrom, 12);
    const quoted = ifAt('"not red-fl<|>');
    assert.deepEqual(quoted.map((i) => [i.label, i.replaceFrom]).slice(0, 1), [['red-flag', 17]]);
    const { text, line, character } = atCursor(
      logicWith('        if: response = improved\n', '        if: weeks > 6 and red-fl<|>\n'),
    );
    const item = complete(text, line, character).find((i) => i.label === 'red-flag');
    assert.equal(item?.kind, CompletionItemKind.Variable);
    assert.deepEqual(item?.textEdit, {
      range: { start: { line, character: 26 }, end: { line, character } },
      newText: 'red-flag ',
    });
  });

  it('offers nothing after a closing quote, in a block or flow value, a comment or a mistake', () => {
    assert.deepEqual(ifAt('"weeks > 6" <|>'), []);
    assert.deepEqual(ifAt('>- <|>'), []);
    assert.deepEqual(ifAt('[<|>'), []);
    assert.deepEqual(ifAt('weeks > 6 # see <|>'), []);
    assert.deepEqual(ifAt('weeks == 6 and <|>'), []);
    assert.deepEqual(ifAt('weeks > 6 weeks <|>'), []);
    // An if outside a decision's branches is not a condition.
    assert.deepEqual(at('    next: route\n', '    next: route\n    if: <|>\n'), []);
  });

  it('in records offers the inputs, without those already listed', () => {
    assert.deepEqual(
      at('    records: [red-flag, weeks]', '    records: [red-flag, <|>').map((i) => i.label),
      ['weeks', 'response'],
    );
    const block = at('      - response\n', '      - res<|>\n');
    assert.deepEqual(
      block.map((i) => [i.label, i.kind, i.replaceFrom]),
      [
        ['red-flag', 'input', 8],
        ['weeks', 'input', 8],
        ['response', 'input', 8],
      ],
    );
  });

  it("as a scenario's facts offers the inputs not yet given, then the values each takes", () => {
    const keys = at('      weeks: 7\n', '      <|>\n');
    assert.deepEqual(
      keys.map((i) => [i.label, i.snippet]),
      [['weeks', 'weeks: ']],
    );
    assert.ok(keys.every((i) => i.suggestAgain));
    assert.deepEqual(
      at('      response: improved', '      response: <|>').map((i) => i.label),
      ['improved', 'unchanged', 'worse'],
    );
    assert.deepEqual(
      at('      response: improved', '      response: [unchanged, <|>').map((i) => i.label),
      ['improved', 'worse'],
    );
    assert.deepEqual(
      at('      red-flag: false', '      red-flag: <|>').map((i) => i.label),
      ['true', 'false'],
    );
    assert.deepEqual(at('      weeks: 7', '      weeks: <|>'), []);
  });

  it('reads an input whose own block is half typed without losing the others', () => {
    const half = logicWith('    unit: weeks\n', '    unit: [weeks\n');
    const items = offered(half.replace('        if: response = improved', '        if: <|>'));
    assert.deepEqual(
      items.map((i) => [i.label, i.documentation]),
      [
        ['red-flag', 'Yes or no (true or false).'],
        ['weeks', 'An input whose type is not given yet.'],
        ['response', 'One of a list of values: `improved`, `unchanged`, `worse`.'],
        ['not', undefined],
      ],
    );
  });

  it('names each new-input snippet and says in words what it is for', () => {
    const items = offered(logicWith('  red-flag:\n', '  <|>\n  red-flag:\n'));
    assert.deepEqual(
      items.map((i) => [i.label, i.detail]),
      [
        ['new boolean input', 'Yes-or-no input'],
        ['new number input', 'Number input'],
        ['new integer input', 'Whole-number input'],
        ['new choice input', 'Choice input'],
      ],
    );
    assert.ok(items.every((i) => (i.documentation ?? '').length > 30));
    assert.match(items[1]?.snippet ?? '', /min: .*\n {2}max: .*\n {2}unit: /);
  });
});
