import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalAnalyzer, type Analysis, type CheckOptions, type PathwayModel } from '../core';

interface Entry {
  readonly version: number;
  /** The text analysed: a client may send a stale or repeated version number with new text. */
  readonly text: string;
  readonly options: CheckOptions;
  readonly analysis: Analysis;
}

/**
 * One analysis per (uri, version, settings): diagnostics, hover, completion and every other
 * feature read the same one. Each document keeps an incremental analyzer, so a new version
 * re-reads only what its edits touched.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private readonly analyzers = new Map<string, IncrementalAnalyzer>();
  /** The last model each document had: half-typed text has none, and ids still need names. */
  private readonly models = new Map<string, PathwayModel>();

  get(document: TextDocument, options: CheckOptions): Analysis {
    const entry = this.entries.get(document.uri);
    const text = document.getText();
    if (
      entry &&
      entry.version === document.version &&
      entry.options === options &&
      entry.text === text
    ) {
      return entry.analysis;
    }
    let analyzer = this.analyzers.get(document.uri);
    if (!analyzer) {
      analyzer = new IncrementalAnalyzer();
      this.analyzers.set(document.uri, analyzer);
    }
    const analysis = analyzer.analyze(text, options);
    this.entries.set(document.uri, { version: document.version, text, options, analysis });
    if (analysis.model) this.models.set(document.uri, analysis.model);
    return analysis;
  }

  /** The model of the latest version of a document that had one (that parsed). */
  lastModel(uri: string): PathwayModel | undefined {
    return this.models.get(uri);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.analyzers.delete(uri);
    this.models.delete(uri);
  }

  /** Forgets the analyses (settings changed); the parsed blocks stay, as the text has not. */
  clear(): void {
    this.entries.clear();
  }
}
