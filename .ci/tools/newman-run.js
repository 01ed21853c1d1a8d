// Sends a collection through newman, Postman's own runner, with the values of a Postman
// environment file, and writes which of its requests were sent, in collection order.
// Scripts are removed first (the requests compared are the ones the collection writes), unless
// --scripts is given: then they run, as for a chained collection whose later requests send what
// earlier responses gave, and each request's assertions are written down too.
// Usage: node .ci/tools/newman-run.js COLLECTION ENVIRONMENT OUT [--scripts]
//   OUT: a JSON list, one entry per request: {"name", "status", "error", "assertions"}: the
//   status the server answered (null when nothing was received) and each assertion's name and
//   whether it passed.
const fs = require("fs");
const newman = require("newman");

const [collectionPath, environmentPath, outPath, flag] = process.argv.slice(2);
const scripts = flag === "--scripts";
if (!outPath) {
  console.error("usage: newman-run.js COLLECTION ENVIRONMENT OUT");
  process.exit(2);
}

function withoutScripts(node) {
  if (Array.isArray(node)) return node.map(withoutScripts);
  if (node && typeof node === "object") {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key !== "event") out[key] = withoutScripts(value);
    }
    return out;
  }
  return node;
}

let collection = JSON.parse(fs.readFileSync(collectionPath, "utf8"));
if (collection.collection && !collection.item) collection = collection.collection;
const items = [];
newman
  .run({
    collection: scripts ? collection : withoutScripts(collection),
    environment: JSON.parse(fs.readFileSync(environmentPath, "utf8")),
    reporters: [],
    timeoutRequest: 10000,
    insecure: true,
    ignoreRedirects: true,
  })
  .on("beforeItem", (err, args) => {
    items.push({ id: args.item.id, name: args.item.name, status: null, error: null, assertions: [] });
  })
  .on("request", (err, args) => {
    const entry = items.find((i) => i.id === args.item.id && !i.done);
    if (!entry) return;
    entry.done = true;
    if (err) entry.error = String(err.message || err);
    else entry.status = args.response.code;
  })
  .on("assertion", (err, args) => {
    const entry = items.find((i) => i.id === args.item.id && !i.finished);
    if (entry) entry.assertions.push({ name: args.assertion, passed: !err });
  })
  .on("item", (err, args) => {
    const entry = items.find((i) => i.id === args.item.id && !i.finished);
    if (entry) entry.finished = true;
  })
  .on("done", (err) => {
    if (err) {
      console.error(`newman-run.js: ${collectionPath}: ${err.message || err}`);
      process.exit(1);
    }
    const out = items.map(({ name, status, error, assertions }) => ({ name, status, error, assertions }));
    fs.writeFileSync(outPath, JSON.stringify(out, null, 1) + "\n");
  });
