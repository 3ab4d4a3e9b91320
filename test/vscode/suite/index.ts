// The tests module VS Code loads in the extension host (--extensionTestsPath): runs mocha
// over every suite/**/*.test.js and settles when it is done. Mocha's spec report goes to
// the console, which the launcher forwards to its stdout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // No colours: CI counts the plain "N passing" and "N failing" lines.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
  // PATHWAY_TEST_GREP=preview runs only the tests whose titles match (the launcher passes it on).
  const grep = process.env['PATHWAY_TEST_GREP'];
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} VS Code integration test(s) failed`));
      else resolve();
    });
  });
}
