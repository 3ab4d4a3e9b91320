// `pathway check --format json`: every file's findings as one JSON object for scripts.
import { ruleDocUrl, terminalJson, type Finding } from '../../core';
import { totals, type FileReport } from '../checkResults';

function diagnostic(f: Finding): object {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: f.range,
    url: ruleDocUrl(f.code),
    ...(f.data?.suggestion !== undefined ? { suggestion: f.data.suggestion } : {}),
  };
}

/**
 * One JSON object: every file with its diagnostics (0-based LSP ranges), the findings its
 * `# pathway-disable` comments silence, and a summary.
 */
export function formatJson(reports: readonly FileReport[]): string {
  const output = {
    files: reports.map(({ file, findings, suppressed }) => ({
      file,
      diagnostics: findings.map(diagnostic),
      suppressed: suppressed.map(diagnostic),
    })),
    summary: totals(reports),
  };
  return terminalJson(output) + '\n';
}
