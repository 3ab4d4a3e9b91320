import { ruleDocUrl, terminalJson } from '../../core';
import { totals, type FileReport } from '../report';

/** One JSON object: every file with its diagnostics (0-based LSP ranges) and a summary. */
export function formatJson(reports: readonly FileReport[]): string {
  const output = {
    files: reports.map(({ file, findings }) => ({
      file,
      diagnostics: findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        range: f.range,
        url: ruleDocUrl(f.code),
        ...(f.data?.suggestion !== undefined ? { suggestion: f.data.suggestion } : {}),
      })),
    })),
    summary: totals(reports),
  };
  return terminalJson(output) + '\n';
}
