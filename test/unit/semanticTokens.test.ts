import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core';
import { conditionTokens } from '../../server/src/core/language';
import { SEMANTIC_LEGEND, semanticTokens } from '../../server/src/lsp/features/semanticTokens';
import { rangeText } from '../support/cursor';
import { LOGIC_PATHWAY, logicWith } from '../support/logicPathway';

/** Each word of the conditions as `range role text`. */
function words(text: string): string[] {
  const model = analyze(text).model;
  assert.ok(model);
  return conditionTokens(model, text).map(
    (t) => `${rangeText(text, t.span)} ${t.role} ${t.text}${t.input ? ` (${t.input})` : ''}`,
  );
}

/** The LSP tokens decoded: line, character, length and type name. */
function decoded(text: string): string[] {
  const { data } = semanticTokens(analyze(text));
  const out: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl = 0, dc = 0, length = 0, type = 0] = data.slice(i, i + 4);
    line += dl;
    character = dl === 0 ? character + dc : dc;
    out.push(`${line}:${character}+${length} ${SEMANTIC_LEGEND.tokenTypes[type] ?? '?'}`);
  }
  return out;
}

describe('the words of conditions (semantic tokens)', () => {
  it('tells inputs, values, numbers, operators and the words of the language apart', () => {
    assert.deepEqual(words(LOGIC_PATHWAY), [
      '31:12-31:20 input red-flag',
      '34:13-34:16 keyword not',
      '34:17-34:25 input red-flag',
      '34:26-34:29 keyword and',
      '34:30-34:35 input weeks',
      '34:36-34:38 operator <=',
      '34:39-34:40 number 6',
      '38:10-38:13 keyword not',
      '38:14-38:22 input red-flag',
      '38:23-38:26 keyword and',
      '39:10-39:15 input weeks',
      '39:16-39:17 operator >',
      '39:18-39:19 number 6',
      '56:12-56:20 input response',
      '56:21-56:22 operator =',
      '56:23-56:31 value improved (response)',
      '59:12-59:20 input response',
      '59:21-59:23 keyword in',
      '59:25-59:34 value unchanged (response)',
      '59:36-59:41 value worse (response)',
    ]);
  });

  it('sends them to the editor as LSP semantic tokens, one word each, on its line', () => {
    const tokens = decoded(logicWith('if: response = improved', 'if: weeks not in [1, 2] or true'));
    assert.deepEqual(
      tokens.filter((t) => t.startsWith('56:')),
      [
        '56:12+5 variable',
        '56:18+3 keyword',
        '56:22+2 keyword',
        '56:26+1 number',
        '56:29+1 number',
        '56:32+2 keyword',
        '56:35+4 enumMember',
      ],
    );
    assert.equal(tokens.length, words(LOGIC_PATHWAY).length + 4);
    assert.deepEqual(SEMANTIC_LEGEND.tokenTypes, [
      'variable',
      'enumMember',
      'number',
      'keyword',
      'operator',
    ]);
  });

  it('colours a half-typed condition word by word, and none it cannot place exactly', () => {
    const half = words(logicWith('if: response = improved', 'if: response = ('));
    assert.deepEqual(
      half.filter((w) => w.startsWith('56:')),
      ['56:12-56:20 input response', '56:21-56:22 operator ='],
    );
    const escaped = words(
      logicWith('"not red-flag and weeks <= 6"', '"not red-flag and \\x77eeks <= 6"'),
    );
    assert.deepEqual(
      escaped.filter((w) => w.startsWith('34:')),
      [
        '34:13-34:16 keyword not',
        '34:17-34:25 input red-flag',
        '34:26-34:29 keyword and',
        '34:39-34:41 operator <=',
        '34:42-34:43 number 6',
      ],
    );
  });

  it('counts characters in UTF-16 after non-ASCII text and with CRLF line ends', () => {
    const text = logicWith('        if: red-flag\n', '        if: "red-flag" # 😀 rouge\n').replace(
      /\n/g,
      '\r\n',
    );
    assert.deepEqual(decoded(text).slice(0, 1), ['31:13+8 variable']);
    const accented = logicWith('  weeks:\n', '  wéeks:\n').replace(/weeks <= 6/, 'wéeks <= 6');
    // "wéeks" is no input id, but the characters still count in UTF-16.
    assert.ok(words(accented).every((w) => !w.includes('é')));
  });

  it('answers nothing for a file that does not parse', () => {
    assert.deepEqual(semanticTokens(analyze(`${LOGIC_PATHWAY}  broken: [\n`)).data, []);
  });
});
