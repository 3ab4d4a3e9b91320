// The flowchart in words, as a screen reader reads each step: its kind, its title and where
// it leads with the branches' whole conditions (the drawing cuts them to fit), its grade in
// words rather than symbols; and what the drawing shows on hover as the step's description.
import * as assert from 'node:assert/strict';
import {
  analyze,
  buildDiagram,
  buildDiffDiagram,
  diffPathways,
  layoutDiagram,
  renderSvg,
} from '../../server/src/core';
import { describeDiagram, describeSteps } from '../../server/src/core/flowchart/describe';

const PATHWAY = `pathway: 1
id: words
title: Low back pain
version: "1"
start: triage
steps:
  triage:
    kind: assessment
    title: Triage
    next: red-flag
  red-flag:
    kind: decision
    title: Any red flag?
    branches:
      - when: >-
          Saddle anaesthesia, new bowel or bladder dysfunction, or leg weakness in both legs
          (suspected cauda equina syndrome)
        next: emergency
    otherwise: conservative
  conservative:
    kind: recommendation
    title: Conservative care
    strength: strong
    direction: for
    certainty: very-low
    cite: [trial]
    next: done
  emergency:
    kind: end
    title: Emergency assessment
  done:
    kind: end
    title: Discharge
  orphan:
    kind: action
    title: Leaflet
references:
  trial:
    title: A trial
`;

describe('the flowchart in words (accessible names)', () => {
  const diagram = buildDiagram(analyze(PATHWAY));
  const words = describeSteps(diagram);
  const name = (id: string): string | undefined => words.get(id)?.name;

  it('names each step with its kind, its title and where it leads', () => {
    assert.equal(name('triage'), 'Assessment: Triage (start) — leads to Any red flag?');
    assert.equal(
      name('red-flag'),
      'Decision: Any red flag? — leads to Emergency assessment when Saddle anaesthesia, new ' +
        'bowel or bladder dysfunction, or leg weakness in both legs (suspected cauda equina ' +
        'syndrome); otherwise to Conservative care',
    );
    assert.equal(
      name('conservative'),
      'Recommendation: Conservative care (for, strong, very low certainty, 1 reference) — leads to Discharge',
    );
    assert.equal(name('done'), 'End: Discharge — the pathway ends here');
    assert.equal(name('orphan'), 'Action: Leaflet — leads nowhere');
  });

  it('describes what the drawing shows on hover: the id, reachability and the problems', () => {
    assert.equal(words.get('triage')?.description, 'Step id triage.');
    const orphan = words.get('orphan')?.description ?? '';
    assert.match(orphan, /^Step id orphan\. Not reachable from the start\. \d+ problems?, /);
    const strongOnVeryLow = words.get('conservative')?.description ?? '';
    assert.match(
      strongOnVeryLow,
      /^Step id conservative\. 1 problem, a warning: Recommendation "conservative" is strong but rests on very low certainty evidence/,
    );
  });

  it('says how many steps there are and where care starts', () => {
    assert.equal(describeDiagram(diagram), '6 steps, starting at Triage.');
    assert.equal(describeDiagram({ title: '', nodes: [], edges: [] }), 'No steps to show.');
  });

  it('in a comparison, says what was added, changed or removed, steps and links', () => {
    const before = analyze(PATHWAY);
    const after = analyze(
      PATHWAY.replace('    otherwise: conservative\n', '    otherwise: exercise\n').replace(
        '  orphan:\n    kind: action\n    title: Leaflet\n',
        '  exercise:\n    kind: action\n    title: Home exercise programme\n    next: conservative\n',
      ),
    );
    const compared = describeSteps(buildDiffDiagram(before, after, diffPathways(before, after)));
    assert.equal(
      compared.get('exercise')?.name,
      'Action: Home exercise programme (added in this version) — leads to Conservative care (link added)',
    );
    assert.match(
      compared.get('red-flag')?.name ?? '',
      /^Decision: Any red flag\? \(changed in this version\) — leads to .*; otherwise to Home exercise programme \(link added\); otherwise to Conservative care \(link removed\)$/,
    );
    assert.match(
      compared.get('red-flag')?.description ?? '',
      /^Step id red-flag\. Decision "red-flag" now sends everyone else to "exercise"/,
    );
    assert.match(
      compared.get('orphan')?.name ?? '',
      /^Action: Leaflet \(removed in this version\)/,
    );
  });

  it('the drawing carries the words: a named list of named steps, the drawn text hidden', async () => {
    const svg = renderSvg(await layoutDiagram(diagram));
    assert.match(svg, /^<svg [^>]*role="group" aria-label="Flowchart: Low back pain"/);
    assert.match(svg, /<desc>6 steps, starting at Triage\.<\/desc>/);
    assert.match(svg, /<g class="edges" aria-hidden="true">/);
    assert.match(svg, /<g class="nodes" role="list" aria-label="Steps">/);
    assert.equal(svg.match(/role="listitem"/g)?.length, 6);
    assert.ok(
      svg.includes(
        'role="img" aria-label="Recommendation: Conservative care (for, strong, very low certainty, 1 reference) — leads to Discharge"',
      ),
    );
    assert.doesNotMatch(svg, /<text (?![^>]*aria-hidden="true")[^>]*class="(label|badge)"/);
    assert.doesNotMatch(svg, /tabindex|role="img" aria-label="[^"]*"[^>]*>\s*<text/);
  });
});
