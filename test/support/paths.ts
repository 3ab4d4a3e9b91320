import * as path from 'node:path';

/** The repository root, from the compiled test file's location (out/test/...). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const EXAMPLES = path.join(ROOT, 'examples');
export const CLI = path.join(ROOT, 'bin', 'pathway.js');
/** The conformance cases of pathway files that refer to each other, one folder each. */
export const FIXTURES_FILES = path.join(ROOT, 'test', 'fixtures-files');
