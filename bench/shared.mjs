// The bench's shared-files section: 50 open pathways that cite one shared references file.
// An edit to that file re-checks the 50 dependants; the floor is checking the same 50 afresh
// (opening them), in the same server and the same run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const SHARED_PATHWAYS = 50;
export const SHARED_STEPS = 100;
/** The `steps` column of the section's rows. */
export const SHARED_SIZE = `${SHARED_PATHWAYS}×${SHARED_STEPS}`;
export const SHARED_FLOOR = 'shared file: 50 pathways checked afresh';
export const SHARED_RECHECK = 'shared file: edit → 50 dependants re-checked';

const pause = () => new Promise((resolve) => setTimeout(resolve, 200));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * A pathway whose references live in the shared file: the synthetic pathway's own
 * `references` moved out, and a `bibliography` naming the file in their place.
 */
function split(text) {
  const at = text.indexOf('\nreferences:\n');
  const pathway = text
    .slice(0, at + 1)
    .replace(/^version: .*$/m, (line) => `${line}\nbibliography:\n  - shared/lbp.references.yaml`);
  return { pathway, references: text.slice(at + 1) };
}

export async function benchShared({ syntheticPathway, startServer, record, quick }) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'pathway-bench-shared-'));
  const client = await startServer();
  try {
    const { pathway, references } = split(syntheticPathway({ steps: SHARED_STEPS, seed: 7 }));
    mkdirSync(path.join(folder, 'shared'));
    const referencesFile = path.join(folder, 'shared', 'lbp.references.yaml');
    writeFileSync(referencesFile, references);
    const uris = [];
    for (let i = 0; i < SHARED_PATHWAYS; i++) {
      const file = path.join(folder, `p${String(i).padStart(2, '0')}.pathway.yaml`);
      writeFileSync(file, pathway);
      uris.push(pathToFileURL(file).href);
    }
    const all = (list) => Promise.all(list.map((uri) => client.nextDiagnostics(uri)));
    const openAll = async () => {
      const published = all(uris);
      for (const uri of uris) {
        await client.connection.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'yaml', version: 1, text: pathway },
        });
      }
      const found = await published;
      if (found.some((p) => p.diagnostics.some((d) => d.severity === 1))) {
        throw new Error('a pathway of the shared-file bench has errors');
      }
    };
    const runs = quick ? 3 : 7;

    const afresh = [];
    for (let i = -1; i < runs; i++) {
      await pause();
      const start = performance.now();
      await openAll();
      if (i >= 0) afresh.push(performance.now() - start);
      for (const uri of uris) await client.close(uri);
    }
    record(SHARED_FLOOR, SHARED_SIZE, median(afresh));

    await openAll();
    const referencesUri = pathToFileURL(referencesFile).href;
    await client.open(referencesUri, references);
    const title = references.indexOf('title: ') + 'title: '.length;
    const line = references.slice(0, title).split('\n').length - 1;
    const character = title - references.lastIndexOf('\n', title - 1) - 1;
    const recheck = [];
    for (let i = -1; i < runs; i++) {
      await pause();
      const published = all(uris);
      const start = performance.now();
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: referencesUri, version: i + 3 },
        contentChanges: [
          {
            range: { start: { line, character }, end: { line, character } },
            text: i % 2 === 0 ? 'A ' : '',
          },
        ],
      });
      await published;
      if (i >= 0) recheck.push(performance.now() - start);
    }
    record(SHARED_RECHECK, SHARED_SIZE, median(recheck), { floor: SHARED_FLOOR });
  } finally {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
