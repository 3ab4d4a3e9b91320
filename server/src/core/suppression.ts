import type { LineIndex } from './text/lineIndex';

/**
 * Comments that silence findings, as linters allow:
 *   # pathway-disable-next-line CODE[, CODE]   the findings starting on the next line
 *   # pathway-disable CODE[, CODE]             the whole file
 * Without codes, every code is silenced.
 */
export interface Suppressions {
  isSuppressed(code: string, line: number): boolean;
}

const DIRECTIVE = /^\s*#\s*pathway-(disable-next-line|disable)\b(.*)$/;
const ALL = '*';

function codesOf(rest: string): string[] {
  // Text after " -- " is a reason for the reader, as in ESLint.
  const list = rest.split(/\s--\s/)[0] ?? '';
  const codes = list
    .split(/[\s,]+/)
    .map((code) => code.trim())
    .filter((code) => code !== '');
  return codes.length > 0 ? codes : [ALL];
}

export function readSuppressions(lines: LineIndex): Suppressions {
  const fileWide = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  // Only lines that mention a directive can hold one: find those without reading every line.
  const mentioned: number[] = [];
  for (
    let at = lines.text.indexOf('pathway-disable');
    at >= 0;
    at = lines.text.indexOf('pathway-disable', at + 1)
  ) {
    const line = lines.positionAt(at).line;
    if (mentioned[mentioned.length - 1] !== line) mentioned.push(line);
  }
  for (const line of mentioned) {
    const text = lines.lineText(line);
    const match = DIRECTIVE.exec(text);
    if (!match) continue;
    const codes = codesOf(match[2] ?? '');
    if (match[1] === 'disable') {
      for (const code of codes) fileWide.add(code);
    } else {
      const target = byLine.get(line + 1) ?? new Set<string>();
      for (const code of codes) target.add(code);
      byLine.set(line + 1, target);
    }
  }
  return {
    isSuppressed(code, line) {
      if (fileWide.has(code) || fileWide.has(ALL)) return true;
      const forLine = byLine.get(line);
      return forLine !== undefined && (forLine.has(code) || forLine.has(ALL));
    },
  };
}
