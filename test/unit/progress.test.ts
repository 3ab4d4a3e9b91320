// Progress of a run over many files: what the editor that forked the command hears over its
// channel, what a person at a terminal sees, and that a pipe or a file gets none of it.
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { progressLine, startProgress, type ProgressMessage } from '../../server/src/cli/progress';
import { CLI, EXAMPLES } from '../support/paths';

/** A clock the test moves by hand, and what was written and sent. */
function watched(isTTY: boolean, channel: boolean) {
  let clock = 0;
  const written: string[] = [];
  const sent: ProgressMessage[] = [];
  return {
    outlets: {
      stderr: { isTTY, write: (text: string) => written.push(text) },
      ...(channel ? { send: (message: ProgressMessage) => sent.push(message) } : {}),
      now: () => clock,
    },
    advance: (ms: number) => (clock += ms),
    written,
    sent,
  };
}

/** The command run as the editor runs it: forked, with the channel Node opens to it. */
function forked(
  args: readonly string[],
  cwd: string,
  { leaveEarly = false } = {},
): Promise<{ status: number | null; stderr: string; messages: unknown[] }> {
  return new Promise((resolve, reject) => {
    const child = fork(CLI, [...args], { cwd, silent: true, execArgv: [] });
    const messages: unknown[] = [];
    let stderr = '';
    child.on('message', (message) => {
      messages.push(message);
      // The editor goes away (a reload, say) while the command runs.
      if (leaveEarly && child.connected) child.disconnect();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout?.resume();
    child.once('error', reject);
    child.once('exit', (status) => resolve({ status, stderr, messages }));
  });
}

describe('progress of a run over many files', function () {
  this.timeout(120_000);

  it('tells the editor each count at most every 100 ms, and always the last', () => {
    const run = watched(false, true);
    const progress = startProgress('published', 5, run.outlets);
    progress.step(); // told: the first
    run.advance(40);
    progress.step(); // too soon
    run.advance(40);
    progress.step(); // too soon
    run.advance(40);
    progress.step(); // told: 120 ms after the first
    progress.step(); // too soon
    progress.end(); // the last count, whenever it comes
    assert.deepEqual(
      run.sent.map((m) => `${m.done}/${m.total}`),
      ['1/5', '4/5', '5/5'],
    );
    assert.deepEqual(run.written, [], 'stderr is not a terminal: nothing is written to it');
  });

  it('shows a terminal one line rewritten in place once the run takes a second, then clears it', () => {
    const quick = watched(true, false);
    const fast = startProgress('checked', 3, quick.outlets);
    for (let i = 0; i < 3; i++) fast.step();
    fast.end();
    assert.deepEqual(quick.written, [], 'a run under a second shows nothing');

    const slow = watched(true, false);
    const progress = startProgress('checked', 3, slow.outlets);
    progress.step();
    slow.advance(1200);
    progress.step();
    slow.advance(500);
    progress.step();
    progress.end();
    assert.deepEqual(slow.written, [
      `\r${progressLine('checked', 2, 3)}`,
      `\r${progressLine('checked', 3, 3)}`,
      '\r\x1b[K',
    ]);
    assert.equal(progressLine('checked', 2, 3), 'pathway: checked 2 of 3 files…');
  });

  it('pathway publish, forked as the editor runs it, tells its progress and prints none to its pipe', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-progress-'));
    try {
      // The examples, with what they cite from and use, but not the flawed ones.
      fs.cpSync(EXAMPLES, dir, {
        recursive: true,
        filter: (source) => !source.includes(`${path.sep}flawed`),
      });
      const total = fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.pathway.yaml')).length;
      assert.ok(total >= 5);
      const run = await forked(['publish', '.', '-o', 'site', '--jobs', '2'], dir);
      assert.equal(run.status, 0, run.stderr);
      const counts = run.messages.map((m) => {
        const message = m as ProgressMessage;
        assert.equal(message.type, 'progress');
        assert.equal(message.total, total);
        return message.done;
      });
      assert.ok(counts.length >= 1);
      assert.equal(counts.at(-1), total, 'the last count is every file');
      assert.deepEqual(
        counts,
        [...counts].sort((a, b) => a - b),
        'the counts only grow',
      );
      assert.doesNotMatch(run.stderr, / of \d+ files/, 'a pipe gets no progress line');
      assert.ok(fs.existsSync(path.join(dir, 'site', 'index.html')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pathway publish goes on to the end when the editor that forked it goes away', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-progress-'));
    try {
      // Enough files that the command is still publishing when the first count arrives.
      const text = fs
        .readFileSync(path.join(EXAMPLES, 'self-management-support.pathway.yaml'), 'utf8')
        .replace(/^bibliography:.*\n(?: {2}- .*\n)*/m, '');
      for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(dir, `copy-${i}.pathway.yaml`), text);
      const run = await forked(['publish', '.', '-o', 'site', '--jobs', '0'], dir, {
        leaveEarly: true,
      });
      assert.ok(run.messages.length >= 1);
      assert.ok([0, 1].includes(run.status ?? -1), run.stderr);
      assert.match(run.stderr, /published 12 pathways to site\/index\.html/);
      assert.equal(fs.readdirSync(path.join(dir, 'site', 'pathways')).length, 12);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
