// The help of every command fits the terminal it is read in: lines break between words at
// its width (from the terminal, or COLUMNS), never inside a word, and say the same thing
// at every width.
import * as assert from 'node:assert/strict';
import { runCli } from '../support/cli';

const COMMANDS: readonly (readonly string[])[] = [
  [],
  ['check'],
  ['render'],
  ['report'],
  ['diff'],
  ['export'],
  ['publish'],
  ['lsp'],
];

function help(command: readonly string[], width: number): string {
  const result = runCli([...command, '--help'], undefined, { COLUMNS: String(width) });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

/** The words of a text in order: the same at every width when no word was cut. */
function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

describe('pathway --help at the width of the terminal', function () {
  this.timeout(120_000);

  for (const command of COMMANDS) {
    const name = ['pathway', ...command, '--help'].join(' ');
    it(`${name}: at 60 and 80 columns no line is wider, and no word is cut`, () => {
      const wide = help(command, 100);
      for (const width of [60, 80]) {
        const text = help(command, width);
        // A single word wider than the page (a web address) can only stand on its own line.
        const over = text
          .split('\n')
          .filter((line) => line.length > width && /\s/.test(line.trim()));
        assert.deepEqual(over, [], `${name} at ${width} columns:\n${text}`);
        assert.deepEqual(words(text), words(wide), `${name} at ${width} columns cuts a word`);
      }
    });
  }

  it('a quoted phrase such as "-o -" is not cut across two lines', () => {
    // A line break inside the quotes would leave no space between its words here.
    assert.match(help(['render'], 60), /"-o -"/);
    const check = help(['check'], 60);
    assert.match(check, /"# pathway-disable-next-line CODE"/);
    assert.match(check, /"# pathway-disable CODE"/);
  });
});
