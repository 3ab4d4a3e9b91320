import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { StreamMessageReader, type Message } from 'vscode-jsonrpc/node';
import { ROOT } from '../support/paths';

/** JSON-RPC's error codes the server must send back. */
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const SERVER_NOT_INITIALIZED = -32002;

interface Response {
  id: number | string | null;
  result?: unknown;
  error?: { code: number; message: string };
}

/**
 * The real server process spoken to in raw bytes over stdio: what a broken or hostile
 * client could send, byte for byte. Responses are read with a real JSON-RPC reader.
 */
class RawServer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly responses: Response[] = [];
  stderr = '';
  private readonly waiters: { match: (r: Response) => boolean; resolve: (r: Response) => void }[] =
    [];
  readonly exited: Promise<number | null>;

  constructor() {
    this.child = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], {
      cwd: ROOT,
    });
    this.child.stderr.on('data', (data: Buffer) => {
      this.stderr += data.toString('utf8');
    });
    // Writes after the server stopped fail with EPIPE: that is what some tests expect.
    this.child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    new StreamMessageReader(this.child.stdout).listen((message: Message) => {
      const response = message as unknown as Response;
      if (!('id' in response)) return;
      this.responses.push(response);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(response)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(response);
        }
      }
    });
  }

  write(bytes: string | Buffer): void {
    this.child.stdin.write(bytes);
  }

  /** One message framed as the protocol frames it. */
  send(message: object | string): void {
    const body = typeof message === 'string' ? message : JSON.stringify(message);
    this.write(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`);
  }

  request(id: number, method: string, params: object = {}): Promise<Response> {
    const answer = this.response((r) => r.id === id);
    this.send({ jsonrpc: '2.0', id, method, params });
    return answer;
  }

  response(match: (r: Response) => boolean): Promise<Response> {
    const found = this.responses.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  initialize(id: number): Promise<Response> {
    return this.request(id, 'initialize', { processId: null, rootUri: null, capabilities: {} });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  stop(): void {
    if (this.running) this.child.kill();
  }
}

const URI = 'file:///work/wire/test.pathway.yaml';
const TEXT =
  'pathway: 1\nid: wire\ntitle: Wire\nversion: "1"\nstart: a\nsteps:\n  a:\n    kind: end\n    title: A\n';

describe('language server wire (the real process, raw bytes over stdio)', function () {
  this.timeout(60_000);
  let server: RawServer;

  beforeEach(() => {
    server = new RawServer();
  });

  afterEach(() => {
    server.stop();
  });

  it('a request before initialize is answered with ServerNotInitialized; a notification is dropped', async () => {
    const early = await server.request(1, 'textDocument/documentSymbol', {
      textDocument: { uri: URI },
    });
    assert.equal(early.error?.code, SERVER_NOT_INITIALIZED);
    assert.match(early.error?.message ?? '', /not initialized/);
    server.send({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } },
    });
    const initialized = await server.initialize(2);
    assert.ok(initialized.result, JSON.stringify(initialized));
    server.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    // The document sent before initialize was never opened: the server holds nothing for it.
    const symbols = await server.request(3, 'textDocument/documentSymbol', {
      textDocument: { uri: URI },
    });
    assert.equal(symbols.error, undefined);
    assert.ok(
      symbols.result === null || (Array.isArray(symbols.result) && symbols.result.length === 0),
    );
    assert.ok(server.running);
  });

  it('exit before initialize stops the server (status 1: no shutdown was asked)', async () => {
    server.send({ jsonrpc: '2.0', method: 'exit' });
    assert.equal(await server.exited, 1);
  });

  it('a message that is not JSON gets a ParseError (id null), and the server keeps working', async () => {
    server.send('{"jsonrpc": "2.0", "id": 1, "method": "initialize", ');
    const parseError = await server.response((r) => r.error?.code === PARSE_ERROR);
    assert.equal(parseError.id, null);
    server.send('[1, 2, 3]');
    const invalid = await server.response((r) => r.error?.code === INVALID_REQUEST);
    assert.equal(invalid.id, null);
    const initialized = await server.initialize(2);
    assert.ok(initialized.result);
    const symbols = await server.request(3, 'textDocument/documentSymbol', {
      textDocument: { uri: URI },
    });
    assert.equal(symbols.error, undefined);
    assert.ok(server.running);
    assert.equal(server.stderr, '');
  });

  it('reads messages split into single bytes and several messages in one write', async () => {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: 'é✓' },
    });
    const framed = Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    for (const byte of framed) server.write(Buffer.from([byte]));
    assert.ok((await server.response((r) => r.id === 1)).result);
    const two = [2, 3]
      .map((id) => {
        const text = JSON.stringify({
          jsonrpc: '2.0',
          id,
          method: 'textDocument/documentSymbol',
          params: { textDocument: { uri: URI } },
        });
        return `Content-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${text}`;
      })
      .join('');
    server.write(two);
    await server.response((r) => r.id === 2);
    await server.response((r) => r.id === 3);
  });

  it('a header that never ends: the server stops with a message instead of keeping it', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'X');
    let sent = 0;
    const write = (): void => {
      if (!server.running || sent >= 64) return;
      sent++;
      server.child.stdin.write(chunk, (error) => {
        if (!error) write();
      });
    };
    write();
    assert.equal(await server.exited, 1);
    assert.match(server.stderr, /a message header from the editor runs past 8192 bytes/);
    assert.match(server.stderr, /the server stops; the editor may start it again/);
    assert.ok(sent < 64, `the server read only the start of the stream (${sent} MB sent)`);
  });

  it('a Content-Length beyond any real message: the server stops at once, reading nothing more', async () => {
    server.write('Content-Length: 99999999999999\r\n\r\n{"jsonrpc": "2.0"');
    assert.equal(await server.exited, 1);
    assert.match(server.stderr, /announces 99999999999999 bytes, more than the 268435456/);
  });

  it('a header without Content-Length, or not a header at all: the server stops with a message', async () => {
    server.write('Content-Type: application/json\r\n\r\n{}');
    assert.equal(await server.exited, 1);
    assert.match(server.stderr, /has no Content-Length/);
    const other = new RawServer();
    try {
      other.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      assert.equal(await other.exited, 1);
      assert.match(other.stderr, /not "Name: value": GET \/ HTTP\/1\.1/);
    } finally {
      other.stop();
    }
  });
});
