/* Safeguarding Procedures Handbook: the search index built at build time, in Material's worker.
 *
 * The build puts this file in front of Material for MkDocs' own search worker (the same file, so
 * no template changes; see scripts/handbook/adapter/material_search_worker.py). Material's
 * worker builds a lunr index from every page's text each time a page loads: seconds on a large
 * handbook. This code gives it the index the build made instead, and leaves everything else
 * (results, teasers, highlighting, deep links) to Material:
 *
 * 1. As soon as the worker starts, it fetches search/handbook_index.json (from file://, where
 *    nothing can be fetched, it loads search/handbook_index.js with a script element).
 * 2. It holds the page's "set up" message until that index has arrived, then passes it on.
 * 3. When Material asks lunr to build an index, it gets one made from the compact index instead
 *    (fromCompact): it answers search() and query() as lunr.Index would, with the same matches
 *    and scores (lunr's, with the build's settings), on arrays of document numbers, so queries
 *    stay fast on a large handbook. Material's highlighting needs the positions of matched words
 *    and a position table per field, which lunr makes while indexing; here they are made only
 *    for the results a reader sees first, with Material's own tokenizer.
 * 4. It rewrites each query the way the index expects: section numbers ("S.47", "section 47")
 *    to one term (s47), complete words to their stems, glossary expansions to their
 *    abbreviation too (twin of rewrite_query in search/query.py), and shows the reader only the
 *    reader's own words in the results.
 *
 * Its Python twins, which tests/search/test_worker.py compares with it: the compact index and
 * lunr's scores in scripts/handbook/search/index.py, the rewriting and the search box in
 * scripts/handbook/search/query.py, words and stems in scripts/handbook/search/tokens.py. The
 * comments below name them search/index.py, search/query.py and search/tokens.py.
 *
 * If anything is missing or does not match (an old copy in a browser's cache), Material builds
 * its own index, as it would without this file. No request to any other host.
 */
