import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, fixesFor } from '../../server/src/core';
import type { TextEdit } from '../../server/src/core/fixes';
import { isValidId, renameEdits, renameTarget } from '../../server/src/core/language';
import { atCursor, rangeText, schemaIdPattern } from '../support/cursor';
import { EXAMPLES } from '../support/paths';

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
    const uses = file.split('next: red-flags').length - 1;
    const result = renamed(file.replace('  red-flags:', '  red-<|>flags:'), 'warning-signs');
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
];

describe('ids are checked against the schema', () => {
  const model = analyze(PATHWAY).model;
  /** Ids that can be written inside double quotes in a flow list and name nothing yet. */
  const unknown = (defined: ReadonlyMap<string, unknown> | undefined): string[] =>
    IDS.filter((id) => id !== '' && id.trim() === id && !/[\n"\\]/.test(id) && !defined?.has(id));
  for (const kind of ['step', 'reference'] as const) {
    it(`the rename check accepts exactly the ${kind} ids the schema accepts`, () => {
      const schema = schemaIdPattern(kind);
      for (const id of IDS) assert.equal(isValidId(kind, id), schema.test(id), JSON.stringify(id));
      // Both sides of the pattern are in the table.
      assert.ok(IDS.some((id) => schema.test(id)) && IDS.some((id) => !schema.test(id)));
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
