// check_ftm.js FILE [EVENTS ACCOUNTS] - every line of entities.ftm.json read
// by the FtM model's own JavaScript library (@alephdata/followthemoney), and
// held to the model: a schema that exists and is not abstract, properties
// the schema has, each value a string within its type's length, dates as
// FtM takes them, references to entities of the file of the property's
// range, the schema's required properties, and ids as FtM's entity type
// allows. With EVENTS and ACCOUNTS (events.jsonl and accounts.jsonl of the
// same run), the Events are held to the events: one Event per event (none
// per account), in order, its id made of the event's Id, its name the
// headline, its date, summary (modalities and sources, contested), notes
// (one line per account), proof (its accounts' documents), organizer and
// involved (its agents and patients), place and evidence as events.jsonl
// has them, read through the library. Prints one "FAIL ..." line per
// problem (at most 20 of each kind) and then "schemata: Name=count ...".
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

// ---- the Events against events.jsonl and accounts.jsonl
function readLines(f) {
  return fs.readFileSync(f, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}
// ftm.c's put_n: spaces and tabs trimmed, then cut to max bytes at a character boundary
function fit(s, max) {
  const b = Buffer.from(s.replace(/^[ \t]+|[ \t]+$/g, ''), 'utf8');
  if (b.length <= max) return b.toString('utf8');
  let n = max;
  while (n && (b[n] & 0xc0) === 0x80) n--;
  return b.subarray(0, n).toString('utf8');
}
// ftm.c's ftm_id: each byte but [A-PR-Za-z0-9-] (and a last '-') as "Q" and two hex digits
function ftmId(prefix, s) {
  const b = Buffer.from(s, 'utf8');
  let out = prefix;
  b.forEach((c, i) => {
    const ch = String.fromCharCode(c);
    const plain = /[a-z0-9]/.test(ch) || (/[A-Z]/.test(ch) && ch !== 'Q') || (ch === '-' && i + 1 < b.length);
    out += plain ? ch : 'Q' + c.toString(16).toUpperCase().padStart(2, '0');
  });
  return b.length ? out : out + 'QQ';
}
const NOTES_MAX = 100;
function checkEvents(eventsFile, accountsFile) {
  const events = readLines(eventsFile);
  const accounts = new Map(readLines(accountsFile).map((a) => [a.event_id, a]));
  const ftmEvents = raw.filter(({ d }) => d.schema === 'Event');
  if (ftmEvents.length !== events.length) fail('events', `${ftmEvents.length} Events, ${events.length} events in ${eventsFile}`);
  const named = (schemata) => {
    const m = new Map();
    for (const { d } of raw)
      if (schemata.includes(d.schema)) for (const n of d.properties.name || []) m.set(n, m.has(n) ? null : d.id);
    return m; // name -> the one entity of that name (null: several)
  };
  const parties = named(['Person', 'Organization']);
  const places = named(['Address']);
  events.forEach((e, i) => {
    const where = `Event ${i + 1} (${e.Id})`;
    if (i >= ftmEvents.length) return;
    const d = ftmEvents[i].d;
    const entity = ftm.Entity.fromJSON(model, d);
    const get = (p) => entity.getProperty(p).map((v) => (typeof v === 'string' ? v : v.id));
    const same = (p, want) => {
      const got = get(p);
      if (JSON.stringify(got) !== JSON.stringify(want)) fail(p, `${where}: ${p} ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
    };
    if (e.Id.length < 150) {
      const want = ftmId('event-', e.Id.replace(/^event:/, ''));
      if (d.id !== want) fail('id', `${where}: id ${d.id}, not ${want}`);
    }
    same('recordId', [e.Id]);
    same('name', [fit(e.headline, 384)]);
    if (DATE.test(e.date)) same('date', [e.date]);
    else {
      same('date', []);
      const [s, t] = [get('startDate'), get('endDate')];
      if (e.start && !(s.length === 1 && t.length === 1 && e.start.startsWith(s[0]) && e.end.startsWith(t[0])))
        fail('dates', `${where}: ${e.date} (${e.start} to ${e.end}) as startDate ${s}, endDate ${t}`);
      if (!e.start && (s.length || t.length)) fail('dates', `${where}: ${e.date}: startDate ${s}, endDate ${t}`);
    }
    const summary = (e.contested ? 'contested: ' : '') + e.modalities.toLowerCase().split('; ').join(', ') + (e.sources ? '; sources: ' + e.sources : '');
    same('summary', [fit(summary, 65000)]);
    if (get('keywords').includes('contested') !== e.contested) fail('contested', `${where}: keywords ${get('keywords')}, contested ${e.contested}`);
    const notes = get('notes');
    if (e.contested && !notes.some((n) => n.startsWith('contested: '))) fail('contested', `${where}: no note says why it is contested`);
    const docs = [];
    e.account_ids.forEach((id, k) => {
      const a = accounts.get(id);
      if (!a) return fail('accounts', `${where}: account ${id} is not in ${accountsFile}`);
      if (!docs.includes(a.document)) docs.push(a.document);
      if (k >= NOTES_MAX) return;
      const note = `${a.modality}${a.source ? ' by ' + a.source : ''} in ${a.document}` +
        `${a.date && a.date !== e.date ? ' (dated ' + a.date + ')' : ''}: ${a.sentence}`;
      if (!notes.includes(fit(note, 65000))) fail('notes', `${where}: no note ${JSON.stringify(note)}`);
    });
    if (e.account_ids.length > NOTES_MAX && !notes.some((n) => n.startsWith(`and ${e.account_ids.length - NOTES_MAX} more accounts`)))
      fail('notes', `${where}: ${e.account_ids.length} accounts, and no note counts those not told`);
    // proof: the documents of its accounts, each once, read back by their name
    const proofNames = get('proof').map((id) => (byId.has(id) ? raw[byId.get(id).line - 1].d.properties.name[0] : id));
    if (JSON.stringify(proofNames.slice().sort()) !== JSON.stringify(docs.slice().sort()))
      fail('proof', `${where}: proof ${JSON.stringify(proofNames)}, its accounts' documents ${JSON.stringify(docs)}`);
    // organizer: its agents; involved: its agents and patients (the people and organisations)
    const split = (s) => (s ? s.split('; ') : []);
    const nameOf = (id) => (byId.has(id) ? raw[byId.get(id).line - 1].d.properties.name[0] : id);
    const agents = split(e.agents), patients = split(e.patients);
    for (const id of get('organizer')) if (!agents.includes(nameOf(id))) fail('organizer', `${where}: organizer ${id} is no agent`);
    for (const id of get('involved'))
      if (!agents.includes(nameOf(id)) && !patients.includes(nameOf(id))) fail('involved', `${where}: involved ${id} takes no part`);
    for (const n of agents) if (parties.get(n) && !get('organizer').includes(parties.get(n))) fail('organizer', `${where}: agent ${n} is no organizer`);
    for (const n of agents.concat(patients))
      if (parties.get(n) && !get('involved').includes(parties.get(n))) fail('involved', `${where}: ${n} is not involved`);
    if (e.place && places.get(e.place)) {
      same('addressEntity', [places.get(e.place)]);
      same('location', [fit(e.place, 250)]);
    }
    same('description', [fit(e.evidence, 65000)]);
  });
}
if (process.argv[3]) {
  if (!process.argv[4]) fail('usage', 'EVENTS without ACCOUNTS');
  else checkEvents(process.argv[3], process.argv[4]);
}

console.log('schemata: ' + Object.keys(counts).sort().map((k) => `${k}=${counts[k]}`).join(' '));
console.log(`lines: ${raw.length}`);
process.exit(Object.keys(fails).length ? 1 : 0);
