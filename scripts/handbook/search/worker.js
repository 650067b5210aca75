/*! Safeguarding Procedures Handbook: search index code, scripts/handbook/search/worker.js (minified at build) */
/* Safeguarding Procedures Handbook: the search index built at build time, in Material's worker.
 *
 * The build puts this file in front of Material for MkDocs' own search worker (the same file, so
 * no template changes; see scripts/handbook/adapter/material_search_worker.py). Material's
 * worker builds a lunr index from every page's text each time a page loads, from a file with all
 * of that text: seconds and megabytes on a large handbook. The build cuts its own index into small
 * files instead (scripts/handbook/search/shards.py), and this code fetches, query by query, only
 * what the query needs. It leaves everything else (results, teasers, highlighting, deep links) to
 * Material:
 *
 * 1. The page's "set up" message carries only the manifest (search_index.json has no documents).
 *    Material is set up with no documents, and says it is ready at once.
 * 2. A query goes to Material, whose index (made here, see 3) says what it lacks: the document
 *    table (field lengths and pages), the chunks of terms the query's words begin, then the chunks
 *    holding the text of the results it will show. The answer is held back, those files are
 *    fetched (from file://, where nothing can be fetched, loaded as scripts), Material is set up
 *    again with just the documents to show, and the query is asked again. A file that cannot be
 *    loaded, or is from another build, is said in the result list, never shown as "no results".
 * 3. When Material asks lunr to build an index, it gets one made from the loaded chunks: it
 *    answers search() and query() as lunr.Index would, with the same matches and scores (lunr's,
 *    with the build's settings), on arrays of document numbers, so queries stay fast on a large
 *    handbook. The first TEXT_GROUPS pages of results are given whole, with their text; later
 *    pages come as their title only (Material lists them all, and the reader scrolls to them
 *    rarely), so a query fetches the text of ten pages, not of every page it matches. Material's
 *    highlighting needs the positions of matched words and a position table per field, which lunr
 *    makes while indexing; here they are made only for the results shown, with Material's own
 *    tokenizer.
 * 4. It rewrites each query the way the index expects: section numbers ("S.47", "section 47")
 *    to one term (s47), complete words to their stems, glossary expansions to their
 *    abbreviation too (twin of rewrite_query in search/query.py), and shows the reader only the
 *    reader's own words in the results.
 *
 * Its Python twins, which tests/search/test_worker.py compares with it: the compact index and
 * lunr's scores in scripts/handbook/search/index.py, the files in search/shards.py, the rewriting
 * and the search box in scripts/handbook/search/query.py, words and stems in
 * scripts/handbook/search/tokens.py. The comments below name them search/index.py, and so on.
 *
 * No request to any other host.
 */