(function () {
  "use strict";

  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;
  var FORMAT = 1;
  var K1 = 1.2; /* lunr's default, as in search/index.py; b comes with the compact index */
  var INDEX_JSON = "search/handbook_index.json";
  var INDEX_SCRIPT = "search/handbook_index.js";
  /* Material shows 10 pages of results, then 4 more at a time as the reader scrolls. The first
     HIGHLIGHT_GROUPS pages of results are kept whole and their best sections highlighted (the
     first HIGHLIGHT_ALL pages: every section, also those under "more on this page"). */
  var HIGHLIGHT_ALL = 10;
  var HIGHLIGHT_GROUPS = 50;

  var lunrValue; /* Material's lunr, wrapped */
  var materialListeners = [];
  var nativeAddEventListener = self.addEventListener;
  var state = { settings: null, separator: /[\s-]+/, compact: null, loading: null, held: null, hidden: [], typed: {} };

  /* --- 1. The compact index ------------------------------------------------------------------ */

  function inIframe() {
    return typeof document !== "undefined"; /* iframe-worker (file://) runs us in a hidden iframe */
  }

  function siteRoot() {
    /* This file is assets/javascripts/workers/search.<hash>.min.js: the site is three levels up. */
    var script = inIframe() ? document.querySelector("script[src]").src : self.location.href;
    return new URL("../../../", script);
  }

  function loadCompact() {
    if (state.loading) return state.loading;
    state.loading = new Promise(function (resolve, reject) {
      var root = siteRoot();
      if (inIframe()) {
        var script = document.createElement("script");
        script.src = new URL(INDEX_SCRIPT, root).href;
        script.onload = function () { resolve(self.__handbookSearchIndex); };
        script.onerror = function () { reject(new Error("could not load " + INDEX_SCRIPT)); };
        document.body.appendChild(script);
      } else {
        fetch(new URL(INDEX_JSON, root).href).then(function (response) {
          if (!response.ok) throw new Error(INDEX_JSON + ": HTTP " + response.status);
          return response.json();
        }).then(resolve, reject);
      }
    });
    return state.loading;
  }

  /* --- 2. Messages: Material's listener gets each message after ours -------------------------- */

  function deliver(event) {
    materialListeners.forEach(function (listener) { listener.call(self, event); });
  }

  function onMessage(event) {
    var message = event.data;
    if (state.held) { state.held.push(event); return; }
    if (message && message.type === SETUP) {
      var config = (message.data && message.data.config) || {};
      var handbook = config.handbook;
      state.separator = new RegExp(config.separator || "[\\s\\-]+");
      state.settings = handbook && handbook.format === FORMAT ? handbook.query : null;
      if (state.settings) {
        state.held = [event];
        var release = function () {
          var held = state.held;
          state.held = null;
          held.forEach(function (e) { onMessageAfterSetup(e); });
        };
        loadCompact().then(function (compact) {
          if (compact && compact.format === FORMAT && compact.build === handbook.build) state.compact = compact;
          else console.warn("Search: the prebuilt index is for another build; building it here.");
        }, function (error) {
          console.warn("Search: the prebuilt index could not be loaded; building it here.", error);
        }).then(release);
        return;
      }
    }
    onMessageAfterSetup(event);
  }

  function onMessageAfterSetup(event) {
    var message = event.data;
    if (message && message.type === QUERY && state.settings && state.settings.rewrite !== false && typeof message.data === "string") {
      var rewritten = rewriteQuery(message.data, state.settings, state.separator, lunrValue);
      message.data = rewritten.query;
      state.hidden = rewritten.hidden;
      state.typed = rewritten.typed;
    }
    deliver(event);
  }

  /* Results: Material lists a result's missing words (terms marked false) and highlights the
     matched ones on the page it links to (terms marked true). Words the search box added are not
     the reader's to see; a missing word is shown as the reader typed it, not as its stem. */
  var nativePostMessage = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data) {
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
     search/index.py): the documents, ascending, and the term's frequency in each. */
  function decode(ints) {
    var docs = [];
    var frequencies = [];
    var doc = -1;
    for (var i = 0; i < ints.length; i++) {
      var value = ints[i];
      var frequency = value % 8;
      doc += (value - frequency) / 8;
      if (frequency === 0) frequency = ints[++i];
      docs.push(doc);
      frequencies.push(frequency);
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
    var material = { extractors: {}, fieldBoosts: {}, docs: [], docBoosts: [], tokenize: null };
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
      add: function (doc, attributes) {
        material.docs.push(doc);
        material.docBoosts.push((attributes && attributes.boost) || 1);
      }
    };
    setup.call(builder, builder);
    material.tokenize = builder.tokenizer; /* Material's tokenizer, set by its setup function */
    return material;
  }

  /* A prebuilt index for other documents or fields than Material's would give wrong results: it
     is refused here, and wrap() lets Material build its own. */
  function checkFits(compact, material) {
    if (material.docs.length !== compact.documents) throw new Error("the prebuilt index is for other documents");
    compact.fields.forEach(function (field) {
      if (!(field in material.extractors)) throw new Error("the prebuilt index has a field Material does not: " + field);
    });
  }

  /* Everything the searches share, made once: Material's set-up, the postings with lunr's scores,
     each document's page. A term's postings in a field are kept at t * width + f. */
  function prepare(lunr, setup, compact, settings) {
    var material = runSetup(lunr, setup);
    checkFits(compact, material);
    var fields = compact.fields;
    var index = {
      lunr: lunr,
      settings: settings,
      compact: compact,
      fields: fields,
      width: fields.length,
      count: material.docs.length,
      terms: compact.terms,
      docs: material.docs,
      docBoosts: material.docBoosts,
      fieldBoosts: material.fieldBoosts,
      extractors: material.extractors,
      tokenize: material.tokenize,
      b: compact.b || 0,
      lengths: compact.lengths || [],
      pipeline: new lunr.Pipeline(), /* the search pipeline: empty, the search box stems words itself */
      extra: extraByDocument(compact.extra),
      positionCache: Object.create(null),
      termCache: Object.create(null)
    };
    index.averages = averageLengths(fields, index.lengths, index.count);
    addPostings(index);
    addPages(index);
    return index;
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

  /* Postings: for term t and field f, the documents (ascending) and lunr's vector element for
     each; and the token set that lunr expands wildcard and fuzzy words with. */
  function addPostings(index) {
    var terms = index.terms;
    var tokenSet = new index.lunr.TokenSet.Builder();
    index.postingDocs = new Array(terms.length * index.width);
    index.postingScores = new Array(terms.length * index.width);
    index.termNumber = Object.create(null);
    for (var t = 0; t < terms.length; t++) {
      tokenSet.insert(terms[t]);
      index.termNumber[terms[t]] = t;
      addTermPostings(index, t, index.compact.postings[t].map(decode));
    }
    tokenSet.finish();
    index.root = tokenSet.root;
  }

  /* One term's postings in every field. Its inverse document frequency counts a document once
     for each field the term is in, as lunr.idf does. */
  function addTermPostings(index, t, decoded) {
    var withTerm = 0;
    decoded.forEach(function (pair) { withTerm += pair[0].length; });
    var idf = Math.log(1 + Math.abs((index.count - withTerm + 0.5) / (withTerm + 0.5)));
    for (var f = 0; f < index.width; f++) {
      index.postingDocs[t * index.width + f] = Int32Array.from(decoded[f][0]);
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
    var average = index.averages[f];
    var boost = index.fieldBoosts[index.fields[f]];
    var scores = new Float64Array(list.length);
    for (var i = 0; i < list.length; i++) {
      var frequency = frequencies[i];
      var norm = b ? 1 - b + b * (index.lengths[list[i] * width + f] / average) : 1;
      var score = idf * ((K1 + 1) * frequency) / (K1 * norm + frequency);
      score *= boost;
      score *= index.docBoosts[list[i]];
      scores[i] = Math.round(score * 1000) / 1000;
    }
    return scores;
  }

  /* Each document's page, and whether it is the page itself: Material ranks pages above their
     sections, and takes a page's first document for the page. */
  function addPages(index) {
    var seenPages = Object.create(null);
    index.pageOf = [];
    index.isArticle = [];
    index.docs.forEach(function (doc, d) {
      index.pageOf.push(doc.location.split("#")[0]);
      index.isArticle.push(!seenPages[index.pageOf[d]]);
      seenPages[index.pageOf[d]] = true;
    });
  }

  /* The synonym words the build added to documents ([document, field, word, positions...]), by
     document: highlighting needs their positions, which no tokenizer would find. */
  function extraByDocument(entries) {
    var extra = Object.create(null);
    (entries || []).forEach(function (entry) {
      (extra[entry[0]] || (extra[entry[0]] = [])).push(entry);
    });
    return extra;
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
      var expanded = index.root.intersect(index.lunr.TokenSet.fromClause(clause)).toArray();
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
    var byOrder = [];
    for (var f = 0; f < width; f++) {
      if (matching.matchedField[d * width + f]) byOrder[matching.fieldOrder[d * width + f]] = f;
    }
    var score = 0;
    var first = true;
    byOrder.forEach(function (g) {
      score = first ? similarity[d * width + g] : score + similarity[d * width + g];
      first = false;
    });
    return score;
  }

  /* Positions of each term in one field of one document, as lunr would have stored them: from
     Material's extractor and tokenizer, and the synonym words the build added. Only results a
     reader sees highlighted need them, so they are made on demand. */
  function positionsOf(index, d, f) {
    var key = d + ":" + f;
    if (index.positionCache[key]) return index.positionCache[key];
    var doc = index.docs[d];
    var field = index.fields[f];
    var tokenize = index.tokenize;
    var map = Object.create(null);
    var add = function (term, position) { (map[term] || (map[term] = [])).push(position); };
    var termsOfWord = function (word) { return termsOf(word, index.settings, index.lunr, index.termCache); };
    if (typeof doc[field] !== "undefined" && index.extractors[field]) {
      /* Material's extractor resets the field's position table; its tokenizer fills it. */
      tokenize(index.extractors[field](doc)).forEach(function (token) {
        termsOfWord(token.toString()).forEach(function (term) { add(term, token.metadata.position); });
      });
    }
    (index.extra[d] || []).forEach(function (entry) {
      if (entry[1] !== f) return;
      termsOfWord(index.compact.words[entry[2]]).forEach(function (term) {
        for (var p = 3; p < entry.length; p++) add(term, entry[p]);
      });
    });
    index.positionCache[key] = map;
    return map;
  }

  /* The match data of a term in a result not highlighted: no positions. Only one index is ever
     made from the compact one (wrap() uses it once), so this object is never shared between two. */
  var NO_POSITIONS = { position: [] };

  /* lunr's result: the reference, the score and the match data Material reads (the matched
     terms, per field, with positions if the result is to be highlighted). */
  function lunrResult(index, item, processed, highlight) {
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
        position: (positionsOf(index, item.d, f)[term] || []).filter(function (p) {
          return known[p] ? false : (known[p] = true);
        })
      };
    });
    var matchData = new index.lunr.MatchData();
    matchData.metadata = metadata;
    return { ref: index.docs[item.d].location, score: item.score, matchData: matchData };
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
      var boost = (index.isArticle[item.d] ? 1 : 0) + (total ? matched / total : 0);
      return { item: item, score: item.score * (1 + boost * boost) };
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

  /* lunr.Index.prototype.search, less the results nobody will see (see shownResults). */
  function search(index, query) {
    var parsed = new index.lunr.Query(index.fields);
    new index.lunr.QueryParser(query, parsed).parse();
    var found = runQuery(index, parsed);
    var ranked = materialOrder(index, found.results, found.processed, query);
    var shown = shownResults(index, pageGroups(index, ranked));
    return found.results.filter(function (item) { return shown.keep[item.d]; }).map(function (item) {
      return lunrResult(index, item, found.processed, shown.highlight[item.d] === 1);
    });
  }

  /* The ranked results grouped by page, as Material will group them. */
  function pageGroups(index, ranked) {
    var groups = [];
    var byPage = Object.create(null);
    ranked.forEach(function (entry) {
      var page = index.pageOf[entry.item.d];
      if (!byPage[page]) groups.push(byPage[page] = []);
      byPage[page].push(entry);
    });
    return groups;
  }

  /* Which documents to keep, and which to highlight. The first pages of results are kept whole
     and highlighted; after that each page keeps only its best result, unhighlighted: Material
     shows 10 pages of results at first, 4 more at a time as the reader scrolls, and would
     otherwise spend most of a query (and of the message to the page) on results nobody sees. */
  function shownResults(index, groups) {
    var keep = new Uint8Array(index.count);
    var highlight = new Uint8Array(index.count);
    var whole = index.settings.highlightGroups || HIGHLIGHT_GROUPS;
    var everything = index.settings.highlightAll || HIGHLIGHT_ALL;
    groups.forEach(function (group, g) {
      group.forEach(function (entry, e) {
        if (g < whole || e === 0) keep[entry.item.d] = 1;
        if (g < everything || (g < whole && entry.score >= group[0].score)) highlight[entry.item.d] = 1;
      });
    });
    return { keep: keep, highlight: highlight };
  }

  /* The index Material's worker searches, made from the compact one. It answers search() and
     query() as lunr.Index does (same matches, same scores: lunr's BM25 vectors and cosine), but
     works on arrays of document numbers, so that a query matching most of a large handbook
     still takes milliseconds. */
  function fromCompact(lunr, setup, compact, settings) {
    var index = prepare(lunr, setup, compact, settings);
    var invertedIndex = Object.create(null); /* Material only asks whether a word is in it */
    index.terms.forEach(function (term, t) { invertedIndex[term] = { _index: t }; });
    return {
      fields: index.fields,
      invertedIndex: invertedIndex,
      search: function (query) { return search(index, query); },
      query: function (fn) {
        var query = new lunr.Query(index.fields);
        fn.call(query, query);
        var found = runQuery(index, query);
        return found.results.map(function (item) { return lunrResult(index, item, found.processed, false); });
      }
    };
  }

  function wrap(lunr) {
    function handbookLunr(setup) {
      var compact = state.compact;
      if (compact && typeof setup === "function") {
        state.compact = null;
        try {
          return fromCompact(handbookLunr, setup, compact, state.settings);
        } catch (error) {
          console.warn("Search: the prebuilt index could not be used; building it here.", error);
        }
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

  if (typeof fetch === "function" || inIframe()) loadCompact().catch(function () {});
})();
