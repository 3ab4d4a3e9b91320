// The links written in a pathway that name no step, with words for where each was written:
// what unknown-step reports and what the typo and unreachable-step rules reason about.
import { branchList, type Link, type PathwayModel } from '../model/pathway';
import { oncePerModel, quote } from './rule';

/**
 * Every written link to a step that names no step (a link that is not text is the schema's
 * to report), with words for where it was written.
 */
export const brokenStepLinks: (model: PathwayModel) => readonly BrokenLink[] =
  oncePerModel(findBrokenStepLinks);

/** A link to a step that names no step. */
export interface BrokenLink {
  readonly link: Link;
  /** Words for where it was written ("Step "heat" leads to"). */
  readonly from: string;
  /** The id of the step it is written in; undefined for the start. */
  readonly step: string | undefined;
}

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