(function () {
  "use strict";

  var SETUP = 0;
  var READY = 1;
  var QUERY = 2;
  var RESULT = 3;
  var FORMAT = 2; /* search/shards.py */
  var K1 = 1.2; /* lunr's default, as in search/index.py; b comes with the manifest */
  var DOCUMENTS = "documents";
  /* Material shows 10 pages of results, then 4 more at a time as the reader scrolls. The first
     TEXT_GROUPS pages of results are given whole and highlighted (the first HIGHLIGHT_ALL pages:
     every section, also those under "more on this page"); later pages by their title only. */
  var TEXT_GROUPS = 10;
  var HIGHLIGHT_ALL = 10;
  /* How often Material may be asked one query: the table and terms, then documents, then the answer. */
  var ATTEMPTS = 4;
  var SUPERSEDED = {};

  var lunrValue; /* Material's lunr, wrapped */
  var materialListeners = [];
  var nativeAddEventListener = self.addEventListener;
  var nativePostMessage = self.postMessage;
  var state = {
    settings: null, separator: /[\s-]+/, manifest: null, setup: null, error: null,
    shards: Object.create(null), scripts: Object.create(null), index: null,
    query: null, next: null, missing: null, swallowReady: null, hidden: [], typed: {}
  };

  /* --- 1. The files ------------------------------------------------------------------------- */

  function inIframe() {
    return typeof document !== "undefined"; /* iframe-worker (file://) runs us in a hidden iframe */
  }

  function siteRoot() {
    /* This file is assets/javascripts/workers/search.<hash>.min.js: the site is three levels up. */
    var script = inIframe() ? document.querySelector("script[src]").src : self.location.href;
    return new URL("../../../", script);
  }

  /* Why a file could not be used: the reader is told in the result list (failureResult). */
  function ShardError(name, why) {
    this.name = name;
    this.message = state.manifest.folder + name + (inIframe() ? ".js" : ".json") + " " + why;
  }

  /* A .js shard calls this with its data (search/shards.py, SCRIPT_CALLBACK). */
  self.__handbookShard = function (name, data) {
    var waiting = state.scripts[name];
    if (waiting) waiting(data);
  };

  function loadScript(name, url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      state.scripts[name] = resolve;
      script.src = url + ".js";
      script.onerror = function () { reject(new ShardError(name, "could not be loaded")); };
      document.body.appendChild(script);
    });
  }

  function loadJson(name, url) {
    return fetch(url + ".json").then(function (response) {
      if (!response.ok) throw new ShardError(name, "could not be loaded (HTTP " + response.status + ")");
      return response.json();
    }, function () {
      throw new ShardError(name, "could not be loaded");
    });
  }

  /* One file of the index, fetched once per page load; a failed one is tried again by the next query. */
  function loadShard(name) {
    if (state.shards[name]) return state.shards[name];
    var url = new URL(state.manifest.folder + name, siteRoot()).href;
    var loading = (inIframe() ? loadScript(name, url) : loadJson(name, url)).then(function (data) {
      if (!data || data.build !== state.manifest.build) throw new ShardError(name, "is from another build of the site");
      return data;
    });
    loading.catch(function () { delete state.shards[name]; });
    state.shards[name] = loading;
    return loading;
  }

  /* --- 2. Messages: Material's listener gets each message after ours -------------------------- */

  function deliver(event) {
    materialListeners.forEach(function (listener) { listener.call(self, event); });
  }

  function onMessage(event) {
    var message = event.data;
    if (message && message.type === SETUP) {
      var config = (message.data && message.data.config) || {};
      var handbook = config.handbook;
      state.separator = new RegExp(config.separator || "[\\s\\-]+");
      state.manifest = state.settings = state.error = null;
      state.setup = message.data;
      if (handbook && handbook.format === FORMAT) {
        state.manifest = handbook;
        state.settings = handbook.query;
      } else if (handbook) {
        state.error = "this page expects a search index of format " + handbook.format + ", and this search code reads format " + FORMAT;
      }
    }
    if (message && message.type === QUERY && typeof message.data === "string" && (state.manifest || state.error)) {
      if (state.query) { state.next = event; return; } /* one query at a time; only the latest waits */
      startQuery(event);
      return;
    }
    deliver(event);
  }

  function startQuery(event) {
    if (state.error) { answerFailure(state.error); return; }
    var message = event.data;
    if (state.settings.rewrite !== false) {
      var rewritten = rewriteQuery(message.data, state.settings, state.separator, lunrValue);
      message.data = rewritten.query;
      state.hidden = rewritten.hidden;
      state.typed = rewritten.typed;
    }
    state.query = { event: event, attempts: 0 };
    askMaterial();
  }

  function askMaterial() {
    state.missing = null;
    state.query.attempts++;
    deliver(state.query.event);
  }

  function finishQuery() {
    state.query = null;
    var next = state.next;
    state.next = null;
    if (next) startQuery(next);
  }

  /* Material answered a query. If the index lacked files, they are loaded and Material asked again. */
  function onResult() {
    var missing = state.missing;
    if (!state.query || !missing) return true;
    if (superseded()) return false;
    if (state.query.attempts >= ATTEMPTS) {
      answerFailure("the search index did not give this query what it needs");
      return false;
    }
    Promise.all(missing.names.map(loadShard)).then(function (loaded) {
      /* The table first: the terms' scores need the documents' lengths. */
      missing.names.forEach(function (name, i) { if (name === DOCUMENTS) addShard(state.index, name, loaded[i]); });
      missing.names.forEach(function (name, i) { if (name !== DOCUMENTS) addShard(state.index, name, loaded[i]); });
      if (superseded()) return SUPERSEDED;
      if (!missing.shown) return undefined;
      return setUpMaterial(materialDocuments(state.index, missing.shown).list);
    }).then(function (outcome) {
      if (outcome !== SUPERSEDED) askMaterial();
    }, function (error) {
      answerFailure(error && error.message ? error.message : String(error));
    });
    return false;
  }

  /* Whether the reader has typed on since this query was asked: then it is dropped, at the end of
     a round of fetching, and the latest query goes on. A reader typing "child protection" asks
     sixteen queries; the text of the results of "ch", "chi" and "chil", which nobody reads, is not
     fetched. Material lists whatever result comes last, so a dropped query needs no answer. */
  function superseded() {
    if (!state.next) return false;
    finishQuery();
    return true;
  }

  /* Material set up again with the documents a query shows (its own "set up" message, its own
     code), before it is asked the query again. Its "ready" is not the page's to hear. */
  function setUpMaterial(docs) {
    return new Promise(function (resolve) {
      state.swallowReady = resolve;
      var data = {};
      Object.keys(state.setup).forEach(function (key) { data[key] = state.setup[key]; });
      data.docs = docs;
      deliver({ data: { type: SETUP, data: data } });
    });
  }

  /* The reader is told, in the result list, why search cannot answer; never an empty list. */
  function failureResult(why) {
    return {
      items: [[{
        location: "",
        title: "Search could not load part of its index",
        text: "Reload the page to search again: the handbook may have been updated since this page was opened. " +
          "If this keeps happening, tell the handbook's administrators. (Details: " + why + ".)",
        score: 1,
        terms: {}
      }]]
    };
  }

  function answerFailure(why) {
    console.warn("Search: " + why);
    nativePostMessage.call(self, { type: RESULT, data: failureResult(why) });
    finishQuery();
  }

  /* Results: Material lists a result's missing words (terms marked false) and highlights the
     matched ones on the page it links to (terms marked true). Words the search box added are not
     the reader's to see; a missing word is shown as the reader typed it, not as its stem. */
  function showReadersWords(message) {
    (message.data.items || []).forEach(function (group) {
      group.forEach(function (item) {
        var terms = item.terms;
        if (!terms) return;
        state.hidden.forEach(function (term) { delete terms[term]; });
        Object.keys(terms).forEach(function (term) {
          var typed = state.typed[term];
          if (terms[term] === false && typed && typed !== term) {
            delete terms[term];
            terms[typed] = false;
          }
        });
      });
    });
  }

  self.postMessage = function (message) {
    if (message && message.type === READY && state.swallowReady) {
      var resolve = state.swallowReady;
      state.swallowReady = null;
      resolve();
      return undefined;
    }
    if (message && message.type === RESULT && message.data) {
      if (!onResult()) return undefined;
      showReadersWords(message);
      var answered = state.query;
      var result = nativePostMessage.apply(self, arguments);
      if (answered) finishQuery();
      return result;
    }
    return nativePostMessage.apply(self, arguments);
  };

  self.addEventListener = function (type, listener) {
    if (type === "message") { materialListeners.push(listener); return undefined; }
    return nativeAddEventListener.apply(self, arguments);
  };
  nativeAddEventListener.call(self, "message", onMessage);

  /* --- 3. The index Material searches, from the compact one -------------------------------- */

  /* The stem of a lower-case word: twin of word_stem() in search/tokens.py (the irregular
     plurals come from there, in the search index's settings). */
  function stemOf(word, settings, lunr) {
    var irregular = settings.irregular || {};
    if (Object.prototype.hasOwnProperty.call(irregular, word)) return irregular[word];
    return lunr.stemmer(new lunr.Token(word)).toString();
  }

  /* The index terms of one word: twin of IndexSettings.terms() in search/index.py. */
  function termsOf(word, settings, lunr, cache) {
    var found = cache[word];
    if (found) return found;
    var token = new lunr.Token(word);
    if (settings.trimmer) token = lunr.trimmer(token);
    var text = token.toString();
    found = [];
    if (text && !(settings.stopWords && lunr.stopWordFilter(token) === undefined)) {
      found.push(text);
      if (settings.stemming) {
        var stemmed = stemOf(text, settings, lunr);
        if (stemmed && stemmed !== text) found.push(stemmed);
      }
    }
    cache[word] = found;
    return found;
  }

  /* One compact posting list (gap * 8 + frequency per document; see IndexBuilder.compact in
     search/index.py): the documents, ascending, and the term's frequency in each. Typed arrays
     from the start: a common word lists most of the handbook's documents, and building plain
     arrays first made the first query spend its time collecting garbage. */
  function decode(ints) {
    var length = 0;
    for (var k = 0; k < ints.length; k++, length++) if (ints[k] % 8 === 0) k++; /* a frequency follows */
    var docs = new Int32Array(length);
    var frequencies = new Int32Array(length);
    var doc = -1;
    var n = 0;
    for (var i = 0; i < ints.length; i++) {
      var value = ints[i];
      var frequency = value % 8;
      doc += (value - frequency) / 8;
      if (frequency === 0) frequency = ints[++i];
      docs[n] = doc;
      frequencies[n++] = frequency;
    }
    return [docs, frequencies];
  }

  /* Whether a sorted array holds a value (is a document in a posting list?): a binary search. */
  function contains(sorted, value) {
    var low = 0;
    var high = sorted.length - 1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (sorted[middle] === value) return true;
      if (sorted[middle] < value) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  /* Material's setup function configures a lunr.Builder (fields, boosts, documents, tokenizer).
     It is run here on a stand-in that records all that and builds nothing. */
  function runSetup(lunr, setup) {
    var material = { extractors: {}, fieldBoosts: {}, docs: [], tokenize: null };
    var builder = {
      pipeline: new lunr.Pipeline(),
      searchPipeline: new lunr.Pipeline(),
      metadataWhitelist: [],
      tokenizer: lunr.tokenizer,
      b: function () {},
      k1: function () {},
      ref: function () {},
      use: function () { throw new Error("language plugins need an index built in the browser"); },
      field: function (name, attributes) {
        material.extractors[name] = attributes && attributes.extractor;
        material.fieldBoosts[name] = (attributes && attributes.boost) || 1;
      },
      add: function (doc) { material.docs.push(doc); }
    };
    setup.call(builder, builder);
    material.tokenize = builder.tokenizer; /* Material's tokenizer, set by its setup function */
    return material;
  }

  /* The handbook's index, for the whole page load: what is loaded of it so far. A term's
     postings in a field are kept at t * width + f, t being the term's number in lunr's order
     (the manifest says where each chunk starts), so scores add up in lunr's order. */
  function newIndex(lunr, manifest, settings, fieldBoosts) {
    return {
      lunr: lunr,
      settings: settings,
      manifest: manifest,
      fields: manifest.fields,
      width: manifest.fields.length,
      count: manifest.documents,
      fieldBoosts: fieldBoosts,
      b: manifest.b || 0,
      table: null, /* lengths, averages, pages, boosts: from the document table */
      version: 0, /* counts the table and term chunks loaded: a kept ranking is for one version */
      ranking: null, /* the last query's (rankingOf) */
      terms: [],
      termNumber: Object.create(null),
      stored: [], /* term number -> its postings as stored, until decoded */
      postingDocs: [],
      postingScores: [],
      root: null, /* lunr's token set of the loaded terms, made when needed */
      docs: [], /* document number -> document, once its chunk is loaded */
      numberOf: Object.create(null), /* location -> document number */
      extra: Object.create(null), /* document number -> synonym words added to it */
      pipeline: new lunr.Pipeline(), /* the search pipeline: empty, the search box stems words itself */
      termCache: Object.create(null)
    };
  }

  /* A loaded file, into the index (its name says what it is: search/shards.py). */
  function addShard(index, name, data) {
    if (name === DOCUMENTS) addTable(index, data);
    else if (name.charAt(0) === "t") addTerms(index, data);
    else addDocuments(index, data);
  }

  /* The document table: every document's field lengths and boost, and each page's first
     document, address and title, which ranking and Material's grouping need for every match. */
  function addTable(index, data) {
    if (index.table) return;
    var count = index.count;
    var lengths = decodeLengths(data.lengths, count);
    var pages = pagesOf(data);
    var pageOf = new Int32Array(count);
    var isArticle = new Uint8Array(count);
    for (var p = 0; p < pages.length; p++) {
      var end = p + 1 < pages.length ? pages[p + 1][0] : count;
      isArticle[pages[p][0]] = 1;
      for (var d = pages[p][0]; d < end; d++) pageOf[d] = p;
    }
    var boosts = new Float64Array(count); /* one base-36 digit per document: its value's number */
    for (var b = 0; b < count; b++) boosts[b] = data.boostValues[base36Digit(data.boosts.charCodeAt(b))];
    index.table = {
      lengths: lengths,
      averages: averageLengths(index.fields, lengths, count),
      pages: pages,
      pageOf: pageOf,
      isArticle: isArticle
    };
    index.docBoosts = boosts;
    index.version++;
  }

  /* Each field's lengths come as one string of fixed-width base-36 numbers (encode_lengths in
     search/shards.py); here, as lunr keeps them: document by document, field by field. */
  function decodeLengths(columns, count) {
    var width = columns.length;
    var lengths = new Int32Array(count * width);
    columns.forEach(function (text, f) {
      var digits = count ? text.length / count : 1;
      var at = 0;
      for (var d = 0; d < count; d++) {
        var value = 0;
        for (var k = 0; k < digits; k++) value = value * 36 + base36Digit(text.charCodeAt(at++));
        lengths[d * width + f] = value;
      }
    });
    return lengths;
  }

  /* The value of one base-36 digit, from its character code ("0"-"9", then "a"-"z"): without
     parseInt and a string per number, as the table holds a number per document and field. */
  function base36Digit(code) {
    return code < 58 ? code - 48 : code - 87;
  }

  /* [first document, address, title] of each page; addresses come front-coded (front_code). */
  function pagesOf(data) {
    var previous = "";
    return data.starts.map(function (start, p) {
      var coded = data.locations[p];
      previous = previous.slice(0, coded[0]) + coded[1];
      return [start, previous, data.titles[p]];
    });
  }

  /* Each field's average length over the documents, for lunr's length normalisation (b). */
  function averageLengths(fields, lengths, count) {
    var width = fields.length;
    return fields.map(function (field, f) {
      var total = 0;
      for (var d = 0; d < count; d++) total += lengths[d * width + f] || 0;
      return count ? total / count : 0;
    });
  }

  /* A term chunk: its terms, and their postings as stored. A chunk holds many terms a query
     does not match; a term's postings are decoded, with lunr's scores, when a query first
     matches it (termPostings). */
  function addTerms(index, chunk) {
    for (var i = 0; i < chunk.terms.length; i++) {
      var t = chunk.start + i;
      if (index.terms[t] !== undefined) continue;
      index.terms[t] = chunk.terms[i];
      index.termNumber[chunk.terms[i]] = t;
      index.stored[t] = chunk.postings[i];
    }
    index.root = null;
    index.version++;
  }

  /* A document chunk: the documents, and the synonym words the build added to them
     ([document, field, word, positions...]), which highlighting needs: no tokenizer finds them. */
  function addDocuments(index, chunk) {
    chunk.docs.forEach(function (doc, i) {
      index.docs[chunk.start + i] = doc;
      index.numberOf[doc.location] = chunk.start + i;
    });
    chunk.extra.forEach(function (entry) {
      (index.extra[entry[0]] || (index.extra[entry[0]] = [])).push(entry);
    });
  }

  /* lunr's token set of the loaded terms, which expands wildcard and fuzzy words. */
  function tokenSet(index) {
    if (index.root) return index.root;
    var builder = new index.lunr.TokenSet.Builder();
    index.terms.forEach(function (term) { builder.insert(term); }); /* ascending: lunr's order */
    builder.finish();
    index.root = builder.root;
    return index.root;
  }

  /* Term t's postings in every field, decoded with their scores the first time a query needs
     them (the document table must be loaded). */
  function termPostings(index, t) {
    var stored = index.stored[t];
    if (stored === undefined) return;
    index.stored[t] = undefined;
    addTermPostings(index, t, stored.map(decode));
  }

  /* One term's postings in every field. Its inverse document frequency counts a document once
     for each field the term is in, as lunr.idf does. */
  function addTermPostings(index, t, decoded) {
    var withTerm = 0;
    decoded.forEach(function (pair) { withTerm += pair[0].length; });
    var idf = Math.log(1 + Math.abs((index.count - withTerm + 0.5) / (withTerm + 0.5)));
    for (var f = 0; f < index.width; f++) {
      index.postingDocs[t * index.width + f] = decoded[f][0];
      index.postingScores[t * index.width + f] = fieldScores(index, f, decoded[f], idf);
    }
  }

  /* lunr's vector element for each document of one term's posting list in field f, as
     lunr.Builder.createFieldVectors computes it: BM25, times the field's and the document's
     boosts, to three decimals. The same operations in the same order, so the same numbers. */
  function fieldScores(index, f, posting, idf) {
    var list = posting[0];
    var frequencies = posting[1];
    var b = index.b;
    var width = index.width;
    var lengths = index.table.lengths;
    var average = index.table.averages[f];
    var boost = index.fieldBoosts[index.fields[f]];
    var scores = new Float64Array(list.length);
    for (var i = 0; i < list.length; i++) {
      var frequency = frequencies[i];
      var norm = b ? 1 - b + b * (lengths[list[i] * width + f] / average) : 1;
      var score = idf * ((K1 + 1) * frequency) / (K1 * norm + frequency);
      score *= boost;
      score *= index.docBoosts[list[i]];
      scores[i] = Math.round(score * 1000) / 1000;
    }
    return scores;
  }

  /* --- What a query lacks ----------------------------------------------------------------- */

  /* The number of the chunk a term falls in: the last chunk whose first term is not after it. */
  function chunkOf(firsts, term) {
    var low = 0;
    var high = firsts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (firsts[middle] <= term) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /* The term chunks a clause may match in: the chunk of its word and, for a word ending in a
     wildcard, the chunks after it whose terms begin with that word. A fuzzy word, or a wildcard
     before any letter, may match any term: every chunk. */
  function clauseChunks(firsts, clause) {
    var term = clause.term;
    var star = term.indexOf("*");
    var prefix = star === -1 ? term : term.slice(0, star);
    if (clause.editDistance || !prefix) return firsts.map(function (first, i) { return i; });
    var chunks = [];
    var first = chunkOf(firsts, prefix);
    chunks.push(first);
    if (star !== -1) {
      for (var i = first + 1; i < firsts.length && firsts[i].indexOf(prefix) === 0; i++) chunks.push(i);
    }
    return chunks;
  }

  /* The files a parsed query needs before it can be ranked, not yet loaded: the document table
     and the term chunks of its words. */
  function lackingForRanking(index, query) {
    var names = index.table ? [] : [DOCUMENTS];
    var firsts = index.manifest.termChunks;
    query.clauses.forEach(function (clause) {
      clauseChunks(firsts, clause).forEach(function (chunk) {
        var name = "t" + chunk;
        if (index.terms[index.manifest.termStarts[chunk]] === undefined && names.indexOf(name) === -1) names.push(name);
      });
    });
    return names;
  }

  /* The document chunks holding documents not yet loaded. */
  function chunksOfDocuments(index, numbers) {
    var names = [];
    var starts = index.manifest.docChunks;
    numbers.forEach(function (d) {
      if (index.docs[d]) return;
      var name = "d" + chunkOf(starts, d);
      if (names.indexOf(name) === -1) names.push(name);
    });
    return names;
  }

  /* lunr.Index.prototype.query, step for step, on arrays: the matching documents, best first,
     and the term-field pairs matched (t * width + f, in lunr's order) for the match data. */
  function runQuery(index, query) {
    var matching = newMatching(index);
    query.clauses.forEach(function (clause) { matchClause(index, matching, clause); });
    if (matching.all) matchEverything(index, matching);
    var similarity = similarities(index, matching);
    var results = [];
    matching.order.forEach(function (d) {
      if (allowed(matching, d)) results.push({ d: d, score: documentScore(index, matching, similarity, d) });
    });
    results.sort(function (x, y) { return y.score - x.score; });
    return { results: results, processed: matching.processed };
  }

  /* What one query has matched so far, as lunr.Index.prototype.query keeps it (in objects keyed
     by field and document), here in arrays of documents. */
  function newMatching(index) {
    return {
      matchedField: new Uint8Array(index.count * index.width),
      fieldOrder: new Uint8Array(index.count * index.width), /* the order a document's fields matched */
      fieldsMatched: new Uint8Array(index.count),
      order: [], /* the documents, in the order they first matched */
      vectors: index.fields.map(function () { return new Map(); }), /* the query's vector per field */
      required: {}, /* field: the documents it may match (null: every document) */
      prohibited: {}, /* field: the documents it must not match */
      processed: [], /* t * width + f, in lunr's order, for the match data */
      cache: Object.create(null),
      all: true /* lunr: a query with no clause, or only prohibited ones, matches everything */
    };
  }

  /* One clause of a query: its term through the search pipeline, each result expanded with the
     token set (wildcards, fuzzy words) and matched in each of the clause's fields. */
  function matchClause(index, matching, clause) {
    var PRESENCE = index.lunr.Query.presence;
    var clauseMatches = clause.presence === PRESENCE.REQUIRED ? new Uint8Array(index.count) : null;
    if (clause.presence !== PRESENCE.PROHIBITED) matching.all = false;
    var clauseTerms = clause.usePipeline ? index.pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
    for (var m = 0; m < clauseTerms.length; m++) {
      clause.term = clauseTerms[m];
      var expanded = index.base.root.intersect(index.lunr.TokenSet.fromClause(clause)).toArray();
      if (expanded.length === 0 && clause.presence === PRESENCE.REQUIRED) {
        clause.fields.forEach(function (field) { matching.required[field] = new Uint8Array(index.count); });
        break;
      }
      expanded.forEach(function (term) {
        clause.fields.forEach(function (field) {
          matchTerm(index, matching, clause, index.termNumber[term], field, clauseMatches);
        });
      });
    }
    if (clause.presence === PRESENCE.REQUIRED) requireClause(index, matching, clause, clauseMatches);
  }

  /* One expanded term of a clause, in one field. A required clause notes the documents it
     matches, a prohibited one those it rules out; any other clause adds the term to the query's
     vector and, the first time this term and field come up, marks the documents they match. */
  function matchTerm(index, matching, clause, t, field, clauseMatches) {
    var PRESENCE = index.lunr.Query.presence;
    var f = index.fields.indexOf(field);
    var key = t * index.width + f;
    termPostings(index, t);
    var list = index.postingDocs[key];
    var i;
    if (clause.presence === PRESENCE.REQUIRED) {
      for (i = 0; i < list.length; i++) clauseMatches[list[i]] = 1;
      if (matching.required[field] === undefined) matching.required[field] = null; /* null: every document */
    }
    if (clause.presence === PRESENCE.PROHIBITED) {
      var set = matching.prohibited[field] || (matching.prohibited[field] = new Uint8Array(index.count));
      for (i = 0; i < list.length; i++) set[list[i]] = 1;
      return;
    }
    matching.vectors[f].set(t, (matching.vectors[f].get(t) || 0) + clause.boost);
    if (matching.cache[key]) return;
    matching.cache[key] = true;
    matching.processed.push(key);
    markMatched(matching, list, f, index.width);
  }

  /* The documents of a posting list in field f. A document's fields are numbered in the order
     they first match, as lunr adds their scores in that order; a document is listed when its
     first field matches, as lunr lists documents of equal score in that order. */
  function markMatched(matching, list, f, width) {
    var matchedField = matching.matchedField;
    var fieldsMatched = matching.fieldsMatched;
    for (var i = 0; i < list.length; i++) {
      var d = list[i];
      if (matchedField[d * width + f]) continue;
      matchedField[d * width + f] = 1;
      matching.fieldOrder[d * width + f] = ++fieldsMatched[d];
      if (fieldsMatched[d] === 1) matching.order.push(d);
    }
  }

  /* A required clause: each of its fields may match only documents that this clause matched
     (and that earlier required clauses allowed). */
  function requireClause(index, matching, clause, clauseMatches) {
    var count = index.count;
    clause.fields.forEach(function (field) {
      var current = matching.required[field];
      var next = new Uint8Array(count);
      for (var d = 0; d < count; d++) next[d] = (current === null || current[d]) && clauseMatches[d] ? 1 : 0;
      matching.required[field] = next;
    });
  }

  /* Only prohibited words: every document matches, in every field, as in lunr. */
  function matchEverything(index, matching) {
    var width = index.width;
    matching.order = [];
    for (var d = 0; d < index.count; d++) {
      matching.order.push(d);
      for (var g = 0; g < width; g++) {
        matching.matchedField[d * width + g] = 1;
        matching.fieldOrder[d * width + g] = g + 1;
      }
    }
  }

  /* Each matched field's cosine similarity with the query, per document and field. */
  function similarities(index, matching) {
    var similarity = new Float64Array(index.count * index.width);
    matching.vectors.forEach(function (vector, f) { addFieldSimilarity(index, matching, similarity, vector, f); });
    return similarity;
  }

  /* Dot products of field f's query vector with the documents' vectors for f (ascending term
     order, as lunr.Vector.dot adds them), divided by the query vector's magnitude. */
  function addFieldSimilarity(index, matching, similarity, vector, f) {
    var width = index.width;
    var entries = Array.from(vector.entries()).sort(function (x, y) { return x[0] - y[0]; });
    var magnitude = 0;
    entries.forEach(function (entry) { magnitude += entry[1] * entry[1]; });
    magnitude = Math.sqrt(magnitude);
    entries.forEach(function (entry) {
      var list = index.postingDocs[entry[0] * width + f];
      var scores = index.postingScores[entry[0] * width + f];
      for (var i = 0; i < list.length; i++) similarity[list[i] * width + f] += entry[1] * scores[i];
    });
    for (var d = 0; d < index.count; d++) {
      var k = d * width + f;
      if (matching.matchedField[k]) similarity[k] = similarity[k] / magnitude || 0;
    }
  }

  /* Whether document d passes the query's required and prohibited clauses. */
  function allowed(matching, d) {
    var field;
    for (field in matching.required) {
      if (matching.required[field] !== null && !matching.required[field][d]) return false;
    }
    for (field in matching.prohibited) if (matching.prohibited[field][d]) return false;
    return true;
  }

  /* A document's score: its matched fields' similarities, added in the order the fields matched
     as lunr adds them (a different order could change the last digit, and so the ranking). */
  function documentScore(index, matching, similarity, d) {
    var width = index.width;
    var score = 0;
    for (var order = 1; order <= matching.fieldsMatched[d]; order++) {
      for (var f = 0; f < width; f++) {
        var k = d * width + f;
        if (matching.matchedField[k] && matching.fieldOrder[k] === order) score = order === 1 ? similarity[k] : score + similarity[k];
      }
    }
    return score;
  }

  /* The terms a query matched (from its processed term-field pairs), and the first letters
     they begin with: a word of another first letter cannot have one of them for its stem (lunr's
     stemmer only changes a word's ending; the irregular plurals are looked up), so highlighting
     need not stem it. */
  function wantedTerms(index, processed) {
    if (processed.wanted) return processed.wanted;
    var terms = Object.create(null);
    var letters = Object.create(null);
    processed.forEach(function (key) {
      var term = index.terms[Math.floor(key / index.width)];
      terms[term] = true;
      letters[term.charAt(0)] = true;
    });
    processed.wanted = { terms: terms, letters: letters, key: Object.keys(terms).sort().join(" ") };
    return processed.wanted;
  }

  /* Whether a word may give one of the wanted terms; false only when it surely cannot. */
  function mayGive(word, wanted, irregular) {
    var first = word.charAt(0);
    return wanted.letters[first] === true || !/\w/.test(first) || Object.prototype.hasOwnProperty.call(irregular, word);
  }

  /* Positions of the wanted terms in one field of one document, as lunr would have stored them:
     from Material's extractor and tokenizer, and the synonym words the build added. Only results
     a reader sees highlighted need them, so they are made on demand, and only for the terms the
     query matched (stemming every word of ten pages was most of a first query's time). */
  function positionsOf(index, d, f, wanted) {
    var key = d + ":" + f + ":" + wanted.key;
    if (index.positionCache[key]) return index.positionCache[key];
    var doc = index.docs[d];
    var field = index.fields[f];
    var tokenize = index.tokenize;
    var irregular = index.settings.irregular || {};
    var map = Object.create(null);
    var add = function (term, position) {
      if (wanted.terms[term] === true) (map[term] || (map[term] = [])).push(position);
    };
    var termsOfWord = function (word) { return termsOf(word, index.settings, index.lunr, index.termCache); };
    if (typeof doc[field] !== "undefined" && index.extractors[field]) {
      /* Material's extractor resets the field's position table; its tokenizer fills it. */
      tokenize(index.extractors[field](doc)).forEach(function (token) {
        var word = token.toString();
        if (!mayGive(word, wanted, irregular)) return;
        termsOfWord(word).forEach(function (term) { add(term, token.metadata.position); });
      });
    }
    (index.extra[d] || []).forEach(function (entry) {
      if (entry[1] !== f) return;
      termsOfWord(entry[2]).forEach(function (term) {
        for (var p = 3; p < entry.length; p++) add(term, entry[p]);
      });
    });
    index.positionCache[key] = map;
    return map;
  }

  /* The match data of a term in a result not highlighted: no positions (Material only reads it). */
  var NO_POSITIONS = { position: [] };

  /* lunr's result: the reference, the score and the match data Material reads (the matched
     terms, per field, with positions if the result is to be highlighted). */
  function lunrResult(index, item, processed, highlight) {
    return { ref: index.docs[item.d].location, score: item.score, matchData: matchDataOf(index, item, processed, highlight) };
  }

  /* The match data of one result: per matched term and field, the positions to highlight. */
  function matchDataOf(index, item, processed, highlight) {
    var metadata = Object.create(null);
    var seen = {};
    processed.forEach(function (key) {
      var f = key % index.width;
      if (!contains(index.postingDocs[key], item.d)) return;
      var term = index.terms[Math.floor(key / index.width)];
      var field = index.fields[f];
      var entry = metadata[term] || (metadata[term] = Object.create(null));
      if (!highlight) { entry[field] = NO_POSITIONS; return; }
      var known = seen[field] || (seen[field] = Object.create(null));
      /* A word and its stem share a position: mark it once, or the highlights would nest. */
      entry[field] = {
        position: (positionsOf(index, item.d, f, wantedTerms(index, processed))[term] || []).filter(function (p) {
          return known[p] ? false : (known[p] = true);
        })
      };
    });
    var matchData = new index.lunr.MatchData();
    matchData.metadata = metadata;
    return matchData;
  }

  /* A page further down the list, given by its title only: its best result's match data, under
     the page's own address, with a score that Material's bonus for pages turns back into that
     result's (so the page keeps its place in the list). */
  function titleResult(index, entry, processed) {
    var page = index.table.pages[index.table.pageOf[entry.item.d]];
    var bonus = 1 + entry.matched;
    return { ref: page[1], score: entry.score / (1 + bonus * bonus), matchData: matchDataOf(index, entry.item, processed, false) };
  }

  /* Material's ranking (Search.search): a bonus for pages and for matching every word. */
  function materialOrder(index, results, processed, query) {
    var keys = queryKeys(index, query);
    var masks = keyMasks(index, processed, keys);
    var counted = keys.map(function (clause) { return !!index.lunr.stopWordFilter(clause); });
    return results.map(function (item) {
      var matched = 0;
      var total = 0;
      keys.forEach(function (clause, c) {
        var hit = c < 31 && (masks[item.d] & (1 << c)) !== 0;
        if (hit) matched++;
        if (hit || counted[c]) total++;
      });
      var fraction = total ? matched / total : 0;
      var boost = (index.table.isArticle[item.d] ? 1 : 0) + fraction;
      return { item: item, score: item.score * (1 + boost * boost), matched: fraction };
    }).sort(function (x, y) { return y.score - x.score; });
  }

  /* The words Material looks for in each result: the query's clauses as it parses them, less
     prohibited ones and wildcard stars, each once. */
  function queryKeys(index, query) {
    var parsed = new index.lunr.Query(index.fields);
    new index.lunr.QueryParser(query, parsed).parse();
    var keys = [];
    parsed.clauses.forEach(function (clause) {
      if (clause.presence === index.lunr.Query.presence.PROHIBITED) return;
      var key = clause.term.replace(/^\*/, "").replace(/\*$/, "");
      if (keys.indexOf(key) === -1) keys.push(key);
    });
    return keys;
  }

  /* Per document, one bit for each of those words (the first 31) that a term it matched begins
     with: Material's test of whether a result has a word, worked out once per term. */
  function keyMasks(index, processed, keys) {
    var masks = new Int32Array(index.count);
    var termMasks = Object.create(null);
    processed.forEach(function (key) {
      var t = Math.floor(key / index.width);
      var mask = termMasks[t];
      if (mask === undefined) {
        mask = 0;
        keys.forEach(function (clause, c) { if (c < 31 && index.terms[t].indexOf(clause) === 0) mask |= 1 << c; });
        termMasks[t] = mask;
      }
      var list = index.postingDocs[key];
      for (var i = 0; i < list.length; i++) masks[list[i]] |= mask;
    });
    return masks;
  }

  /* lunr.Index.prototype.search, less the results nobody will see (see shownResults). If the
     index lacks files for the query, it notes them (state.missing) and answers nothing: the
     answer is held back, the files loaded, and the query asked again (onResult). */
  function search(index, query) {
    var ranking = rankingOf(index, query);
    if (!ranking) return [];
    var found = ranking.found;
    var shown = ranking.shown;
    var names = chunksOfDocuments(index.base, shown.text);
    if (names.length || materialDocuments(index, shown).key !== index.docKey) {
      state.missing = { names: names, shown: shown };
      return [];
    }
    var results = found.results.filter(function (item) { return shown.keep[item.d]; }).map(function (item) {
      return lunrResult(index, item, found.processed, shown.highlight[item.d] === 1);
    });
    return results.concat(shown.titles.map(function (entry) { return titleResult(index, entry, found.processed); }));
  }

  /* The query's results in Material's order and which of them are shown, or null if the index
     lacks files for it (state.missing says which). A query is asked again once the text of its
     results is loaded, which cannot change the ranking: the ranking is kept (on the handbook's
     index, until more terms or the table come in) and not worked out twice. */
  function rankingOf(index, query) {
    var base = index.base;
    var kept = base.ranking;
    if (kept && kept.query === query && kept.version === base.version) return kept;
    var parsed = new index.lunr.Query(index.fields);
    new index.lunr.QueryParser(query, parsed).parse();
    var lacking = lackingForRanking(base, parsed);
    if (lacking.length) { state.missing = { names: lacking }; return null; }
    tokenSet(base);
    var found = runQuery(index, parsed);
    var ranked = materialOrder(index, found.results, found.processed, query);
    base.ranking = { query: query, version: base.version, found: found, shown: shownResults(index, pageGroups(index, ranked)) };
    return base.ranking;
  }

  /* The documents Material is to be set up with for a query: those shown with their text, in
     the handbook's order, and the pages given by title only. */
  function materialDocuments(index, shown) {
    var numbers = shown.text.slice().sort(function (x, y) { return x - y; });
    var list = numbers.map(function (d) { return index.docs[d]; });
    shown.titles.forEach(function (entry) {
      var page = index.table.pages[index.table.pageOf[entry.item.d]];
      list.push({ location: page[1], title: page[2], text: "" });
    });
    return { list: list, key: list.map(function (doc) { return doc.location; }).join("\n") };
  }

  /* The ranked results grouped by page, as Material will group them. */
  function pageGroups(index, ranked) {
    var groups = [];
    var byPage = Object.create(null);
    ranked.forEach(function (entry) {
      var page = index.table.pageOf[entry.item.d];
      if (!byPage[page]) groups.push(byPage[page] = []);
      byPage[page].push(entry);
    });
    return groups;
  }

  /* Which documents to show with their text, and which to highlight. The first pages of results
     are kept whole and highlighted, with each page's own document and first section (Material
     makes the page's entry from them); later pages are given by their title only: Material shows
     10 pages of results at first, 4 more at a time as the reader scrolls, and the text of every
     page a common word matches would cost most of the index. */
  function shownResults(index, groups) {
    var keep = new Uint8Array(index.count);
    var highlight = new Uint8Array(index.count);
    var whole = index.settings.textGroups || TEXT_GROUPS;
    var everything = index.settings.highlightAll || HIGHLIGHT_ALL;
    var inText = new Uint8Array(index.count);
    var text = []; /* documents Material is given with their text: results, pages, first sections */
    var titles = [];
    var add = function (d) { if (!inText[d]) { inText[d] = 1; text.push(d); } };
    groups.forEach(function (group, g) {
      if (g >= whole) { titles.push(group[0]); return; }
      var page = index.table.pageOf[group[0].item.d];
      var start = index.table.pages[page][0];
      var end = page + 1 < index.table.pages.length ? index.table.pages[page + 1][0] : index.count;
      group.forEach(function (entry) {
        keep[entry.item.d] = 1;
        add(entry.item.d);
        if (g < everything || entry.score >= group[0].score) highlight[entry.item.d] = 1;
      });
      add(start);
      if (start + 1 < end) add(start + 1);
    });
    return { keep: keep, highlight: highlight, text: text, titles: titles };
  }

  /* The index Material's worker searches, on what is loaded of the handbook's. It answers search()
     and query() as lunr.Index does (same matches, same scores: lunr's BM25 vectors and cosine),
     but works on arrays of document numbers, so that a query matching most of a large handbook
     still takes milliseconds. One is made each time Material is set up, for the documents it was
     given (Material's extractors keep its highlighting table); they share the handbook's index. */
  function indexFor(base, material) {
    var index = Object.create(base);
    index.base = base;
    index.extractors = material.extractors;
    index.tokenize = material.tokenize;
    index.positionCache = Object.create(null);
    index.docKey = material.docs.map(function (doc) { return doc.location; }).join("\n");
    return {
      fields: base.fields,
      invertedIndex: base.termNumber, /* Material only looks words up in it */
      search: function (query) { return search(index, query); },
      query: function (fn) {
        var query = new base.lunr.Query(base.fields);
        fn.call(query, query);
        if (!base.table || lackingForRanking(base, query).length) return [];
        tokenSet(base);
        var found = runQuery(index, query);
        return found.results.filter(function (item) { return base.docs[item.d]; }).map(function (item) {
          return lunrResult(index, item, found.processed, false);
        });
      }
    };
  }

  function wrap(lunr) {
    function handbookLunr(setup) {
      if (state.manifest && typeof setup === "function") {
        var material = runSetup(handbookLunr, setup);
        if (!state.index || state.index.manifest !== state.manifest) {
          state.index = newIndex(handbookLunr, state.manifest, state.settings, material.fieldBoosts);
        }
        return indexFor(state.index, material);
      }
      return lunr.apply(this, arguments);
    }
    Object.keys(lunr).forEach(function (key) { handbookLunr[key] = lunr[key]; });
    return handbookLunr;
  }

  Object.defineProperty(self, "lunr", {
    configurable: true,
    enumerable: true,
    get: function () { return lunrValue; },
    set: function (value) { lunrValue = typeof value === "function" ? wrap(value) : value; }
  });

  /* --- 4. Queries ------------------------------------------------------------------------------ */

  var SECTION = /(^|[^A-Za-z0-9.])(?:s|ss|sec|sect|section|sections)\.?\s*([0-9]+[a-z]?)(?![0-9A-Za-z])/gi;
  var SYNTAX = /[*~^:"]/;

  /* Abbreviations whose expansion the reader typed: twin of hidden_terms() in search/query.py. */
  function hiddenTerms(words, settings, lunr) {
    var stems = words.map(function (word) { return stemOf(word, settings, lunr); });
    var found = [];
    (settings.phrases || []).forEach(function (entry) {
      var phrase = entry[0];
      var term = entry[1];
      if (found.indexOf(term) !== -1) return;
      for (var i = 0; i + phrase.length <= stems.length; i++) {
        var same = true;
        for (var j = 0; j < phrase.length && same; j++) same = stems[i + j] === phrase[j];
        if (same) { found.push(term); return; }
      }
    });
    return found;
  }

  /* Keep in step with rewrite_query() in search/query.py (a test compares them).
     Returns the query for Material and the terms added that the reader did not type. */
  function rewriteQuery(query, settings, separator, lunr) {
    query = query.replace(SECTION, function (match, lead, number) {
      return lead + "s" + number.toLowerCase();
    });
    if (query.indexOf('"') !== -1) return { query: query, hidden: [], typed: {} };
    var typing = !/\s$/.test(query);
    var parts = query.split(/\s+/).filter(function (part) { return part.length > 0; });
    var typed = [];
    var words = Object.create(null); /* term -> the word the reader typed */
    var out = [];
    parts.forEach(function (part, p) {
      var prefix = /^[+-]/.test(part) ? part.charAt(0) : "";
      var body = part.slice(prefix.length);
      if (!body || SYNTAX.test(body)) { out.push(part); return; }
      var pieces = body.toLowerCase().split(separator).filter(function (word) { return word.length > 0; });
      if (!prefix) typed = typed.concat(pieces);
      pieces.forEach(function (word, w) {
        var last = typing && p === parts.length - 1 && w === pieces.length - 1;
        if (settings.stopWords && !prefix && !last && lunr.stopWordFilter(new lunr.Token(word)) === undefined) return;
        var term = settings.stemming ? stemOf(word, settings, lunr) : word;
        if (!(term in words)) words[term] = word;
        if (prefix) out.push(prefix + term);
        else if (last && term.length === 1) out.push(term + "^" + settings.exactBoost); /* a first letter: no prefix */
        else out.push(term + "^" + settings.exactBoost, term); /* the word, then words it begins */
      });
    });
    var hidden = hiddenTerms(typed, settings, lunr).filter(function (term) { return out.indexOf(term) === -1; });
    hidden.forEach(function (term) { out.push(term + "^" + settings.exactBoost); });
    return { query: out.length ? out.join(" ") : query, hidden: hidden, typed: words };
  }

  self.handbookRewriteQuery = function (query, settings, separator) {
    return rewriteQuery(query, settings, new RegExp(separator), lunrValue).query;
  };

})();
