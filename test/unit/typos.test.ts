import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  branchList,
  closestMatch,
  type Finding,
  type Link,
  type PathwayModel,
} from '../../server/src/core';
import { EXAMPLES } from '../support/paths';

/** Misspellings an author makes: two letters swapped, one dropped, one doubled. */
function misspellings(id: string): string[] {
  const middle = Math.floor(id.length / 2);
  return [
    id.slice(0, middle - 1) + (id[middle] ?? '') + (id[middle - 1] ?? '') + id.slice(middle + 1),
    id.slice(0, middle) + id.slice(middle + 1),
    id.slice(0, middle) + (id[middle] ?? '') + id.slice(middle),
  ].filter((typo) => typo !== id);
}

/** Whether the finding is a scenario's choice of the step the link named, at the decision it leaves. */
function choiceAt(finding: Finding, link: Link, model: PathwayModel): boolean {
  if (finding.code !== 'invalid-fact') return false;
  const decision = [...model.steps.values()].find(
    (step) => step.otherwise === link || (branchList(step) ?? []).some((b) => b.next === link),
  );
  return (
    decision !== undefined &&
    finding.message.includes(`chooses "${link.target ?? ''}" at decision "${decision.id}"`)
  );
}

describe('one typo, one diagnostic', () => {
  const files = fs
    .readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.pathway.yaml'))
    .map((name) => path.join(EXAMPLES, name));

  for (const file of files) {
    it(`every misspelt link in ${path.basename(file)} gives exactly one unknown-step`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const model = analyze(text).model;
      assert.ok(model);
      const links: Link[] = model.start ? [model.start] : [];
      for (const step of model.steps.values()) {
        if (step.next) links.push(step.next);
        if (step.otherwise) links.push(step.otherwise);
        for (const branch of branchList(step) ?? []) if (branch.next) links.push(branch.next);
      }
      let tried = 0;
      for (const link of links) {
        const id = link.target;
        if (id === undefined) continue;
        for (const typo of misspellings(id)) {
          // Only typos the checker can trace back to the id meant: others are new ids.
          if (model.steps.has(typo) || closestMatch(typo, model.steps.keys()) !== id) continue;
          tried++;
          const broken: string = text.slice(0, link.span.start) + typo + text.slice(link.span.end);
          const all: readonly Finding[] = analyze(broken).findings;
          const where: string = `${id} → ${typo}`;
          // A scenario that chose the step the link named no longer names a way out of that
          // decision: the contract reports it where the scenario is written (invalid-fact).
          const findings: Finding[] = all.filter((f: Finding) => !choiceAt(f, link, model));
          assert.deepEqual(
            findings.map((finding) => finding.code),
            ['unknown-step'],
            `${where}: ${all.map((finding) => finding.message).join(' | ')}`,
          );
          assert.match(findings[0]?.message ?? '', new RegExp(`Did you mean "${id}"\\?`), where);
        }
      }
      assert.ok(tried >= 10, `tried ${tried} typos`);
    });
  }

  it('says how many steps the typo cuts off, and counts only those', () => {
    const text = [
      'pathway: 1',
      'id: counted',
      'title: Sciatica',
      'version: "1"',
      'start: assess',
      'steps:',
      '  assess:',
      '    kind: assessment',
      '    title: History and examination',
      '    next: red-flgs',
      '  red-flags:',
      '    kind: decision',
      '    title: Any red flag?',
      '    branches:',
      '      - when: Suspected cauda equina',
      '        next: emergency',
      '    otherwise: advice',
      '  advice:',
      '    kind: action',
      '    title: Advice',
      '    next: done',
      '  emergency:',
      '    kind: end',
      '    title: Emergency assessment',
      '  done:',
      '    kind: end',
      '    title: Review',
      '',
    ].join('\n');
    const findings = analyze(text).findings;
    assert.deepEqual(
      findings.map((finding) => finding.message),
      [
        'Step "assess" leads to "red-flgs", but no step has that id. Did you mean "red-flags"? Until it is corrected, 4 steps cannot be reached.',
      ],
    );
    // With unknown-step turned off nothing would name the typo: the steps it cuts off are shown.
    const off = analyze(text, { rules: { 'unknown-step': 'off' } }).findings;
    assert.deepEqual(
      off.map((finding) => finding.code),
      ['unreachable-step', 'unreachable-step', 'unreachable-step', 'unreachable-step'],
    );
  });
});
