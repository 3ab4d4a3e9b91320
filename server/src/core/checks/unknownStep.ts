// The `unknown-step` rule: a link to a step id that no step has, with the likely correction
// and how many steps the typo cuts off.
import { branchList, type Link, type PathwayModel } from '../model/pathway';
import { closestMatch, lookAlikeNote } from '../suggest';
import type { RawFinding } from '../types';
import { quote, type Check } from './rule';
import { stepTypos } from './typos';

/**
 * Every written link to a step that names no step (a link that is not text is the schema's
 * to report), with words for where it was written.
 */
export function brokenStepLinks(model: PathwayModel): readonly BrokenLink[] {
  // Two rules ask for them on the same model.
  let links = brokenLinksOf.get(model);
  if (!links) {
    links = findBrokenStepLinks(model);
    brokenLinksOf.set(model, links);
  }
  return links;
}

/** A link to a step that names no step. */
export interface BrokenLink {
  readonly link: Link;
  /** Words for where it was written ("Step "heat" leads to"). */
  readonly from: string;
  /** The id of the step it is written in; undefined for the start. */
  readonly step: string | undefined;
}

const brokenLinksOf = new WeakMap<PathwayModel, BrokenLink[]>();

function findBrokenStepLinks(model: PathwayModel): BrokenLink[] {
  const links: BrokenLink[] = [];
  const broken = (link: Link | undefined): link is Link =>
    link?.target !== undefined && !model.steps.has(link.target);
  if (broken(model.start))
    links.push({ link: model.start, from: 'The pathway starts at', step: undefined });
  for (const step of model.steps.values()) {
    if (broken(step.next)) {
      links.push({ link: step.next, from: `Step ${quote(step.id)} leads to`, step: step.id });
    }
    for (const branch of branchList(step) ?? []) {
      if (!broken(branch.next)) continue;
      const condition = branch.when ? ` (${quote(branch.when.text.trim())})` : '';
      links.push({
        link: branch.next,
        from: `Branch ${branch.index + 1}${condition} of decision ${quote(step.id)} leads to`,
        step: step.id,
      });
    }
    if (broken(step.otherwise)) {
      links.push({
        link: step.otherwise,
        from: `Decision ${quote(step.id)} sends everyone else ("otherwise") to`,
        step: step.id,
      });
    }
  }
  return links;
}

export const unknownStep: Check = {
  run: ({ model, graph }) => {
    const findings: RawFinding[] = [];
    // Without a table of steps there is nothing to compare against: the schema says why.
    if (!model?.hasStepTable) return findings;
    const typos = graph ? stepTypos(model, graph) : undefined;
    for (const { link, from } of brokenStepLinks(model)) {
      const target = link.target;
      if (target === undefined) continue;
      const suggestion = closestMatch(target, model.steps.keys());
      const lookAlike = suggestion ? lookAlikeNote(target, suggestion) : undefined;
      const advice = suggestion
        ? ` Did you mean ${quote(suggestion)}?${lookAlike ? ` ${lookAlike}` : ''}`
        : ' Add that step or correct the id.';
      const cutOff = suggestion ? (typos?.cutOffBy(link) ?? 0) : 0;
      const consequence =
        cutOff === 0
          ? ''
          : ` Until it is corrected, ${cutOff === 1 ? '1 step' : `${cutOff} steps`} cannot be reached.`;
      findings.push({
        code: 'unknown-step',
        message: `${from} ${quote(target)}, but no step has that id.${advice}${consequence}`,
        span: link.span,
        data: { unknownId: target, ...(suggestion ? { suggestion } : {}) },
      });
    }
    return findings;
  },
};
