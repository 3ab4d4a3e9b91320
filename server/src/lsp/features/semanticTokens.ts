// Semantic highlighting of conditions: in every `if` the editor can place word for word, input
// names read as variables, a choice's values and true/false as constants, numbers as numbers,
// and the comparisons and the words and/or/not/in as the language's own.
import {
  SemanticTokensBuilder,
  type SemanticTokens,
  type SemanticTokensLegend,
} from 'vscode-languageserver';
import type { Analysis } from '../../core';
import { conditionTokens, type ConditionRole } from '../../core/language';
import { toRange } from '../convert';

const TOKEN_TYPES = ['variable', 'enumMember', 'number', 'keyword', 'operator'] as const;

/** The token types the server sends, announced in its capabilities. */
export const SEMANTIC_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [],
};

const TYPE_OF: Record<ConditionRole, (typeof TOKEN_TYPES)[number]> = {
  input: 'variable',
  value: 'enumMember',
  boolean: 'enumMember',
  number: 'number',
  keyword: 'keyword',
  operator: 'operator',
};

/** The semantic tokens of a document: the words of its conditions, in file order. */
export function semanticTokens(analysis: Analysis): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  if (!analysis.model) return builder.build();
  for (const token of conditionTokens(analysis.model, analysis.parsed.text)) {
    const range = toRange(analysis, token.span);
    // Every placed word lies on one line (it matched the file character for character).
    if (range.start.line !== range.end.line) continue;
    builder.push(
      range.start.line,
      range.start.character,
      range.end.character - range.start.character,
      TOKEN_TYPES.indexOf(TYPE_OF[token.role]),
      0,
    );
  }
  return builder.build();
}
