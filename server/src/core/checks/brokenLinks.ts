// The links written in a pathway that name no step, with words for where each was written:
// what unknown-step reports and what the typo and unreachable-step rules reason about.
import { endsKnown } from '../files/calls';
import { branchList, type Link, type PathwayModel } from '../model/pathway';
import { closestMatch } from '../suggest';
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
    for (const route of step.ends) {
      if (!broken(route.next)) continue;
      links.push({
        link: route.next,
        from: `Step ${quote(step.id)} sends patients who stop at ${quote(route.end)} of its sub-pathway to`,
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

/** An `ends` key that names no end of the used pathway. */
export interface BrokenEndKey {
  /** The key, as a link to an end of the used pathway. */
  readonly link: Link;
  /** The `pathway` step it is written in. */
  readonly step: string;
  /** The used pathway's end it most likely meant. */
  readonly suggestion: string | undefined;
  /** The used file as written in `use`, and its ends. */
  readonly used: { readonly written: string; readonly ends: readonly string[] };
  /** The step the entry would lead to once corrected. */
  readonly to: string | undefined;
}

/** Every `ends` key that is not an end of its used pathway (when that pathway is known). */
export const brokenEndKeys: (model: PathwayModel) => readonly BrokenEndKey[] =
  oncePerModel(findBrokenEndKeys);

function findBrokenEndKeys(model: PathwayModel): BrokenEndKey[] {
  const keys: BrokenEndKey[] = [];
  for (const step of model.steps.values()) {
    const call = model.calls?.get(step.id);
    const used = endsKnown(call);
    if (!used) continue;
    for (const route of step.ends) {
      if (used.ends.includes(route.end)) continue;
      keys.push({
        link: { target: route.end, span: route.keySpan, node: route.next.node },
        step: step.id,
        suggestion: closestMatch(route.end, used.ends),
        used: { written: call?.use?.target ?? '', ends: used.ends },
        to: route.next.target,
      });
    }
  }
  return keys;
}
