import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, fixesFor } from '../../server/src/core';
import type { TextEdit } from '../../server/src/core/fixes';
import { isValidId, renameEdits, renameTarget } from '../../server/src/core/language';
import { atCursor, rangeText, schemaAcceptsId, schemaIdPattern } from '../support/cursor';
import { logicWith, LOGIC_PATHWAY } from '../support/logicPathway';
import { EXAMPLES } from '../support/paths';
import { definition, references } from '../../server/src/lsp/features/navigation';

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
    otherwise: "smt"
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
`;

function apply(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.span.start - a.span.start)
    .reduce(
      (result, e) => result.slice(0, e.span.start) + e.newText + result.slice(e.span.end),
      text,
    );
}

/** Renames the id where `<|>` stands: the edits as ranges, and the text they give. */
function renamed(
  marked: string,
  newName: string,
): { ranges: string[]; text: string } | { refused: string } {
  const { text, offset } = atCursor(marked);
  const result = renameEdits(analyze(text), offset, newName);
  if ('refused' in result) return result;
  return {
    ranges: result.ok.map((e) => `${rangeText(text, e.span)} ${e.newText}`),
    text: apply(text, result.ok),
  };
}

function at(from: string, to: string): string {
  assert.ok(PATHWAY.includes(from), `the pathway has "${from}"`);
  return PATHWAY.replace(from, to);
}

describe('rename (in process, on an analysis)', () => {
  it('renames a step at its definition and every link to it, inside quotes too', () => {
    const result = renamed(at('  smt:', '  s<|>mt:'), 'manipulation');
    assert.deepEqual(result, {
      ranges: ['16:16-16:19 manipulation', '17:2-17:5 manipulation'],
      text: PATHWAY.replace('  smt:', '  manipulation:').replace(
        'otherwise: "smt"',
        'otherwise: "manipulation"',
      ),
    });
  });

  it('renames from a use as from the definition: start, next and branch links', () => {
    const result = renamed(at('start: assess', 'start: as<|>sess'), 'history');
    assert.ok('ranges' in result);
    assert.deepEqual(result.ranges, ['4:7-4:13 history', '6:2-6:8 history']);
    const branch = renamed(at('        next: urgent', '        next: urg<|>ent'), 'emergency');
    assert.ok('ranges' in branch);
    assert.deepEqual(branch.ranges, ['15:14-15:20 emergency', '24:2-24:8 emergency']);
    // The renamed file is as clean as before.
    assert.deepEqual(
      analyze(branch.text).findings.map((f) => f.code),
      analyze(PATHWAY).findings.map((f) => f.code),
    );
  });

  it('renames a reference and its citations', () => {
    const result = renamed(
      at('cite: [bronfort-2014]', 'cite: [bronfort<|>-2014]'),
      'bronfort:2014',
    );
    assert.ok('ranges' in result);
    assert.deepEqual(result.ranges, ['22:11-22:24 bronfort:2014', '31:2-31:15 bronfort:2014']);
  });

  it('prepares the rename with the id and its characters', () => {
    const { text, offset } = atCursor(at('otherwise: "smt"', 'otherwise: "sm<|>t"'));
    const target = renameTarget(analyze(text), offset);
    assert.ok('ok' in target);
    assert.equal(target.ok.id, 'smt');
    assert.equal(rangeText(text, target.ok.span), '16:16-16:19');
  });

  it('refuses, in words, what it cannot do', () => {
    assert.deepEqual(renamed(at('  smt:', '  s<|>mt:'), 'two words'), {
      refused:
        '"two words" is not a valid step id: a step id starts with a letter and uses only letters, digits, "-" and "_".',
    });
    assert.deepEqual(renamed(at('  smt:', '  s<|>mt:'), 'done'), {
      refused: 'A step called "done" already exists; choose another id.',
    });
    assert.deepEqual(renamed(at('title: Any red flag?', 'title: Any red<|> flag?'), 'x'), {
      refused: 'Only a step id, a reference id or an input can be renamed here.',
    });
    assert.deepEqual(renamed(at('next: done', 'next: gon<|>e'), 'x'), {
      refused: 'No step is called "gone", so there is nothing to rename.',
    });
    assert.deepEqual(renamed(`${at('  smt:', '  s<|>mt:')}  broken: [\n`, 'x'), {
      refused: 'The file cannot be read as YAML right now; fix the syntax error first.',
    });
    assert.deepEqual(renamed(at('cite: [bronfort-2014]', 'cite: [bronfort<|>-2014]'), '-2014'), {
      refused:
        '"-2014" is not a valid reference id: a reference id starts with a letter or digit and uses only letters, digits, "_", ".", ":" and "-".',
    });
  });

  it('renames every link across a real example', () => {
    const file = fs.readFileSync(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'), 'utf8');
    const uses = file.split('next: red-flag-screen').length - 1;
    const result = renamed(
      file.replace('  red-flag-screen:', '  red-<|>flag-screen:'),
      'warning-signs',
    );
    assert.ok('text' in result);
    assert.equal(result.ranges.length, uses + 1);
    assert.deepEqual(analyze(result.text).findings, analyze(file).findings);
  });
});

/**
 * Ids on both sides of the schema's patterns. The rename check and the quick fixes must agree
 * with the schema on every one: a pattern retyped anywhere would drift from it.
 */
const IDS = [
  'a',
  'red-flags',
  'smt_hea',
  'Step2',
  'x-',
  '2nd-step',
  'bronfort-2014',
  'doi:10.1000.x',
  'who.2023',
  '-lead',
  '_lead',
  'a b',
  'a/b',
  'a.b',
  'a:b',
  'é-step',
  'step-é',
  '',
  'a\nb',
  '9',
  'in',
  'not',
  'true',
  'False',
];

describe('ids are checked against the schema', () => {
  const model = analyze(PATHWAY).model;
  /** Ids that can be written inside double quotes in a flow list and name nothing yet. */
  const unknown = (defined: ReadonlyMap<string, unknown> | undefined): string[] =>
    IDS.filter((id) => id !== '' && id.trim() === id && !/[\n"\\]/.test(id) && !defined?.has(id));
  for (const kind of ['step', 'reference', 'input'] as const) {
    it(`the rename check accepts exactly the ${kind} ids the schema accepts`, () => {
      const accepts = (id: string): boolean => schemaAcceptsId(kind, id);
      for (const id of IDS) assert.equal(isValidId(kind, id), accepts(id), JSON.stringify(id));
      // Both sides of the pattern are in the table.
      assert.ok(IDS.some(accepts) && IDS.some((id) => !accepts(id)));
    });
  }

  it('a missing step is offered for creation exactly when its id is one the schema accepts', () => {
    const schema = schemaIdPattern('step');
    for (const id of unknown(model?.steps)) {
      const text = PATHWAY.replace('next: done', `next: "${id}"`);
      const analysis = analyze(text);
      const finding = analysis.findings.find((f) => f.code === 'unknown-step');
      assert.ok(finding, `"${id}" is an unknown step`);
      const creates = fixesFor(analysis, finding).filter((f) => f.title.startsWith('Create step'));
      assert.equal(creates.length > 0, schema.test(id), JSON.stringify(id));
    }
  });

  it('a missing reference is offered for creation exactly when its id is one the schema accepts', () => {
    const schema = schemaIdPattern('reference');
    for (const id of unknown(model?.references)) {
      const text = PATHWAY.replace('cite: [bronfort-2014]', `cite: [bronfort-2014, "${id}"]`);
      const analysis = analyze(text);
      const finding = analysis.findings.find((f) => f.code === 'unknown-reference');
      assert.ok(finding, `"${id}" is an unknown reference`);
      const creates = fixesFor(analysis, finding).filter((f) =>
        f.title.startsWith('Create reference'),
      );
      assert.equal(creates.length > 0, schema.test(id), JSON.stringify(id));
    }
  });
});

describe('inputs: rename, definition and references (in process, on an analysis)', () => {
  const URI = 'file:///leg-pain.pathway.yaml';
  const EVERY_WEEKS = ['8:2-8:7', '24:24-24:29', '34:30-34:35', '39:10-39:15', '75:6-75:11'];

  it('renames an input at its key, in every if (quoted and folded), records and facts', () => {
    for (const marked of [
      logicWith('  weeks:\n    type', '  we<|>eks:\n    type'),
      logicWith('          weeks > 6', '          weeks<|> > 6'),
      logicWith('records: [red-flag, weeks]', 'records: [red-flag, <|>weeks]'),
      logicWith('      weeks: 7', '      weeks<|>: 7'),
    ]) {
      const result = renamed(marked, 'weeks-of-pain');
      assert.ok('text' in result, JSON.stringify(result));
      assert.deepEqual(
        result.ranges,
        EVERY_WEEKS.map((range) => `${range} weeks-of-pain`),
      );
      assert.equal(result.text.replaceAll('weeks-of-pain', 'weeks'), LOGIC_PATHWAY);
      assert.deepEqual(analyze(result.text).findings, []);
    }
  });

  it("leaves a choice's values alone, even one spelt like the input", () => {
    const text = logicWith(
      'values: [improved, unchanged, worse]',
      'values: [improved, unchanged, worse, response]',
    );
    const result = renamed(
      text.replace('if: response = improved', 'if: resp<|>onse = improved'),
      'answer',
    );
    assert.ok('text' in result);
    assert.equal(result.ranges.length, 5);
    assert.match(result.text, /values: \[improved, unchanged, worse, response\]/);
    assert.match(result.text, /if: answer = improved/);
    assert.match(result.text, /if: answer in \[unchanged, worse\]/);
  });

  it('skips a name it cannot place word for word, and the check then points at it', () => {
    // "\x77" is an escaped "w": the file does not hold the name's own characters.
    const escaped = logicWith('"not red-flag and weeks <= 6"', '"not red-flag and \\x77eeks <= 6"');
    assert.deepEqual(analyze(escaped).findings, []);
    const result = renamed(
      escaped.replace('  weeks:\n    type', '  we<|>eks:\n    type'),
      'duration',
    );
    assert.ok('text' in result);
    assert.equal(result.ranges.length, EVERY_WEEKS.length - 1);
    assert.match(result.text, /\\x77eeks <= 6/);
    assert.deepEqual(
      analyze(result.text).findings.map((f) => f.code),
      ['unknown-input'],
    );
  });

  it('refuses, in words, a name that is no input id, a word of conditions, or taken', () => {
    const marked = logicWith('if: response = improved', 'if: resp<|>onse = improved');
    assert.deepEqual(renamed(marked, 'two words'), {
      refused:
        '"two words" is not a valid input id: an input id starts with a letter and uses only letters, digits, "-" and "_".',
    });
    assert.deepEqual(renamed(marked, 'not'), {
      refused:
        '"not" is one of the words of conditions (and, or, not, in, true, false), so it cannot name an input; choose another id.',
    });
    assert.deepEqual(renamed(marked, 'weeks'), {
      refused: 'An input called "weeks" already exists; choose another id.',
    });
    assert.deepEqual(
      renamed(logicWith('if: response = improved', 'if: response = impr<|>oved'), 'better'),
      {
        refused:
          '"improved" is a value of the input "response", and values are not renamed here: change it under the input\'s "values" and in each condition and fact that gives it.',
      },
    );
    assert.deepEqual(
      renamed(logicWith('if: response = improved', 'if: respo<|>nce = improved'), 'x'),
      {
        refused: 'No input is called "responce", so there is nothing to rename.',
      },
    );
  });

  it('goes to the input from its name, and to the value in its list from a value', () => {
    const go = (from: string, to: string): string[] => {
      const { text, offset } = atCursor(logicWith(from, to));
      return definition(analyze(text), URI, offset).map(
        (l) =>
          `${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`,
      );
    };
    assert.deepEqual(go('          weeks > 6', '          we<|>eks > 6'), ['8:2-8:7']);
    assert.deepEqual(go('      weeks: 7', '      we<|>eks: 7'), ['8:2-8:7']);
    assert.deepEqual(
      go('if: response in [unchanged, worse]', 'if: response in [unchanged, wo<|>rse]'),
      ['17:34-17:39'],
    );
    assert.deepEqual(go('      response: improved', '      response: impr<|>oved'), [
      '17:13-17:21',
    ]);
  });

  it('lists every use of the input, not its values', () => {
    const { text, offset } = atCursor(
      logicWith('if: response = improved', 'if: resp<|>onse = improved'),
    );
    const found = references(analyze(text), URI, offset, true).map((l) => l.range.start.line);
    assert.deepEqual(found, [14, 49, 56, 59, 76]);
    const uses = references(analyze(text), URI, offset, false).map((l) => l.range.start.line);
    assert.deepEqual(uses, [49, 56, 59, 76]);
  });

  it('renames a step in the scenarios too: where they choose, and the route they expect', () => {
    const withChoice = `${LOGIC_PATHWAY}  prose:\n    choose:\n      route: urgent\n    expect:\n      passes: [urgent]\n      avoids: ["done"]\n`;
    const result = renamed(
      withChoice.replace('  urgent:\n    kind: end', '  urg<|>ent:\n    kind: end'),
      'emergency',
    );
    assert.ok('text' in result);
    assert.equal(result.ranges.length, 4);
    assert.match(result.text, /route: emergency\n {4}expect:\n {6}passes: \[emergency\]/);
    const done = renamed(
      withChoice.replace('  done:\n    kind: end', '  do<|>ne:\n    kind: end'),
      'discharged',
    );
    assert.ok('text' in done);
    assert.match(done.text, /end: discharged/);
    assert.match(done.text, /avoids: \["discharged"\]/);
  });
});
