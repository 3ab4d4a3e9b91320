import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Finding } from '../../server/src/core';
import { EXAMPLES } from '../support/paths';

/** The start of the line holding an offset. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

describe('one field indented too little, one diagnostic', () => {
  const files = fs
    .readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.pathway.yaml'))
    .map((name) => path.join(EXAMPLES, name));

  for (const file of files) {
    it(`the last field of any step in ${path.basename(file)}, moved to the step ids' level, gives exactly one schema error`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const model = analyze(text).model;
      assert.ok(model);
      let tried = 0;
      for (const step of model.steps.values()) {
        const fields = [...(step.node.entries ?? [])];
        const last = fields[fields.length - 1];
        if (!last) continue;
        const [name, node] = last;
        const keySpan = node.keySpan;
        if (keySpan === undefined) continue;
        // Only a field written on one line: a block's lines would need moving too.
        if (text.slice(keySpan.start, node.span.end).includes('\n')) continue;
        const stepIndent = step.keySpan.start - lineStart(text, step.keySpan.start);
        const fieldLine = lineStart(text, keySpan.start);
        const moved = text.slice(0, fieldLine) + ' '.repeat(stepIndent) + text.slice(keySpan.start);
        tried++;
        const all: readonly Finding[] = analyze(moved).findings;
        const where = `${name} of ${step.id}`;
        // A scenario that chose the way out the field gave no longer names one of the
        // decision's ways out: the contract reports it where the scenario is written.
        const findings = all.filter(
          (f) =>
            !(
              name === 'otherwise' &&
              f.code === 'invalid-fact' &&
              f.message.includes(`at decision "${step.id}", but no branch of it leads there`)
            ),
        );
        assert.deepEqual(
          findings.map((finding) => finding.code),
          ['schema'],
          `${where}: ${all.map((finding) => finding.message).join(' | ')}`,
        );
        assert.equal(
          findings[0]?.message,
          `"${name}:" is indented too little: it is read as a step named "${name}", not as a field of step "${step.id}" above it. Line it up with that step's other fields.`,
          where,
        );
      }
      assert.ok(tried >= 5, `tried ${tried} fields`);
    });
  }

  const dedentedNext = [
    'pathway: 1',
    'id: dedented',
    'title: Sciatica',
    'version: "1"',
    'start: assess',
    'steps:',
    '  assess:',
    '    kind: assessment',
    '    title: History and examination',
    '  next: advice',
    '  advice:',
    '    kind: action',
    '    title: Advice',
    '    next: done',
    '  done:',
    '    kind: end',
    '    title: Review',
    '',
  ].join('\n');

  it('shows the steps a misplaced "next" cuts off when the schema rule is off', () => {
    assert.deepEqual(
      analyze(dedentedNext).findings.map((finding) => finding.code),
      ['schema'],
    );
    // Nothing would name the misplaced line any more: what it cuts off is shown instead.
    const off = analyze(dedentedNext, { rules: { schema: 'off' } }).findings;
    assert.deepEqual(
      off.map((finding) => `${finding.code} ${finding.range.start.line}`),
      ['unreachable-step 9', 'unreachable-step 10', 'unreachable-step 14'],
    );
  });

  it('does not take a field the step above cannot have for that step', () => {
    // A decision takes no "next": the line is not simply indented too little.
    const text = dedentedNext
      .replace('kind: assessment', 'kind: decision')
      .replace(
        '    title: History and examination\n',
        '    title: Red flags?\n    branches:\n      - when: Cauda equina\n        next: done\n    otherwise: done\n',
      );
    const findings = analyze(text).findings;
    const schema = findings.find((finding) => finding.code === 'schema');
    assert.equal(
      schema?.message,
      'Step "next" must be a set of fields (kind, title, …), but it is the text "advice".',
    );
    assert.ok(findings.some((finding) => finding.code === 'unreachable-step'));
  });
});
