/**
 * What the suggested corrections of misspelt links would change: one typo is one mistake,
 * so the steps and references it cuts off are the typo's consequence, not more findings.
 */
import type { StepGraph } from '../model/graph';
import type { Link, PathwayModel } from '../model/pathway';
import { closestMatch } from '../suggest';
import { brokenEndKeys, brokenStepLinks } from './brokenLinks';
import { oncePerModel } from './rule';

export interface StepTypo {
  readonly link: Link;
  /** The step it is written in; undefined for the start. */
  readonly step: string | undefined;
  /** The existing step the link most likely meant. */
  readonly suggestion: string;
}

export interface StepTypos {
  /** Every step link that names no step but has a suggested correction. */
  readonly typos: readonly StepTypo[];
  /** Steps on some path from the start once every typo is corrected as suggested. */
  readonly reachableIfCorrected: ReadonlySet<string>;
  /** How many steps only a link's correction would reach (the others corrected too). */
  cutOffBy(link: Link): number;
}

/** The step links' typos of a model and what correcting them would reach. */
export const stepTypos: (model: PathwayModel, graph: StepGraph) => StepTypos =
  oncePerModel(findStepTypos);

function findStepTypos(model: PathwayModel, graph: StepGraph): StepTypos {
  const typos: StepTypo[] = [];
  for (const { link, step } of brokenStepLinks(model)) {
    if (link.target === undefined) continue;
    const suggestion = closestMatch(link.target, model.steps.keys());
    if (suggestion !== undefined) typos.push({ link, step, suggestion });
  }
  // An `ends` key meant as one of the used pathway's ends would lead to its value.
  const endKeys = brokenEndKeys(model).filter(
    (key) => key.suggestion !== undefined && key.to !== undefined && model.steps.has(key.to),
  );
  if (typos.length === 0 && endKeys.length === 0) {
    return { typos, reachableIfCorrected: graph.reachable, cutOffBy: () => 0 };
  }

  // The corrected links as extra edges, by the step they are written in.
  const corrected = new Map<string, { link: Link; to: string }[]>();
  let start = graph.start;
  for (const typo of typos) {
    if (typo.step === undefined) {
      start = typo.suggestion;
      continue;
    }
    const list = corrected.get(typo.step) ?? [];
    list.push({ link: typo.link, to: typo.suggestion });
    corrected.set(typo.step, list);
  }
  for (const key of endKeys) {
    const list = corrected.get(key.step) ?? [];
    list.push({ link: key.link, to: key.to as string });
    corrected.set(key.step, list);
  }

  const reach = (without?: Link): Set<string> => {
    const seen = new Set<string>();
    const first = without === model.start ? graph.start : start;
    if (first === undefined) return seen;
    const queue = [first];
    seen.add(first);
    for (let q = 0; q < queue.length; q++) {
      const at = queue[q] as string;
      const targets = [...(graph.successors.get(at) ?? [])];
      for (const extra of corrected.get(at) ?? [])
        if (extra.link !== without) targets.push(extra.to);
      for (const target of targets) {
        if (seen.has(target)) continue;
        seen.add(target);
        queue.push(target);
      }
    }
    return seen;
  };

  const reachableIfCorrected = reach();
  const cutOff = new Map<Link, number>();
  return {
    typos,
    reachableIfCorrected,
    cutOffBy(link) {
      let count = cutOff.get(link);
      if (count === undefined) {
        const without = reach(link);
        count = 0;
        for (const id of reachableIfCorrected) if (!without.has(id)) count++;
        cutOff.set(link, count);
      }
      return count;
    },
  };
}
