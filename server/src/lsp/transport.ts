// The language server's connection: messages read within size bounds, nothing answered
// before initialize, over stdio, Node IPC, a socket or a pipe.
import { inspect } from 'node:util';
import {
  AbstractMessageReader,
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  Disposable,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  Message,
  StreamMessageWriter,
  type Connection,
  type DataCallback,
  type MessageReader,
  type MessageWriter,
  type ResponseMessage,
} from 'vscode-languageserver/node';

/**
 * The most bytes a message's header block may take: a real one ("Content-Length: N" and
 * perhaps a Content-Type) is under 100 bytes.
 */
export const MAX_HEADER_BYTES = 8 * 1024;

/**
 * The largest message read: far above the text of any pathway an editor sends (a file of
 * 10,000 steps is about 6 MB, and files over 10 MB are not checked unless allowed), and far
 * below what the process could hold.
 */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

/** Sends one message back to the client, whatever becomes of it. */
type Respond = (message: ResponseMessage) => void;

/**
 * Reads messages framed as the Language Server Protocol frames them (headers, a blank
 * line, then Content-Length bytes of JSON) from a byte stream, within bounds: a header
 * block longer than MAX_HEADER_BYTES, or one without a usable Content-Length, or a length
 * over MAX_MESSAGE_BYTES, means the stream is out of step and cannot be trusted to come
 * back in step (what follows may be the middle of a message), so `onBroken` is called and
 * nothing more is read. A body that is not JSON, or not a JSON object, is answered with the
 * JSON-RPC error for it (id null) and reading goes on.
 */
export class BoundedStreamReader extends AbstractMessageReader {
  /** Bytes of a header block not ended yet (while no body is being read). */
  private head: Buffer = Buffer.alloc(0);
  /** The length of the body being read, or -1 while a header is. */
  private bodyLength = -1;
  private body: Buffer[] = [];
  private bodyReceived = 0;
  private broken = false;
  private callback: DataCallback | undefined;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly respond: Respond,
    private readonly onBroken: (reason: string) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (data: Buffer | string): void => {
      this.onData(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    };
    const onError = (error: unknown): void => this.fireError(error);
    const onClose = (): void => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('close', onClose);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('close', onClose);
    });
  }

  private onData(data: Buffer): void {
    let rest = data;
    while (!this.broken && rest.length > 0) {
      if (this.bodyLength < 0) {
        const head = this.head.length > 0 ? Buffer.concat([this.head, rest]) : rest;
        rest = Buffer.alloc(0);
        // Only the bytes a header may take are searched: a stream of anything else is
        // neither kept nor searched beyond them.
        const end = head.subarray(0, MAX_HEADER_BYTES + HEADER_END.length).indexOf(HEADER_END);
        if (end < 0) {
          if (head.length >= MAX_HEADER_BYTES + HEADER_END.length) {
            this.fail(
              `a message header from the editor runs past ${MAX_HEADER_BYTES} bytes without ending`,
            );
            return;
          }
          this.head = head;
          return;
        }
        const length = this.contentLength(head.subarray(0, end).toString('latin1'));
        if (length === undefined) return;
        this.head = Buffer.alloc(0);
        this.bodyLength = length;
        this.body = [];
        this.bodyReceived = 0;
        rest = head.subarray(end + HEADER_END.length);
      }
      const wanted = this.bodyLength - this.bodyReceived;
      const part = rest.subarray(0, wanted);
      rest = rest.subarray(part.length);
      this.body.push(part);
      this.bodyReceived += part.length;
      if (this.bodyReceived < this.bodyLength) return;
      const body = this.body.length === 1 ? (this.body[0] as Buffer) : Buffer.concat(this.body);
      this.body = [];
      this.bodyLength = -1;
      this.deliver(body);
    }
  }

  /** The Content-Length a header block gives; undefined (and the stream broken) if none. */
  private contentLength(block: string): number | undefined {
    let length: number | undefined;
    for (const line of block.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) {
        this.fail(`a message header line from the editor is not "Name: value": ${printable(line)}`);
        return undefined;
      }
      if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
      const value = line.slice(colon + 1).trim();
      if (!/^\d{1,16}$/.test(value)) {
        this.fail(`a message from the editor gives "${printable(value)}" as its Content-Length`);
        return undefined;
      }
      length = Number(value);
    }
    if (length === undefined) {
      this.fail('a message header from the editor has no Content-Length');
    } else if (length > MAX_MESSAGE_BYTES) {
      this.fail(
        `a message from the editor announces ${length} bytes, more than the ${MAX_MESSAGE_BYTES} the server reads`,
      );
      return undefined;
    }
    return length;
  }

  private deliver(body: Buffer): void {
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch {
      this.respond(errorResponse(null, ErrorCodes.ParseError, 'The message is not valid JSON.'));
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.respond(
        errorResponse(
          null,
          ErrorCodes.InvalidRequest,
          'The message is not a JSON-RPC request, notification or response object.',
        ),
      );
      return;
    }
    this.callback?.(message as Message);
  }

  private fail(reason: string): void {
    this.broken = true;
    this.head = Buffer.alloc(0);
    this.body = [];
    this.onBroken(reason);
  }
}

