// A pathway with computable decisions for the editor's tests: every kind of input, conditions
// written plain, quoted and folded over two lines, records in a flow and a block list, and a
// scenario. It checks clean.

export const LOGIC_PATHWAY = `pathway: 1
id: leg-pain
title: Back-related leg pain
version: "1"
inputs:
  red-flag:
    type: boolean
    title: Bowel or bladder dysfunction, saddle anaesthesia or progressive deficit
  weeks:
    type: integer
    title: Duration of leg pain
    min: 0
    max: 520
    unit: weeks
  response:
    type: choice
    title: Response to care at review
    values: [improved, unchanged, worse]
    detail: Asked at the 12-week review.
start: assess
steps:
  assess:
    kind: assessment
    title: History and examination
    records: [red-flag, weeks]
    next: route
  route:
    kind: decision
    title: Where next?
    branches:
      - when: Red flag
        if: red-flag
        next: urgent
      - when: Six weeks or less
        if: "not red-flag and weeks <= 6"
        next: advice
      - when: More than six weeks
        if: >-
          not red-flag and
          weeks > 6
        next: advice
  advice:
    kind: action
    title: Advice to stay active
    next: review
  review:
    kind: assessment
    title: Review at 12 weeks
    records:
      - response
    next: response-check
  response-check:
    kind: decision
    title: How has the pain responded?
    branches:
      - when: Improved
        if: response = improved
        next: done
      - when: Unchanged or worse
        if: response in [unchanged, worse]
        next: refer
  urgent:
    kind: end
    title: Urgent surgical assessment
  refer:
    kind: end
    title: Refer for specialist opinion
  done:
    kind: end
    title: Discharge with a home exercise plan
scenarios:
  improving:
    title: Seven weeks of pain, improving at review
    facts:
      red-flag: false
      weeks: 7
      response: improved
    expect:
      end: done
`;

/** The logic pathway with `from` replaced by `to` (which may hold the cursor). */
export function logicWith(from: string, to: string): string {
  if (!LOGIC_PATHWAY.includes(from)) throw new Error(`the logic pathway has no "${from}"`);
  return LOGIC_PATHWAY.replace(from, to);
}
