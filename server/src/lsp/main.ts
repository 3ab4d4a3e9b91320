// The language server's own entry point, bundled as dist/server.js for the VS Code extension.
import { startServer } from './server';

// The transport (--stdio, --node-ipc, --socket=N) is read from the command line.
startServer();
