// The guide to computable decisions (docs/logic.md) shows a pathway and what the checker says
// about it: the example must check as the page says, and the quoted messages must be the
// checker's own words.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core';
import { ROOT } from '../support/paths';

const PAGE = fs.readFileSync(path.join(ROOT, 'docs', 'logic.md'), 'utf8');

function blocks(language: string): string[] {
  const found: string[] = [];
  const fence = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```', 'gm');
  for (const match of PAGE.matchAll(fence)) found.push(match[1] ?? '');
  return found;
}

const example = blocks('yaml').find((block) => block.startsWith('pathway: 1')) ?? '';
const quoted = blocks('text').map((block) => block.trim());

function messages(text: string): string[] {
  return analyze(text).findings.map((f) => `${f.severity} ${f.code}: ${f.message}`);
}

describe('docs/logic.md', () => {
  it('shows a complete example that checks clean', () => {
    assert.ok(example.includes('\ninputs:'), 'the page has its example pathway');
    assert.deepEqual(messages(example), []);
  });

  it('quotes the overlap the checker reports once match: first is removed', () => {
    const firstMatch = '    title: Where should care start?\n    match: first\n';
    assert.ok(example.includes(firstMatch));
    const overlapping = example.replace(firstMatch, '    title: Where should care start?\n');
    const said = messages(overlapping);
    assert.equal(said.length, 1);
    assert.ok(quoted.includes(said[0] ?? ''), `the page quotes: ${said[0]}`);
  });

  it('quotes the impossible branch it explains', () => {
    const impossible = example.replace(
      'if: response = improved',
      'if: response = improved and cauda-equina',
    );
    const said = messages(impossible).filter((m) => m.includes('impossible-branch'));
    assert.equal(said.length, 1);
    assert.ok(quoted.includes(said[0] ?? ''), `the page quotes: ${said[0]}`);
  });
});
