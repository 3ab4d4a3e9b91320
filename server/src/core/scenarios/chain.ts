// What a scenario may name beyond its own file (pathway-files §3): the inputs and steps of the
// pathways its sub-pathways use, along the whole chain of calls, steps named `ID/STEP`.
import { pathwayLogic, type PathwayLogic } from '../checks/decisionLogic';
import { oncePerModel } from '../checks/rule';
import { followed, type UsedPathway } from '../files/calls';
import type { InputDef, Inputs } from '../logic';
import type { PathwayModel, Step } from '../model/pathway';

/** A step of a used pathway, as a scenario names it. */
export interface ChainStep {
  readonly used: UsedPathway;
  readonly step: Step;
  readonly logic: PathwayLogic;
}

export interface CallChain {
  /** This pathway's inputs, then those its sub-pathways add (the first definition wins). */
  readonly inputs: Inputs;
  /** Inputs some step records, here or in a used pathway. */
  readonly recorded: ReadonlySet<string>;
  /** `ID/STEP` → that step of a used pathway, at any depth. */
  readonly steps: ReadonlyMap<string, ChainStep>;
  /**
   * Some call cannot be followed (a missing file, a loop, inputs that disagree, or no files
   * given): a name no known file holds may belong to it, so it is not reported.
   */
  readonly open: boolean;
}

/** The name a used pathway's steps take in routes: its `id`, else its path. */
export function pathwayName(used: UsedPathway): string {
  return used.id ?? used.path;
}

/** The chain of calls of a model, read once. */
export const callChain: (model: PathwayModel, text: string) => CallChain = oncePerModel(
  (model: PathwayModel, text: string): CallChain => {
    const logic = pathwayLogic(model, text);
    const inputs = new Map<string, InputDef>(logic.inputs);
    const recorded = new Set<string>();
    for (const ids of logic.records.values()) for (const id of ids) recorded.add(id);
    const steps = new Map<string, ChainStep>();
    let open = false;
    const seen = new Set<string>();
    const visit = (calling: PathwayModel): void => {
      for (const call of calling.calls?.values() ?? []) {
        const used = followed(call);
        if (!used) {
          open = true;
          continue;
        }
        for (const [id, def] of used.inputs) if (!inputs.has(id)) inputs.set(id, def);
        for (const id of used.records) recorded.add(id);
        if (seen.has(used.path)) continue;
        seen.add(used.path);
        const usedLogic = pathwayLogic(used.analysis.model, used.analysis.parsed.text);
        const name = pathwayName(used);
        for (const step of used.analysis.model.steps.values())
          steps.set(`${name}/${step.id}`, { used, step, logic: usedLogic });
        visit(used.analysis.model);
      }
    };
    visit(model);
    return { inputs, recorded, steps, open };
  },
);
