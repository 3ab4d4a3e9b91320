// The worker thread that reads large files as YAML for the language server (see
// parseThread.ts): the parse is the one long piece of an analysis that cannot pause, so it
// runs here while the server goes on answering. Bundled as dist/parseWorker.js.
import { parentPort } from 'node:worker_threads';
// Only the parser: the worker loads quickly and holds little.
import { flattenParsed } from '../core/parse/flatten';
import { parsePathwayText } from '../core/parse/parse';
import type { ParseJob, ParseResult } from './parseThread';

parentPort?.on('message', ({ id, text, aliasText }: ParseJob) => {
  let result: ParseResult;
  try {
    const flat = flattenParsed(parsePathwayText(text, aliasText));
    result = { id, flat };
    const tree = flat.tree;
    // The arrays move to the server's thread without being copied.
    const moved = tree ? [tree.nodes.buffer, tree.stringEnds.buffer, tree.numbers.buffer] : [];
    parentPort?.postMessage(result, moved as ArrayBuffer[]);
  } catch (error) {
    // The server then reads the text itself, and reports the failure as a finding.
    result = { id, failed: error instanceof Error ? error.message : String(error) };
    parentPort?.postMessage(result);
  }
});
