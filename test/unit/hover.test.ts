import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core';
import { hoverAt } from '../../server/src/core/language';
import { hover } from '../../server/src/lsp/features/hover';
import { atCursor, rangeText } from '../support/cursor';
import { logicWith } from '../support/logicPathway';
import { EXAMPLES } from '../support/paths';
import { analyzeWithFiles } from '../support/withFiles';

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
    doi: 10.7326/M14-0006
    pmid: 25222385
`;

/** The hover where `<|>` stands, its Markdown and the range it covers. */
function hoverOver(marked: string): { markdown: string; range: string | undefined } | undefined {
  const { text, offset } = atCursor(marked);
  const found = hoverAt(analyze(text), offset);
  if (!found) return undefined;
  return {
    markdown: found.markdown,
    range: found.span ? rangeText(text, found.span) : undefined,
  };
}

function at(from: string, to: string): string {
  assert.ok(PATHWAY.includes(from), `the pathway has "${from}"`);
  return PATHWAY.replace(from, to);
}

describe('hover (in process, on an analysis)', () => {
  it('over a step link shows the step: title, kind, where it is reached from, where it leads', () => {
    assert.deepEqual(hoverOver(at('next: red-flags', 'next: red-<|>flags')), {
      markdown:
        '**Any red flag?**\n\n`red-flags` — decision\n\nReached from: `assess`\n\n' +
        'Leads to: `urgent` when Saddle anaesthesia or bladder dysfunction; `smt` otherwise (None of the above)\n',
      range: '9:10-9:19',
    });
  });

  it("over a decision names its otherwise route in the author's words when it is labelled", () => {
    const labelled = at(
      '    otherwise: smt\n',
      '    otherwise: smt\n    otherwiseLabel: No red flag\n',
    );
    const { text, offset } = atCursor(labelled.replace('next: red-flags', 'next: red-<|>flags'));
    assert.match(
      hoverAt(analyze(text), offset)?.markdown ?? '',
      /`smt` otherwise \(No red flag\)\n$/,
    );
  });

  it('over the otherwiseLabel key shows what it is for', () => {
    const labelled = at(
      '    otherwise: smt\n',
      '    otherwise: smt\n    otherwise<|>Label: No red flag\n',
    );
    const { text, offset } = atCursor(labelled);
    const markdown = hoverAt(analyze(text), offset)?.markdown ?? '';
    assert.match(markdown, /^\*\*Otherwise label\*\*\n\nWho takes the `otherwise` route/);
    assert.match(markdown, /None of the above/);
  });

  it('over the start step says care starts there', () => {
    assert.deepEqual(hoverOver(at('  assess:', '  ass<|>ess:')), {
      markdown:
        '**History and examination**\n\n`assess` — assessment\n\nCare starts here.\n\n' +
        'Leads to: `red-flags`\n',
      range: '6:2-6:8',
    });
  });

  it('over a recommendation shows its direction, GRADE strength and certainty', () => {
    assert.equal(
      hoverOver(at('  smt:', '  s<|>mt:'))?.markdown,
      '**Spinal manipulation plus home exercise**\n\n`smt` — recommendation\n\n' +
        'Reached from: `red-flags`\n\nLeads to: `done`\n\n' +
        'Recommendation for: conditional, certainty moderate\n',
    );
  });

  it('over an end step says the pathway ends there', () => {
    assert.equal(
      hoverOver(at('  done:', '  do<|>ne:'))?.markdown,
      '**Review at 12 weeks**\n\n`done` — end\n\nReached from: `smt`\n\nThe pathway ends here.\n',
    );
  });

  it('over a citation shows the work with its DOI and PubMed links and the steps citing it', () => {
    assert.deepEqual(hoverOver(at('cite: [bronfort-2014]', 'cite: [bron<|>fort-2014]')), {
      markdown:
        '**Spinal manipulation and home exercise with advice for back-related leg pain**\n\n' +
        'Ann Intern Med. 2014;161:381-391\n\n' +
        '[doi:10.7326/M14-0006](https://doi.org/10.7326/M14-0006) · ' +
        '[PubMed 25222385](https://pubmed.ncbi.nlm.nih.gov/25222385/)\n\nCited by: `smt`\n',
      range: '22:11-22:24',
    });
  });

  it('over a cite a bibliography that was not read may answer, says so rather than "no reference"', () => {
    // Analysed without its files (as the editor does today): the shared list is not read.
    const shared = at(
      'start: assess',
      'bibliography:\n  - shared/lbp.references.yaml\nstart: assess',
    )
      .replace('cite: [bronfort-2014]', 'cite: [chou-2007]')
      .replace('cite: [chou-2007]', 'cite: [chou<|>-2007]');
    assert.equal(
      hoverOver(shared)?.markdown,
      "`chou-2007` is not among this pathway's own references, and the bibliography that may define it was not read here.\n",
    );
    // Without a bibliography, the same cite names no reference.
    assert.equal(
      hoverOver(at('cite: [bronfort-2014]', 'cite: [chou<|>-2007]'))?.markdown,
      'No reference is called `chou-2007`.\n',
    );
  });

  it('over a link to a step that does not exist says so', () => {
    assert.equal(
      hoverOver(at('next: done', 'next: gone<|>'))?.markdown,
      'No step is called `gone`.\n',
    );
  });

  it('over a key shows the schema title and description', () => {
    assert.deepEqual(hoverOver(at('strength: conditional', 'stren<|>gth: conditional')), {
      markdown:
        '**Strength of recommendation**\n\nHow firmly the panel recommends, in GRADE terms.',
      range: '20:4-20:12',
    });
  });

  it('over an enum value shows what that value means', () => {
    const shown = hoverOver(at('strength: conditional', 'strength: condi<|>tional'));
    assert.equal(shown?.range, '20:14-20:25');
    assert.match(shown?.markdown ?? '', /^\*\*conditional\*\*\n\nConditional \(weak\): /);
    assert.equal(
      hoverOver(at('    kind: end\n    title: Review', '    kind: e<|>nd\n    title: Review'))
        ?.markdown,
      '**end**\n\nWhere this pathway stops for the patient: discharge, hand-over to another ' +
        'pathway, review. Takes no `next`.',
    );
  });

  it('over the keys and values of computable decisions explains them, by the input type', () => {
    const logic = PATHWAY.replace(
      'start: assess\n',
      'inputs:\n  weeks:\n    type: integer\n    title: Duration of leg pain\n    unit: weeks\n' +
        '  response:\n    type: choice\n    title: Response\n    values: [better, worse]\n' +
        'start: assess\n',
    )
      .replace('        next: urgent\n', '        if: weeks > 6\n        next: urgent\n')
      .replace('    otherwise: smt\n', '    otherwise: smt\n    match: first\n');
    const over = (from: string, to: string) => {
      assert.ok(logic.includes(from), `the pathway has "${from}"`);
      return hoverOver(logic.replace(from, to));
    };
    assert.match(
      over('    unit: weeks', '    un<|>it: weeks')?.markdown ?? '',
      /^\*\*Unit\*\*\n\nThe unit the value is given in/,
    );
    assert.match(
      over('    type: integer', '    type: inte<|>ger')?.markdown ?? '',
      /^\*\*integer\*\*\n\nA whole number: an age in years/,
    );
    assert.match(
      over('    values: [better', '    val<|>ues: [better')?.markdown ?? '',
      /^\*\*Possible answers\*\*\n\nThe answers this input can take, at least two/,
    );
    const condition = over('        if: weeks', '        i<|>f: weeks');
    assert.match(condition?.markdown ?? '', /^\*\*Computable condition\*\*\n\n/);
    assert.equal(condition?.range, '24:8-24:10');
    assert.match(
      over('    match: first', '    match: fi<|>rst')?.markdown ?? '',
      /^\*\*first\*\*\n\nFirst match: the branches are tried from the top/,
    );
  });

  it('over a scenario key explains it', () => {
    const shown = hoverOver(
      `${PATHWAY}scenarios:\n  red-flag:\n    facts: {}\n    exp<|>ect: { end: urgent }\n`,
    );
    assert.match(shown?.markdown ?? '', /^\*\*Expected route\*\*\n\nWhat the scenario's route/);
  });

  it('shows nothing over free text without a schema description, or a file that does not parse', () => {
    assert.equal(hoverOver(`# a comment <|>\n${PATHWAY}`), undefined);
    assert.equal(hoverOver(`${at('next: done', 'next: do<|>ne')}  broken: [\n`), undefined);
  });

  it('counts ranges in UTF-16 after non-ASCII text, in a flow mapping', () => {
    const marked = at(
      '      - when: Saddle anaesthesia or bladder dysfunction\n        next: urgent\n',
      '      - { when: Sättel 😀 anaesthesia, next: urg<|>ent }\n',
    );
    // "😀" is two UTF-16 code units, as editors count.
    assert.deepEqual(hoverOver(marked), {
      markdown:
        '**Urgent surgical assessment**\n\n`urgent` — end\n\nReached from: `red-flags`\n\n' +
        'The pathway ends here.\n',
      range: '14:45-14:51',
    });
  });

  it('answers on a real example', () => {
    const file = fs.readFileSync(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'), 'utf8');
    const shown = hoverOver(file.replace('    next: duration', '    next: dura<|>tion'));
    assert.match(
      shown?.markdown ?? '',
      /^\*\*How long has the leg pain lasted\?\*\*\n\n`duration` — decision/,
    );
  });

  it('over a sub-pathway step, names the pathway it uses and where each of its ends leads', () => {
    const file = path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml');
    const { text, offset } = atCursor(
      fs
        .readFileSync(file, 'utf8')
        .replace('    next: red-flag-screen', '    next: red-<|>flag-screen'),
    );
    const shown = hoverAt(analyzeWithFiles(file, text), offset)?.markdown ?? '';
    assert.match(shown, /`red-flag-screen` — pathway/);
    assert.match(
      shown,
      /Uses \*\*Red-flag screen for back and back-related leg pain\*\* \(`screens\/red-flags\.pathway\.yaml`\), which ends at `emergency`, `urgent`, `clear`\./,
    );
    assert.match(shown, /`emergency-referral` when it ends at `emergency`/);
    assert.match(shown, /`duration` at any other end/);
  });

  it('the language server sends the Markdown with the range of the id', () => {
    const { text, offset } = atCursor(at('next: red-flags', 'next: red-<|>flags'));
    const analysis = analyze(text);
    const found = hover(analysis, offset);
    assert.deepEqual(found?.range, {
      start: { line: 9, character: 10 },
      end: { line: 9, character: 19 },
    });
    assert.deepEqual(found?.contents, {
      kind: 'markdown',
      value: hoverAt(analysis, offset)?.markdown,
    });
  });
});

