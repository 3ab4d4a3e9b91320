// `pathway check`'s default output: one line per finding, then a count of what was found.
import { printable } from '../files';
import { totals, type FileReport } from '../checkResults';

/** "1 file", "2 files", "0 files". */
function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `FILE:LINE:COL: SEVERITY CODE: MESSAGE` (1-based), then one summary line. */
export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const { file, findings } of reports) {
    for (const f of findings) {
      const { line, character } = f.range.start;
      lines.push(
        `${printable(file)}:${line + 1}:${character + 1}: ${f.severity} ${f.code}: ${f.message}`,
      );
    }
  }
  const sum = totals(reports);
  const suppressed = sum.suppressed > 0 ? `, ${sum.suppressed} suppressed` : '';
  lines.push(
    `${count(sum.files, 'file')} checked: ${count(sum.errors, 'error')}, ${count(sum.warnings, 'warning')}, ${count(sum.infos, 'info')}${suppressed}`,
  );
  return lines.join('\n') + '\n';
}
