import * as assert from 'node:assert/strict';
import { analyze, RULE_INFO, RULES } from '../../server/src/core';

const VALID = `pathway: 1
id: brlp
title: Back-related leg pain
version: "1"
start: assess
steps:
  assess:
    kind: assessment
    title: Examine
    next: done
  done:
    kind: end
    title: Review
`;

describe('analyze: options, suppression and robustness', () => {
  it('every rule has a unique code, and the registry matches the format table', () => {
    const codes = RULES.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
    assert.deepEqual(
      RULE_INFO.map((r) => `${r.code}:${r.defaultSeverity}`),
      [
        'yaml-syntax:error',
        'duplicate-key:error',
        'schema:error',
        'unknown-step:error',
        'unknown-reference:error',
        'missing-citation:error',
        'unreachable-step:warning',
        'no-path-to-end:error',
        'missing-otherwise:warning',
        'duplicate-branch:warning',
        'discordant-recommendation:warning',
        'unused-reference:warning',
        'unknown-file:error',
        'invalid-bibliography:error',
        'shadowed-reference:warning',
        'circular-pathway:error',
        'input-mismatch:error',
        'invalid-condition:error',
        'unknown-input:error',
        'missing-condition:warning',
        'overlapping-branches:warning',
        'shadowed-branch:warning',
        'impossible-branch:warning',
        'uncovered-patients:warning',
        'input-not-recorded:warning',
        'unused-input:warning',
        'analysis-limit:info',
        'invalid-fact:error',
        'scenario-failed:error',
        'scenario-stuck:error',
        'untested-branch:off',
        'file-too-large:error',
        'internal-error:error',
      ],
    );
  });

  it('a valid pathway gives nothing', () => {
    assert.deepEqual(analyze(VALID).findings, []);
  });

  it('a rule level from the options replaces the default; off removes the rule', () => {
    const text = VALID.replace('next: done', 'next: dnoe');
    assert.equal(analyze(text).findings[0]?.severity, 'error');
    // With unknown-step off, nothing names the typo: the step it cuts off is reported instead.
    assert.equal(
      analyze(text, { rules: { 'unknown-step': 'info' } }).findings[0]?.severity,
      'info',
    );
    const off = analyze(text, { rules: { 'unknown-step': 'off' } }).findings;
    assert.deepEqual(
      off.map((f) => f.code),
      ['unreachable-step'],
    );
  });

  it('# pathway-disable-next-line silences the named codes on the next line only', () => {
    const text = VALID.replace(
      '    next: done',
      '    # pathway-disable-next-line unknown-step\n    next: nowhere-at-all',
    );
    assert.deepEqual(
      analyze(text).findings.map((f) => f.code),
      ['unreachable-step'],
    );
  });

  it('# pathway-disable silences codes in the whole file', () => {
    const text = `# pathway-disable unknown-step, unreachable-step\n${VALID.replace('next: done', 'next: dnoe')}`;
    assert.deepEqual(analyze(text).findings, []);
  });

  it('unused-reference findings are marked unnecessary (shown faded)', () => {
    const text = `${VALID}references:\n  r1:\n    title: T\n    source: S\n`;
    const [finding] = analyze(text).findings;
    assert.equal(finding?.code, 'unused-reference');
    assert.equal(finding?.unnecessary, true);
  });

  it('never throws on half-typed or hostile input', () => {
    const inputs = [
      '',
      ':',
      '- - -',
      'steps: {a: *x}',
      '&a [*a]',
      'pathway: 1\nsteps:\n  a:\n    kind: decision\n    branches:\n      -\n      - 5\n',
      '{',
      '\u0000\u0001',
      'steps:\n  __proto__:\n    kind: end\n    title: x\n  constructor: 5\n',
    ];
    for (const input of inputs) {
      const analysis = analyze(input);
      for (const finding of analysis.findings) {
        assert.notEqual(
          finding.code,
          'internal-error',
          `${JSON.stringify(input)}: ${finding.message}`,
        );
      }
    }
    assert.equal(({} as Record<string, unknown>)['kind'], undefined, 'no prototype pollution');
  });
});