describe('hover over inputs (in process, on an analysis)', () => {
  const over = (from: string, to: string) => hoverOver(logicWith(from, to));
  const WEEKS =
    '**Duration of leg pain**\n\n`weeks` — input: a whole number, from 0 to 520 weeks\n\n' +
    'Recorded by: `assess`\n\nTested by: `route`\n';

  it('over an input in an if shows its question, what it takes, who records and tests it', () => {
    assert.deepEqual(over('"not red-flag and weeks <= 6"', '"not red-flag and we<|>eks <= 6"'), {
      markdown: WEEKS,
      range: '34:30-34:35',
    });
  });

  it('shows the same over its key, an item of records, a fact and a name folded over lines', () => {
    for (const [from, to] of [
      ['  weeks:\n    type: integer', '  wee<|>ks:\n    type: integer'],
      ['records: [red-flag, weeks]', 'records: [red-flag, we<|>eks]'],
      ['      weeks: 7', '      we<|>eks: 7'],
      ['          weeks > 6', '          weeks<|> > 6'],
    ] as const) {
      assert.equal(over(from, to)?.markdown, WEEKS, to);
    }
  });

  it('over a choice lists its values and detail; over one of its values in an if, says so', () => {
    const response =
      '**Response to care at review**\n\n`response` — input: one of a list of values\n\n' +
      'Values: `improved`, `unchanged`, `worse`\n\nAsked at the 12-week review.\n\n' +
      'Recorded by: `review`\n\nTested by: `response-check`\n';
    assert.equal(over('if: response = improved', 'if: resp<|>onse = improved')?.markdown, response);
    const value = over(
      'if: response in [unchanged, worse]',
      'if: response in [unchanged, wor<|>se]',
    );
    assert.equal(value?.markdown, `\`worse\` is a value of the input \`response\`.\n\n${response}`);
    assert.equal(value?.range, '59:36-59:41');
    const fact = over('      response: improved', '      response: impr<|>oved');
    assert.match(fact?.markdown ?? '', /^`improved` is a value of the input `response`\./);
    const wrong = hoverOver(logicWith('if: response = improved', 'if: response = impro<|>d'));
    assert.match(
      wrong?.markdown ?? '',
      /^`improd` is not one of the values of the input `response`\.\n\n\*\*Response/,
    );
  });

  it('over a yes-or-no input that no step records says it is known from the start', () => {
    const unrecorded = logicWith('records: [red-flag, weeks]', 'records: [weeks]');
    const shown = hoverOver(unrecorded.replace('        if: red-flag', '        if: red-fl<|>ag'));
    assert.equal(
      shown?.markdown,
      '**Bowel or bladder dysfunction, saddle anaesthesia or progressive deficit**\n\n' +
        '`red-flag` — input: yes or no (true or false)\n\n' +
        'Recorded by no step: its value is known from the start and stays the same on every route.\n\n' +
        'Tested by: `route`\n',
    );
  });

  it('over a name that is no input says so', () => {
    const shown = hoverOver(logicWith('if: response = improved', 'if: respo<|>nce = improved'));
    assert.equal(shown?.markdown, 'No input is called `responce`.\n');
  });
});
