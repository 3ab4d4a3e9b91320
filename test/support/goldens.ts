import type { Finding } from '../../server/src/core';

/**
 * One line per finding, 1-based: `3:5-3:12 error unknown-step: message`; each after `prefix`
 * (`suppressed ` for the findings a comment silences).
 */
export function formatGolden(findings: readonly Finding[], prefix = ''): string {
  return findings
    .map((f) => {
      const { start, end } = f.range;
      return `${prefix}${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${f.severity} ${f.code}: ${f.message}`;
    })
    .join('\n')
    .concat(findings.length > 0 ? '\n' : '');
}

export const UPDATE_GOLDENS = process.env['UPDATE_GOLDENS'] === '1';
