import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { ROOT } from './paths';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface Diagnostic {
  range: Range;
  severity: number;
  code: string;
  source: string;
  message: string;
  codeDescription?: { href: string };
  tags?: number[];
}
export interface PublishDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/**
 * A real language client for tests: spawns the built server with --stdio and speaks
 * JSON-RPC to it. Waits are on notifications, never on timers.
 */
export class LspClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly published: PublishDiagnostics[] = [];
  private readonly waiters: {
    match: (p: PublishDiagnostics) => boolean;
    resolve: (p: PublishDiagnostics) => void;
  }[] = [];
  /** What the server reads through workspace/configuration, per section. */
  settings: Record<string, unknown> = { rules: {} };
  private versions = new Map<string, number>();
  /** What the server logged as errors (window/logMessage of type Error). */
  readonly loggedErrors: string[] = [];
  private exited = false;
  /** What the server registered with client/registerCapability, by method. */
  readonly registered: { method: string; registerOptions?: unknown }[] = [];

  constructor(args: readonly string[] = [path.join(ROOT, 'dist', 'server.js'), '--stdio']) {
    this.child = spawn(process.execPath, [...args], { cwd: ROOT });
    this.child.on('exit', () => {
      this.exited = true;
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    this.connection.onNotification(
      'textDocument/publishDiagnostics',
      (params: PublishDiagnostics) => {
        this.published.push(params);
        for (const waiter of [...this.waiters]) {
          if (waiter.match(params)) {
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            waiter.resolve(params);
          }
        }
      },
    );
    this.connection.onRequest(
      'workspace/configuration',
      (params: { items: { section?: string }[] }) => params.items.map(() => this.settings),
    );
    this.connection.onRequest(
      'client/registerCapability',
      (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
        this.registered.push(...params.registrations);
        return null;
      },
    );
    this.connection.onNotification(
      'window/logMessage',
      (params: { type: number; message: string }) => {
        if (params.type === 1) this.loggedErrors.push(params.message);
      },
    );
    this.connection.listen();
  }

  /**
   * Starts the session; `workspaceEdit` is what the client says it can take in edits, and
   * `workspace` the folders it has open (URIs) and whether it watches files for the server.
   */
  async initialize(
    workspaceEdit: Record<string, unknown> = {},
    workspace: { folders?: readonly string[]; watchFiles?: boolean } = {},
  ): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>(
      'initialize',
      {
        processId: process.pid,
        rootUri: null,
        ...(workspace.folders
          ? { workspaceFolders: workspace.folders.map((uri) => ({ uri, name: uri })) }
          : {}),
        capabilities: {
          workspace: {
            configuration: true,
            didChangeConfiguration: { dynamicRegistration: true },
            ...(workspace.watchFiles
              ? { didChangeWatchedFiles: { dynamicRegistration: true } }
              : {}),
            workspaceEdit,
          },
          textDocument: { publishDiagnostics: { versionSupport: true } },
        },
      },
    );
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next diagnostics for `uri` (optionally of a given version). */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnostics> {
    return new Promise((resolve) => {
      this.waiters.push({
        match: (p) => p.uri === uri && (version === undefined || p.version === version),
        resolve,
      });
    });
  }

  allPublished(uri: string): PublishDiagnostics[] {
    return this.published.filter((p) => p.uri === uri);
  }

  /** The diagnostics next published for `uri` that `match` accepts. */
  diagnosticsWhere(
    uri: string,
    match: (p: PublishDiagnostics) => boolean,
  ): Promise<PublishDiagnostics> {
    return new Promise((resolve) => {
      this.waiters.push({ match: (p) => p.uri === uri && match(p), resolve });
    });
  }

  async open(uri: string, text: string): Promise<PublishDiagnostics> {
    this.versions.set(uri, 1);
    const next = this.nextDiagnostics(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    return next;
  }

  /** Replaces the whole text; resolves with the diagnostics of the new version. */
  async change(uri: string, text: string): Promise<PublishDiagnostics> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const next = this.nextDiagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return next;
  }

  /** Applies range edits (LSP incremental sync); resolves once they are sent. */
  async edit(
    uri: string,
    changes: { range: Range; text: string }[],
    version = (this.versions.get(uri) ?? 0) + 1,
  ): Promise<number> {
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return !this.exited && this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.child.kill();
    }
  }
}
