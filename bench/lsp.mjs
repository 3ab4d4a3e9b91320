// A minimal language client for the benchmark: spawns a server over stdio, answers its
// requests, and resolves each measured step on the event that ends it (a diagnostics
// notification or a response), never on a timer.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

export class BenchClient {
  /**
   * @param {string[]} args node arguments that start the server
   * @param {(section: string | undefined) => unknown} configuration answers workspace/configuration
   */
  constructor(args, configuration) {
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    /** @type {{ uri: string, resolve: (p: unknown) => void }[]} */
    this.waiters = [];
    this.configured = new Promise((resolve) => (this.onConfigured = resolve));
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const index = this.waiters.findIndex((w) => w.uri === params.uri);
      if (index < 0) return;
      const [waiter] = this.waiters.splice(index, 1);
      waiter.resolve(params);
    });
    this.connection.onRequest('workspace/configuration', (params) => {
      const answer = params.items.map((item) => configuration(item.section));
      setImmediate(() => this.onConfigured());
      return answer;
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification(() => undefined);
    this.connection.listen();
    this.versions = new Map();
  }

  get pid() {
    return this.child.pid;
  }

  async initialize() {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          synchronization: { dynamicRegistration: false },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** The next diagnostics published for `uri`. */
  nextDiagnostics(uri) {
    return new Promise((resolve) => this.waiters.push({ uri, resolve }));
  }

  /** Opens a document; resolves with its first diagnostics. */
  async open(uri, text) {
    this.versions.set(uri, 1);
    const next = this.nextDiagnostics(uri);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    return next;
  }

  /** Replaces a range (an incremental change); resolves with the next diagnostics. */
  async edit(uri, range, text) {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const next = this.nextDiagnostics(uri);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    return next;
  }

  async close(uri) {
    const next = this.nextDiagnostics(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    // Both servers clear a closed document's diagnostics; wait for it so runs do not overlap.
    await Promise.race([next, new Promise((resolve) => setTimeout(resolve, 2000))]);
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  /** Peak resident memory of the server process (VmHWM), in MB. */
  peakMemoryMb() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : NaN;
  }

  async stop() {
    try {
      await Promise.race([
        this.connection.sendRequest('shutdown'),
        new Promise((resolve) => setTimeout(resolve, 2000)),
      ]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone.
    } finally {
      this.connection.dispose();
      this.child.kill();
    }
  }
}