/** Text from the stream for a message on stderr: short, and without control characters. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const visible = text.replace(/[\x00-\x1F\x7F-\x9F]/g, '?');
  return visible.length > 40 ? `${visible.slice(0, 39)}…` : visible;
}

function errorResponse(id: ResponseMessage['id'], code: number, message: string): ResponseMessage {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

/**
 * Passes messages on once the client has sent `initialize`, as the protocol asks: a request
 * before it is answered with ServerNotInitialized, a notification before it is dropped
 * (`exit` excepted, so that a server never initialized can still be stopped).
 */
export class InitializeFirstReader implements MessageReader {
  private initialized = false;
  /** The client asked the server to shut down (an exit after that is a clean one). */
  shutdownRequested = false;

  constructor(
    private readonly reader: MessageReader,
    private readonly respond: Respond,
  ) {}

  get onError(): MessageReader['onError'] {
    return this.reader.onError;
  }

  get onClose(): MessageReader['onClose'] {
    return this.reader.onClose;
  }

  get onPartialMessage(): MessageReader['onPartialMessage'] {
    return this.reader.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.reader.listen((message) => {
      if (Message.isRequest(message)) {
        if (message.method === 'initialize') this.initialized = true;
        else if (!this.initialized) {
          this.respond(
            errorResponse(
              message.id,
              ErrorCodes.ServerNotInitialized,
              `The server is not initialized: "${message.method}" came before "initialize".`,
            ),
          );
          return;
        }
        if (message.method === 'shutdown') this.shutdownRequested = true;
      } else if (
        Message.isNotification(message) &&
        !this.initialized &&
        message.method !== 'exit'
      ) {
        return;
      }
      callback(message);
    });
  }

  dispose(): void {
    this.reader.dispose();
  }
}

/** The value of `--name=value` or `--name value` among the arguments. */
function argument(argv: readonly string[], name: string): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

/**
 * The connection to the client over the transport the command line names (--stdio,
 * --node-ipc, --socket=N, --pipe=NAME), with initialize required first on every one and,
 * over standard input, messages read within bounds (see BoundedStreamReader).
 */
export function createServerConnection(
  argv: readonly string[] = process.argv.slice(2),
): Connection {
  let reader: MessageReader;
  let writer: MessageWriter;
  let stdio = false;
  const socket = argument(argv, '--socket');
  const pipe = argument(argv, '--pipe');
  if (argv.includes('--stdio')) {
    stdio = true;
    writer = new StreamMessageWriter(process.stdout);
    reader = new BoundedStreamReader(process.stdin, respondWith(writer), (reason) => {
      process.stderr.write(
        `pathway language server: ${reason}. The stream is out of step and the server stops; the editor may start it again.\n`,
      );
      process.exit(1);
    });
  } else if (argv.includes('--node-ipc')) {
    reader = new IPCMessageReader(process);
    writer = new IPCMessageWriter(process);
  } else if (socket !== undefined) {
    [reader, writer] = createServerSocketTransport(Number.parseInt(socket, 10));
  } else if (pipe !== undefined) {
    [reader, writer] = createServerPipeTransport(pipe);
  } else {
    // No transport named: vscode-languageserver explains what is missing.
    return createConnection();
  }
  const gated = new InitializeFirstReader(reader, respondWith(writer));
  const connection = createConnection(gated, writer);
  if (stdio) {
    // Standard output carries the protocol: what would be printed there goes to the
    // client's log instead, and the end of standard input ends the server.
    console.log = (...args: unknown[]) => connection.console.log(format(args));
    console.info = (...args: unknown[]) => connection.console.info(format(args));
    console.debug = (...args: unknown[]) => connection.console.log(format(args));
    const end = (): never => process.exit(gated.shutdownRequested ? 0 : 1);
    process.stdin.on('end', end);
    process.stdin.on('close', end);
  }
  return connection;
}

function respondWith(writer: MessageWriter): Respond {
  return (message) => {
    writer.write(message).catch(() => {
      // The client is gone; the reader's close ends the server.
    });
  };
}

function format(args: readonly unknown[]): string {
  return args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' ');
}
