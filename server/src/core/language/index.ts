// The language features as plain functions over a pathway's text or analysis: completion,
// hover, rename, the outline and the words of conditions. Editors' protocols translate their
// answers; tests call them.
export {
  completionsAt,
  type Completion,
  type CompletionContext,
  type CompletionKind,
} from './completion';
export { hoverAt, type HoverText } from './hover';
export { definitionSpans, namesSymbol, occurrencesOf, sameSymbol } from './occurrences';
export { conditionTokens, type ConditionRole, type ConditionToken } from './conditionTokens';
export { isValidId, renameEdits, renameTarget, type RenameResult } from './rename';
export { foldableSpans, outline, type OutlineEntry, type OutlineKind } from './structure';
export {
  bibliographyEntryOf,
  citesOfEntry,
  readsBibliography,
  referenceAt,
  type FileSpot,
} from './crossFile';
export { pathCompletions, pathSlotAt, type PathSlot } from './pathCompletion';
