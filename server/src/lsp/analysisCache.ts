import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type CheckOptions } from '../core';

interface Entry {
  readonly version: number;
  readonly options: CheckOptions;
  readonly analysis: Analysis;
}

/**
 * One analysis per (uri, version, settings): diagnostics, hover, completion and every other
 * feature read the same one.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  get(document: TextDocument, options: CheckOptions): Analysis {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version && entry.options === options) {
      return entry.analysis;
    }
    const analysis = analyze(document.getText(), options);
    this.entries.set(document.uri, { version: document.version, options, analysis });
    return analysis;
  }

  /** The latest analysis of a document, whatever its version (for half-typed text). */
  latest(uri: string): Analysis | undefined {
    return this.entries.get(uri)?.analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
