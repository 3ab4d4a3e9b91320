// The flowchart's measures of text, in pixels: what sizes the boxes and labels when the
// diagram is built, and what places the words when it is drawn. Kept apart from the diagram's
// building so that the published page's script can lay out and draw a diagram with no more
// of the core than these.
import type { DiagramUse } from './diagram';

/**
 * Rough text metrics of the flowchart's font (13px sans-serif), so that no DOM is needed:
 * a column (a Latin letter; a CJK character takes two) is about 7 px wide.
 */
export const CHAR_WIDTH = 7;
export const LINE_HEIGHT = 17;
/**
 * Code type (an `if`, recorded inputs) is drawn at 10px in a monospace font, whose every
 * column is 0.6 em wide: 6 px, exactly.
 */
export const CODE_CHAR_WIDTH = 6;
/** A label's lines (11px words and 10px code) are this far apart. */
export const LABEL_LINE_HEIGHT = 14;

/** The words of a decision that takes the first branch that holds, drawn inside it. */
export const FIRST_MATCH_WORDS = '↓ first that holds';

/** The room a sub-pathway's words take under its title. */
export function useHeight(uses: DiagramUse): number {
  return (uses.titleLines.length + uses.fileLines.length) * LABEL_LINE_HEIGHT + 6;
}
