// The `pathway` settings as the server reads them: per resource, cached until they change,
// and a mistyped value ignored rather than breaking checks.
import type { Connection } from 'vscode-languageserver';
import { isRuleCode, isRuleLevel, type CheckOptions, type RuleCode, type RuleLevel } from '../core';

/** The `pathway` settings section, as the client sends it. */
export interface PathwaySettings {
  rules?: Record<string, unknown>;
  /** The largest file checked, in megabytes (1 MB = 1,048,576 bytes). */
  maxFileSize?: unknown;
}

const MEGABYTE = 1024 * 1024;

const DEFAULTS: Promise<CheckOptions> = Promise.resolve({});

/** Reads settings per resource through workspace/configuration, cached until they change. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<CheckOptions>>();
  private supported = false;

  constructor(private readonly connection: Connection) {}

  /** Whether the client answers workspace/configuration (else defaults apply). */
  setSupported(supported: boolean): void {
    this.supported = supported;
  }

  clear(): void {
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  get(uri: string): Promise<CheckOptions> {
    // One object for every resource: an analysis is kept per options object.
    if (!this.supported) return DEFAULTS;
    let options = this.cache.get(uri);
    if (!options) {
      options = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'pathway' })
        .then(
          (settings: PathwaySettings | null | undefined) => toOptions(settings),
          () => ({}),
        );
      this.cache.set(uri, options);
    }
    return options;
  }
}

/** Keeps only well-formed values: a typo in the settings must not break checking. */
export function toOptions(settings: PathwaySettings | null | undefined): CheckOptions {
  const rules: Partial<Record<RuleCode, RuleLevel>> = {};
  for (const [code, level] of Object.entries(settings?.rules ?? {})) {
    if (isRuleCode(code) && isRuleLevel(level)) rules[code] = level;
  }
  const size = settings?.maxFileSize;
  const maxFileSize =
    typeof size === 'number' && Number.isFinite(size) && size > 0
      ? Math.max(1, Math.round(size * MEGABYTE))
      : undefined;
  return { rules, ...(maxFileSize === undefined ? {} : { maxFileSize }) };
}
