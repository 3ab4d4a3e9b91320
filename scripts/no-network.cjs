// What the bundles carry in place of citation-js's fetch helpers (node-fetch, sync-fetch):
// the checker reads BibTeX and RIS text it is given and fetches nothing (docs/security.md).
'use strict';

function refuse() {
  throw new Error('pathway fetches nothing from the network');
}

module.exports = refuse;
module.exports.default = refuse;
module.exports.Headers = class Headers {};
