import * as assert from 'node:assert/strict';
import { analyze, fixesFor } from '../../server/src/core';
import {
  completionsAt,
  conditionTokens,
  hoverAt,
  occurrencesOf,
  renameEdits,
} from '../../server/src/core/language';
import { LOGIC_PATHWAY } from '../support/logicPathway';
import { randomSource as generator } from '../support/randomConditions';

/** What an author types into a condition by mistake or half way: signs, quotes, words, breaks. */
const PIECES = [
  '"',
  "'",
  '\\',
  '\\x77',
  '[',
  ']',
  '(',
  ')',
  ',',
  '=',
  '!=',
  '<',
  '>=',
  ' not ',
  ' in ',
  ' and ',
  ' or ',
  '#',
  ': ',
  '\n',
  '\n          ',
  'weeks',
  'red-flag',
  'improved',
  '6',
  '-1.5',
  '😀',
  '\u202e',
  '',
];

/** The offsets where the conditions and records of the pathway are written. */
function logicOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (const match of text.matchAll(/(?:if|records): .*|^ {6}- response$/gmu)) {
    const start = match.index;
    for (let i = 0; i <= match[0].length; i++) offsets.push(start + i);
  }
  return offsets;
}

describe('the editor on conditions typed half way (seeded)', () => {
  const base = Number(process.env.PATHWAY_LOGIC_SEED ?? 20250302);
  const cases = process.env.PATHWAY_LOGIC_SEED ? 1 : 40;

  it(`never throws, stays in the text, and renames only the name itself (${cases} cases from seed ${base})`, () => {
    for (let n = 0; n < cases; n++) {
      const seed = base + n;
      const random = generator(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      let text = LOGIC_PATHWAY;
      const done: string[] = [];
      for (let k = 0, edits = 1 + Math.floor(random() * 3); k < edits; k++) {
        const at = pick(logicOffsets(text));
        const cut = Math.floor(random() * 4);
        const piece = pick(PIECES);
        done.push(`at ${at} cut ${cut} insert ${JSON.stringify(piece)}`);
        text = text.slice(0, at) + piece + text.slice(at + cut);
      }
      try {
        const analysis = analyze(text);
        const inside = (what: string, span: { start: number; end: number }): void =>
          assert.ok(
            span.start >= 0 && span.start <= span.end && span.end <= text.length,
            `${what} ${JSON.stringify(span)} outside the text`,
          );
        if (analysis.model) {
          for (const token of conditionTokens(analysis.model, text)) {
            inside('word', token.span);
            assert.equal(text.slice(token.span.start, token.span.end), token.text);
          }
        }
        for (const occurrence of occurrencesOf(analysis)) {
          inside('occurrence', occurrence.span);
          if (occurrence.kind !== 'input') continue;
          const found = renameEdits(analysis, occurrence.nameSpan.start, 'renamed-input');
          if (!('ok' in found)) continue;
          for (const edit of found.ok) {
            inside('rename edit', edit.span);
            assert.equal(
              text.slice(edit.span.start, edit.span.end),
              occurrence.id,
              'renames only the name',
            );
          }
        }
        for (const offset of logicOffsets(text).filter(() => random() < 0.2)) {
          const found = hoverAt(analysis, offset);
          if (found?.span) inside('hover', found.span);
        }
        const lines = text.split('\n');
        for (const [line, raw] of lines.entries()) {
          if (!/(?:if|records):/u.test(raw)) continue;
          for (
            let character = 0;
            character <= raw.length;
            character += 1 + Math.floor(random() * 4)
          ) {
            for (const item of completionsAt(text, line, character)) {
              assert.ok((item.replaceFrom ?? 0) <= character, 'replaces only what is before');
            }
          }
        }
        for (const finding of analysis.findings) {
          for (const fix of fixesFor(analysis, finding)) {
            for (const edit of fix.edits) inside('quick fix', edit.span);
          }
        }
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        assert.fail(
          `seed ${seed} (replay: PATHWAY_LOGIC_SEED=${seed}); ${done.join('; ')}: ${message}`,
        );
      }
    }
  });
});
