// `pathway check --format sarif`: the findings as SARIF 2.1.0, for code review and CI tools.
import type * as Sarif from 'sarif';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  RULE_INFO,
  ruleDocUrl,
  terminalJson,
  type CheckOptions,
  type Finding,
  type Severity,
} from '../../core';
import type { FileReport } from '../checkResults';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

const SRCROOT = '%SRCROOT%';

function artifactUri(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return { uri: pathToFileURL(path.resolve(cwd, file)).href };
  }
  return {
    uri: relative.split(path.sep).map(encodeURIComponent).join('/'),
    uriBaseId: SRCROOT,
  };
}

/**
 * SARIF 2.1.0: one run, every rule listed with its level for this run. A finding silenced
 * by a `# pathway-disable` comment is listed too, marked as suppressed in the source, so
 * that review tools can show what was silenced.
 */
export function formatSarif(
  reports: readonly FileReport[],
  options: CheckOptions,
  version: string,
  cwd: string,
): string {
  const rules: Sarif.ReportingDescriptor[] = RULE_INFO.map((rule) => {
    const level = options.rules?.[rule.code] ?? rule.defaultSeverity;
    return {
      id: rule.code,
      name: rule.code,
      shortDescription: { text: rule.summary },
      helpUri: ruleDocUrl(rule.code),
      defaultConfiguration:
        level === 'off'
          ? { enabled: false, level: 'none' }
          : { enabled: true, level: LEVEL[level] },
    };
  });
  const ruleIndex = new Map(RULE_INFO.map((rule, index) => [rule.code, index]));

  const results: Sarif.Result[] = [];
  for (const { file, findings, suppressed } of reports) {
    const artifact = artifactUri(file, cwd);
    const all: [Finding, boolean][] = [
      ...findings.map((f): [Finding, boolean] => [f, false]),
      ...suppressed.map((f): [Finding, boolean] => [f, true]),
    ];
    for (const [f, silenced] of all) {
      results.push({
        ruleId: f.code,
        ruleIndex: ruleIndex.get(f.code) ?? 0,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifact,
              region: {
                startLine: f.range.start.line + 1,
                startColumn: f.range.start.character + 1,
                endLine: f.range.end.line + 1,
                endColumn: f.range.end.character + 1,
              },
            },
          },
        ],
        ...(silenced ? { suppressions: [{ kind: 'inSource' }] } : {}),
      });
    }
  }

  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pathway',
            fullName: 'Clinical Pathways checker',
            version,
            informationUri: 'https://github.com/clinical-pathways/clinical-pathways',
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd + path.sep).href } },
        artifacts: reports.map(({ file }) => ({ location: artifactUri(file, cwd) })),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return terminalJson(log) + '\n';
}
