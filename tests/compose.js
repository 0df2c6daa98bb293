// compose.js — composes the subgraphs `cutline federate -o DIR` wrote (DIR/*.graphql) with
// Apollo's own composition library, as a gateway would. Prints each error and hint; exits 1
// on an error or on a hint about keys or entities, 2 on bad usage. Usage: node compose.js DIR...
'use strict';
const fs = require('fs');
const path = require('path');
const { parse } = require('graphql');
const { composeServices } = require('@apollo/composition');

function compose(dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort();
  if (!files.length) {
    console.log(`${dir}: no .graphql files`);
    return false;
  }
  const services = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    try {
      services.push({ name: f.replace(/\.graphql$/, ''), typeDefs: parse(text) });
    } catch (e) {
      console.log(`${dir}/${f}: ${e.message}`);
      return false;
    }
  }
  const r = composeServices(services);
  let ok = !r.errors || r.errors.length === 0;
  for (const e of r.errors || []) console.log(`${dir}: error: ${e.message}`);
  for (const h of r.hints || []) {
    const bad = /KEY|ENTITY/.test(h.definition.code);
    if (bad) ok = false;
    console.log(`${dir}: hint ${h.definition.code}${bad ? ' (a broken key)' : ''}: ${h.message}`);
  }
  console.log(`${dir}: ${files.length} subgraphs ${ok ? 'compose' : 'do not compose'}` +
              `${r.hints && r.hints.length ? ` (${r.hints.length} hints)` : ''}`);
  return ok;
}

const dirs = process.argv.slice(2);
if (!dirs.length) {
  console.error('usage: node compose.js DIR...');
  process.exit(2);
}
let ok = true;
for (const d of dirs) ok = compose(d) && ok;
process.exit(ok ? 0 : 1);
