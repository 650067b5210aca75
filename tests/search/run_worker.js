// Run a Material for MkDocs search worker in Node.js, as a browser would: send it the search
// index (the SETUP message the page sends), then queries, and print what it answers.
//
//   node run_worker.js WORKER.js SITE_DIR < request.json
//
// request.json: {"queries": [...], "stem": [words], "rewrite": {"settings", "separator", "queries"},
// "typed": [...]}: "typed" queries are sent one after another without waiting for answers, as a
// reader's keystrokes are; the output then has "typed": {"answers": [each answer], "fetched": [paths]}.
// The worker is loaded as if from SITE_DIR/assets/javascripts/workers/, so it can fetch files of
// the site (the shards under search/). Prints JSON: {"built": true if the worker built its own
// lunr index, "index": that index (lunr's JSON) or null, "results": {query: Material's SearchResult},
// "stems": {word: lunr.js's stem}, "rewritten": {query: the handbook worker's rewriting},
// "warnings": [...], "fetched": {query: [site paths the worker fetched while answering it]}}.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [workerPath, siteDir] = process.argv.slice(2);
const request = JSON.parse(fs.readFileSync(0, "utf8") || "{}");
const data = JSON.parse(fs.readFileSync(path.join(siteDir, "search", "search_index.json"), "utf8"));

const listeners = [];
const answers = [];
const warnings = [];
const fetched = [];
/* global self -- the worker's global object, set here as a browser sets it */
globalThis.self = globalThis;
globalThis.location = { href: "http://handbook.test/assets/javascripts/workers/search.js" };
globalThis.fetch = async url => {
  const file = path.join(siteDir, new URL(url).pathname);
  fetched.push(new URL(url).pathname.slice(1));
  if (!fs.existsSync(file)) return { ok: false, status: 404 };
  return { ok: true, status: 200, json: async () => JSON.parse(fs.readFileSync(file, "utf8")) };
};
console.warn = (...args) => warnings.push(args.map(String).join(" "));
globalThis.addEventListener = (type, fn) => { if (type === "message") listeners.push(fn); };
globalThis.postMessage = message => answers.push(message);
vm.runInThisContext(fs.readFileSync(workerPath, "utf8"), { filename: workerPath });

let built = null;
const build = self.lunr.Builder.prototype.build;
self.lunr.Builder.prototype.build = function () { built = build.call(this); return built; };

async function send(message) {
  const before = answers.length;
  for (const listener of listeners) listener({ data: message });
  while (answers.length === before) await new Promise(resolve => setImmediate(resolve));
  return answers[answers.length - 1];
}

(async () => {
  const stems = {};
  for (const word of request.stem || []) stems[word] = self.lunr.stemmer(new self.lunr.Token(word)).toString();
  const rewritten = {};
  if (request.rewrite) {
    const { settings, separator, queries } = request.rewrite;
    for (const query of queries) rewritten[query] = self.handbookRewriteQuery(query, settings, separator);
  }
  const ready = await send({ type: 0, data: { config: data.config, docs: data.docs, options: { suggest: false } } });
  if (ready.type !== 1) throw new Error("the worker did not answer READY");
  const results = {};
  const fetchedBy = {};
  for (const query of request.queries || []) {
    const before = fetched.length;
    results[query] = (await send({ type: 2, data: query })).data;
    fetchedBy[query] = fetched.slice(before);
  }
  let typed = null;
  if (request.typed) {
    const before = answers.length;
    const fetchedBefore = fetched.length;
    for (const query of request.typed) for (const listener of listeners) listener({ data: { type: 2, data: query } });
    /* Done when nothing has been answered or fetched for a while (fetches here take no time). */
    let quiet = 0;
    let seen = -1;
    while (quiet < 50) {
      await new Promise(resolve => setTimeout(resolve, 2));
      const now = answers.length + fetched.length;
      quiet = now === seen ? quiet + 1 : 0;
      seen = now;
    }
    typed = { answers: answers.slice(before).map(answer => answer.data), fetched: fetched.slice(fetchedBefore) };
  }
  const index = built ? built.toJSON() : null;
  process.stdout.write(JSON.stringify({ built: !!built, index, results, stems, rewritten, warnings, fetched: fetchedBy, typed }));
})().catch(error => { console.error(error); process.exit(1); });
