// What a published pathway page hands its script: the walk-through's model, the flowchart's
// boxes and arrows to lay out and draw (unless the page carries its chart drawn already) and,
// when the site was published against an earlier revision, the changes since then. The page carries it as
// JSON in the `data-pw` attribute of its flowchart section (escaped like any attribute), so
// the page needs no inline script.
import type { Diagram } from '../flowchart/diagram';
import type { WalkModel } from '../model/walkModel';

/** One change since the earlier revision, in a reviewer's words. */
export interface SiteChange {
  /** The diff's change type: `step-added`, `grade-changed`, `branch-reworded`, … */
  readonly type: string;
  readonly description: string;
  /** The step of this version the change is about (none for references, inputs, removed steps). */
  readonly stepId?: string;
}

export interface SiteData {
  /** The pathway's title, as the page's heading shows it. */
  readonly title: string;
  /** Everything the walk-through needs: steps, ways out, inputs, conditions, scenarios. */
  readonly walk: WalkModel;
  /**
   * The flowchart as the core builds it (every box with its size, every arrow with its
   * label), for the page's script to lay out and draw with the core's own layout and
   * drawing. Absent when the page was published with its chart drawn in it.
   */
  readonly diagram?: Diagram;
  /** With `--since REV`: the changes since that revision (its label, such as `v1.2`). */
  readonly changes?: { readonly otherLabel: string; readonly changes: readonly SiteChange[] };
}
