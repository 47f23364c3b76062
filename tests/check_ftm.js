// check_ftm.js FILE - every line of entities.ftm.json read by the FtM model's
// own JavaScript library (@alephdata/followthemoney), and held to the
// model: a schema that exists and is not abstract, properties the schema
// has, each value a string within its type's length, dates as FtM takes
// them, references to entities of the file of the property's range, the
// schema's required properties, and ids as FtM's entity type allows. Prints
// one "FAIL ..." line per problem (at most 20 of each kind) and then
// "schemata: Name=count ...".
'use strict';
const fs = require('fs');
const ftm = require('@alephdata/followthemoney');

const model = new ftm.Model(ftm.defaultModel);
const file = process.argv[2];
const lines = fs.readFileSync(file, 'utf8').split('\n');
if (lines[lines.length - 1] === '') lines.pop();

const fails = {};
function fail(kind, msg) {
  fails[kind] = (fails[kind] || 0) + 1;
  if (fails[kind] <= 20) console.log(`FAIL ${kind}: ${msg}`);
}

// followthemoney/types/entity.py: REGEX_RAW, and the type's maxLength
const ID = /^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$/;
// followthemoney/types/date.py: an ISO 8601 prefix, no range
const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?$/;

const raw = [];
const byId = new Map();
lines.forEach((text, i) => {
  const where = `${file}:${i + 1}`;
  let d;
  try {
    d = JSON.parse(text);
  } catch (e) {
    fail('json', `${where}: ${e.message}`);
    return;
  }
  const keys = Object.keys(d).sort().join(',');
  if (keys !== 'id,properties,schema') fail('keys', `${where}: keys ${keys}`);
  if (typeof d.id !== 'string' || !ID.test(d.id) || d.id.includes('.') || d.id.length > 200)
    fail('id', `${where}: id ${JSON.stringify(d.id)}`);
  if (byId.has(d.id)) fail('unique', `${where}: id ${d.id} again (line ${byId.get(d.id).line})`);
  byId.set(d.id, { line: i + 1, schema: d.schema });
  raw.push({ where, d });
});

const counts = {};
for (const { where, d } of raw) {
  const schema = model.getSchema(d.schema);
  if (!schema) {
    fail('schema', `${where}: no schema ${d.schema}`);
    continue;
  }
  if (schema.abstract) fail('schema', `${where}: ${d.schema} is abstract`);
  counts[d.schema] = (counts[d.schema] || 0) + 1;
  let entity = null;
  try {
    entity = ftm.Entity.fromJSON(model, d);
    if (entity.id !== d.id) fail('load', `${where}: loaded as ${entity.id}`);
  } catch (e) {
    fail('load', `${where}: the library refuses it: ${e.message}`);
  }
  const props = d.properties || {};
  for (const [name, values] of Object.entries(props)) {
    if (!schema.hasProperty(name)) {
      fail('property', `${where}: ${d.schema} has no property ${name}`);
      continue;
    }
    const prop = schema.getProperty(name);
    if (!Array.isArray(values) || values.length === 0) {
      fail('values', `${where}: ${name} is not a list of values`);
      continue;
    }
    if (entity && entity.getProperty(name).length !== values.length)
      fail('load', `${where}: ${name}: ${values.length} values, the library reads ${entity.getProperty(name).length}`);
    for (const v of values) {
      if (typeof v !== 'string' || v.trim() === '') {
        fail('values', `${where}: ${name}: ${JSON.stringify(v)}`);
        continue;
      }
      if (prop.type.maxLength && [...v].length > prop.type.maxLength)
        fail('length', `${where}: ${name}: ${[...v].length} characters, ${prop.type.name} takes ${prop.type.maxLength}`);
      if (prop.type.name === 'date' && !DATE.test(v)) fail('date', `${where}: ${name}: ${v}`);
      if (prop.type.values && Object.keys(prop.type.values).length && !(v in prop.type.values))
        fail('enum', `${where}: ${name}: ${v} is no ${prop.type.name}`);
      if (prop.type.name === 'entity') {
        const target = byId.get(v);
        if (!target) fail('reference', `${where}: ${name}: ${v} is not in the file`);
        else if (prop.range && !model.getSchema(target.schema).isA(prop.range))
          fail('range', `${where}: ${name}: ${v} is a ${target.schema}, not a ${prop.range.name || prop.range}`);
      }
    }
  }
  // required: the schema's and its ancestors'
  const required = new Set();
  for (const s of [schema, ...schema.getParents()]) for (const r of ftm.defaultModel.schemata[s.name].required || []) required.add(r);
  for (const r of required) if (!(r in props)) fail('required', `${where}: ${d.schema} without ${r}`);
}

console.log('schemata: ' + Object.keys(counts).sort().map((k) => `${k}=${counts[k]}`).join(' '));
console.log(`lines: ${raw.length}`);
process.exit(Object.keys(fails).length ? 1 : 0);
