// Sends a collection through newman, Postman's own runner, with the values of a Postman
// environment file, and writes which of its requests were sent, in collection order.
// Scripts are removed first: what they do is another check's subject (the requests compared
// here are the ones the collection writes), and a script's side effects would differ per run.
// Usage: node .ci/tools/newman-run.js COLLECTION ENVIRONMENT OUT
//   OUT: a JSON list, one entry per request: {"name", "status", "error"}: the status the
//   server answered (null when nothing was received).
const fs = require("fs");
const newman = require("newman");

const [collectionPath, environmentPath, outPath] = process.argv.slice(2);
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
    collection: withoutScripts(collection),
    environment: JSON.parse(fs.readFileSync(environmentPath, "utf8")),
    reporters: [],
    timeoutRequest: 10000,
    insecure: true,
    ignoreRedirects: true,
  })
  .on("beforeItem", (err, args) => {
    items.push({ id: args.item.id, name: args.item.name, status: null, error: null });
  })
  .on("request", (err, args) => {
    const entry = items.find((i) => i.id === args.item.id && !i.done);
    if (!entry) return;
    entry.done = true;
    if (err) entry.error = String(err.message || err);
    else entry.status = args.response.code;
  })
  .on("done", (err) => {
    if (err) {
      console.error(`newman-run.js: ${collectionPath}: ${err.message || err}`);
      process.exit(1);
    }
    const out = items.map(({ name, status, error }) => ({ name, status, error }));
    fs.writeFileSync(outPath, JSON.stringify(out, null, 1) + "\n");
  });
