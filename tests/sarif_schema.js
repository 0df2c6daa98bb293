// sarif_schema.js — validates SARIF files against the SARIF 2.1.0 JSON schema (the final
// 2.1.0-rtm.5 schema, as Microsoft ships it in the npm package @microsoft/jest-sarif), with
// ajv 6 and full format checks (uri, uri-reference, date-time). Both pinned in
// package-lock.json. Prints each error with its JSON pointer; exits 1 when a file is not
// valid, 2 on a missing dependency.
//   node tests/sarif_schema.js FILE...
'use strict';
const fs = require('fs');
const path = require('path');
const top = path.resolve(__dirname, '..');
let Ajv, schema, draft4;
try {
  Ajv = require(path.join(top, 'node_modules/ajv'));
  draft4 = require(path.join(top, 'node_modules/ajv/lib/refs/json-schema-draft-04.json'));
  schema = require(path.join(top, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
} catch (e) {
  console.error('sarif_schema: ' + e.message + ' (run make, which runs npm ci)');
  process.exit(2);
}
const quiet = { log() {}, warn() {}, error: console.error };   // ajv's notes on $id
const ajv = new Ajv({ schemaId: 'id', format: 'full', allErrors: true, logger: quiet });
ajv.addMetaSchema(draft4);
const validate = ajv.compile(schema);
let bad = 0;
for (const file of process.argv.slice(2)) {
  const log = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(log)) continue;
  bad++;
  for (const e of validate.errors.slice(0, 10))
    console.log(file + ': ' + (e.dataPath || '/') + ' ' + e.message +
                (e.params ? ' ' + JSON.stringify(e.params) : ''));
}
process.exit(bad ? 1 : 0);
