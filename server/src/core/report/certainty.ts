// GRADE's certainty of evidence in words and symbols: one table for the audit report, the
// picture, its description for screen readers and the preview's walk-through.

export interface CertaintyWords {
  /** GRADE's usual symbol, e.g. "⊕⊕⊕◯". */
  readonly symbol: string;
  /** Lower case, e.g. "very low". */
  readonly words: string;
}

/** A Map, not an object: a certainty written as "constructor" must find nothing. */
export const CERTAINTY_WORDS: ReadonlyMap<string, CertaintyWords> = new Map([
  ['high', { symbol: '⊕⊕⊕⊕', words: 'high' }],
  ['moderate', { symbol: '⊕⊕⊕◯', words: 'moderate' }],
  ['low', { symbol: '⊕⊕◯◯', words: 'low' }],
  ['very-low', { symbol: '⊕◯◯◯', words: 'very low' }],
]);
