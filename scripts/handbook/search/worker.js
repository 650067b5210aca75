/* Safeguarding Procedures Handbook: the search index built at build time, in Material's worker.
 *
 * The build puts this file in front of Material for MkDocs' own search worker (the same file, so
 * no template changes; see scripts/handbook/search_index.py and search_worker.py). Material's
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
 *    abbreviation too (twin of search_query.rewrite_query), and shows the reader only the
 *    reader's own words in the results.
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
  var K1 = 1.2; /* lunr's default, as in search_index.py; b comes with the compact index */
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
  var state = { settings: null, separator: /[\s\-]+/, compact: null, loading: null, held: null, hidden: [], typed: {} };

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

  /* The stem of a lower-case word: twin of word_stem() in search_tokens.py (the irregular
     plurals come from there, in the search index's settings). */
  function stemOf(word, settings, lunr) {
    var irregular = settings.irregular || {};
    if (Object.prototype.hasOwnProperty.call(irregular, word)) return irregular[word];
    return lunr.stemmer(new lunr.Token(word)).toString();
  }

  /* The index terms of one word: twin of IndexSettings.terms() in search_index.py. */
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

  /* The index Material's worker searches, made from the compact one. It answers search() and
     query() as lunr.Index does (same matches, same scores: lunr's BM25 vectors and cosine), but
     works on arrays of document numbers, so that a query matching most of a large handbook
     still takes milliseconds. */
  function fromCompact(lunr, setup, compact, settings) {
    var extractors = {};
    var fieldBoosts = {};
    var docs = [];
    var docBoosts = [];
    /* Stands in for lunr.Builder while Material's setup function configures it. */
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
        extractors[name] = attributes && attributes.extractor;
        fieldBoosts[name] = (attributes && attributes.boost) || 1;
      },
      add: function (doc, attributes) {
        docs.push(doc);
        docBoosts.push((attributes && attributes.boost) || 1);
      }
    };
    setup.call(builder, builder);
    var fields = compact.fields;
    if (docs.length !== compact.documents) throw new Error("the prebuilt index is for other documents");
    fields.forEach(function (field) {
      if (!(field in extractors)) throw new Error("the prebuilt index has a field Material does not: " + field);
    });
    var tokenize = builder.tokenizer; /* Material's tokenizer, set by its setup function */
    var count = docs.length;
    var width = fields.length;
    var terms = compact.terms;
    var b = compact.b || 0;
    var lengths = compact.lengths || [];
    var averages = fields.map(function (field, f) {
      var total = 0;
      for (var d = 0; d < count; d++) total += lengths[d * width + f] || 0;
      return count ? total / count : 0;
    });

    /* Postings: for term t and field f, the documents (ascending) and lunr's vector element for
       each, as lunr.Builder.createFieldVectors computes it. */
    var postingDocs = new Array(terms.length * width);
    var postingScores = new Array(terms.length * width);
    var termNumber = Object.create(null);
    var tokenSet = new lunr.TokenSet.Builder();
    for (var t = 0; t < terms.length; t++) {
      tokenSet.insert(terms[t]);
      termNumber[terms[t]] = t;
      var decoded = compact.postings[t].map(decode);
      var withTerm = 0;
      decoded.forEach(function (pair) { withTerm += pair[0].length; });
      var idf = Math.log(1 + Math.abs((count - withTerm + 0.5) / (withTerm + 0.5)));
      for (var f = 0; f < width; f++) {
        var boost = fieldBoosts[fields[f]];
        var list = decoded[f][0];
        var frequencies = decoded[f][1];
        var scores = new Float64Array(list.length);
        for (var i = 0; i < list.length; i++) {
          var frequency = frequencies[i];
          var norm = b ? 1 - b + b * (lengths[list[i] * width + f] / averages[f]) : 1;
          var score = idf * ((K1 + 1) * frequency) / (K1 * norm + frequency);
          score *= boost;
          score *= docBoosts[list[i]];
          scores[i] = Math.round(score * 1000) / 1000;
        }
        postingDocs[t * width + f] = Int32Array.from(list);
        postingScores[t * width + f] = scores;
      }
    }
    tokenSet.finish();
    var root = tokenSet.root;

    var pageOf = [];
    var isArticle = [];
    var seenPages = Object.create(null);
    docs.forEach(function (doc, d) {
      pageOf.push(doc.location.split("#")[0]);
      isArticle.push(!seenPages[pageOf[d]]); /* Material: a page's first document is the page */
      seenPages[pageOf[d]] = true;
    });
    var extra = Object.create(null);
    (compact.extra || []).forEach(function (entry) {
      (extra[entry[0]] || (extra[entry[0]] = [])).push(entry);
    });
    var pipeline = new lunr.Pipeline(); /* the search pipeline: empty, the search box stems words itself */

    /* lunr.Index.prototype.query, step for step, on arrays. */
    function run(query) {
      var matchedField = new Uint8Array(count * width);
      var fieldOrder = new Uint8Array(count * width); /* the order a document's fields matched */
      var fieldsMatched = new Uint8Array(count);
      var order = [];
      var vectors = fields.map(function () { return new Map(); });
      var required = {};
      var prohibited = {};
      var processed = []; /* term * width + field, in lunr's order, for the match data */
      var cache = Object.create(null);
      var all = true; /* lunr: a query with no clause, or only prohibited ones, matches everything */
      query.clauses.forEach(function (clause) {
        var PRESENCE = lunr.Query.presence;
        var clauseMatches = clause.presence === PRESENCE.REQUIRED ? new Uint8Array(count) : null;
        if (clause.presence !== PRESENCE.PROHIBITED) all = false;
        var clauseTerms = clause.usePipeline ? pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
        for (var m = 0; m < clauseTerms.length; m++) {
          clause.term = clauseTerms[m];
          var expanded = root.intersect(lunr.TokenSet.fromClause(clause)).toArray();
          if (expanded.length === 0 && clause.presence === PRESENCE.REQUIRED) {
            clause.fields.forEach(function (field) { required[field] = new Uint8Array(count); });
            break;
          }
          expanded.forEach(function (term) {
            var t = termNumber[term];
            clause.fields.forEach(function (field) {
              var f = fields.indexOf(field);
              var list = postingDocs[t * width + f];
              var i;
              if (clause.presence === PRESENCE.REQUIRED) {
                for (i = 0; i < list.length; i++) clauseMatches[list[i]] = 1;
                if (required[field] === undefined) required[field] = null; /* null: every document */
              }
              if (clause.presence === PRESENCE.PROHIBITED) {
                var set = prohibited[field] || (prohibited[field] = new Uint8Array(count));
                for (i = 0; i < list.length; i++) set[list[i]] = 1;
                return;
              }
              vectors[f].set(t, (vectors[f].get(t) || 0) + clause.boost);
              var key = t * width + f;
              if (cache[key]) return;
              cache[key] = true;
              processed.push(key);
              for (i = 0; i < list.length; i++) {
                var d = list[i];
                if (matchedField[d * width + f]) continue;
                matchedField[d * width + f] = 1;
                fieldOrder[d * width + f] = ++fieldsMatched[d];
                if (fieldsMatched[d] === 1) order.push(d);
              }
            });
          });
        }
        if (clause.presence === PRESENCE.REQUIRED) {
          clause.fields.forEach(function (field) {
            var current = required[field];
            var next = new Uint8Array(count);
            for (var d = 0; d < count; d++) next[d] = (current === null || current[d]) && clauseMatches[d] ? 1 : 0;
            required[field] = next;
          });
        }
      });
      if (all) { /* only prohibited words: every document, as lunr does */
        order = [];
        for (var d = 0; d < count; d++) {
          order.push(d);
          for (var g = 0; g < width; g++) { matchedField[d * width + g] = 1; fieldOrder[d * width + g] = g + 1; }
        }
      }
      /* Dot products of the query vectors with the documents' field vectors (ascending term
         order, as lunr.Vector.dot adds them), divided by the query vector's magnitude. */
      var similarity = new Float64Array(count * width);
      vectors.forEach(function (vector, f) {
        var entries = Array.from(vector.entries()).sort(function (x, y) { return x[0] - y[0]; });
        var magnitude = 0;
        entries.forEach(function (entry) { magnitude += entry[1] * entry[1]; });
        magnitude = Math.sqrt(magnitude);
        entries.forEach(function (entry) {
          var list = postingDocs[entry[0] * width + f];
          var scores = postingScores[entry[0] * width + f];
          for (var i = 0; i < list.length; i++) similarity[list[i] * width + f] += entry[1] * scores[i];
        });
        for (var d = 0; d < count; d++) {
          var k = d * width + f;
          if (matchedField[k]) similarity[k] = similarity[k] / magnitude || 0;
        }
      });
      var results = [];
      order.forEach(function (d) {
        for (var field in required) if (required[field] !== null && !required[field][d]) return;
        for (var field2 in prohibited) if (prohibited[field2][d]) return;
        var byOrder = [];
        for (var g = 0; g < width; g++) if (matchedField[d * width + g]) byOrder[fieldOrder[d * width + g]] = g;
        var score = 0;
        var first = true;
        byOrder.forEach(function (g) {
          score = first ? similarity[d * width + g] : score + similarity[d * width + g];
          first = false;
        });
        results.push({ d: d, score: score });
      });
      results.sort(function (x, y) { return y.score - x.score; });
      return { results: results, processed: processed };
    }

    /* Positions of each term in one field of one document, as lunr would have stored them. */
    var positionCache = Object.create(null);
    var termCache = Object.create(null);
    function positions(d, f) {
      var key = d + ":" + f;
      if (positionCache[key]) return positionCache[key];
      var doc = docs[d];
      var field = fields[f];
      var map = Object.create(null);
      var add = function (term, position) { (map[term] || (map[term] = [])).push(position); };
      if (typeof doc[field] !== "undefined" && extractors[field]) {
        /* Material's extractor resets the field's position table; its tokenizer fills it. */
        tokenize(extractors[field](doc)).forEach(function (token) {
          termsOf(token.toString(), settings, lunr, termCache).forEach(function (term) {
            add(term, token.metadata.position);
          });
        });
      }
      (extra[d] || []).forEach(function (entry) {
        if (entry[1] !== f) return;
        termsOf(compact.words[entry[2]], settings, lunr, termCache).forEach(function (term) {
          for (var p = 3; p < entry.length; p++) add(term, entry[p]);
        });
      });
      positionCache[key] = map;
      return map;
    }

    var EMPTY = { position: [] };
    /* lunr's result: the reference, the score and the match data Material reads (the matched
       terms, per field, with positions if the result is to be highlighted). */
    function result(item, processed, highlight) {
      var metadata = Object.create(null);
      var seen = {};
      processed.forEach(function (key) {
        var t = Math.floor(key / width);
        var f = key % width;
        if (!contains(postingDocs[key], item.d)) return;
        var term = terms[t];
        var field = fields[f];
        var entry = metadata[term] || (metadata[term] = Object.create(null));
        if (!highlight) { entry[field] = EMPTY; return; }
        var known = seen[field] || (seen[field] = Object.create(null));
        /* A word and its stem share a position: mark it once, or the highlights would nest. */
        entry[field] = {
          position: (positions(item.d, f)[term] || []).filter(function (p) {
            return known[p] ? false : (known[p] = true);
          })
        };
      });
      var matchData = new lunr.MatchData();
      matchData.metadata = metadata;
      return { ref: docs[item.d].location, score: item.score, matchData: matchData };
    }

    /* Material's ranking (Search.search): a bonus for pages and for matching every word. */
    function materialOrder(results, processed, query) {
      var parsed = new lunr.Query(fields);
      new lunr.QueryParser(query, parsed).parse();
      var keys = [];
      parsed.clauses.forEach(function (clause) {
        if (clause.presence === lunr.Query.presence.PROHIBITED) return;
        var key = clause.term.replace(/^\*/, "").replace(/\*$/, "");
        if (keys.indexOf(key) === -1) keys.push(key);
      });
      var masks = new Int32Array(count);
      var termMasks = Object.create(null);
      processed.forEach(function (key) {
        var t = Math.floor(key / width);
        var mask = termMasks[t];
        if (mask === undefined) {
          mask = 0;
          keys.forEach(function (clause, c) { if (c < 31 && terms[t].indexOf(clause) === 0) mask |= 1 << c; });
          termMasks[t] = mask;
        }
        var list = postingDocs[key];
        for (var i = 0; i < list.length; i++) masks[list[i]] |= mask;
      });
      var counted = keys.map(function (clause) { return !!lunr.stopWordFilter(clause); });
      return results.map(function (item) {
        var matched = 0;
        var total = 0;
        keys.forEach(function (clause, c) {
          var hit = c < 31 && (masks[item.d] & (1 << c)) !== 0;
          if (hit) matched++;
          if (hit || counted[c]) total++;
        });
        var boost = (isArticle[item.d] ? 1 : 0) + (total ? matched / total : 0);
        return { item: item, score: item.score * (1 + boost * boost) };
      }).sort(function (x, y) { return y.score - x.score; });
    }

    function search(query) {
      var parsed = new lunr.Query(fields);
      new lunr.QueryParser(query, parsed).parse();
      var run_ = run(parsed);
      var ranked = materialOrder(run_.results, run_.processed, query);
      /* Group by page, as Material will. The first pages of results are kept whole and
         highlighted; after that each page keeps only its best result, unhighlighted: Material
         shows 10 pages of results at first, 4 more at a time as the reader scrolls, and would
         otherwise spend most of a query (and of the message to the page) on results nobody sees. */
      var groups = [];
      var byPage = Object.create(null);
      ranked.forEach(function (entry) {
        var page = pageOf[entry.item.d];
        if (!byPage[page]) groups.push(byPage[page] = []);
        byPage[page].push(entry);
      });
      var keep = new Uint8Array(count);
      var highlight = new Uint8Array(count);
      var whole = settings.highlightGroups || HIGHLIGHT_GROUPS;
      var everything = settings.highlightAll || HIGHLIGHT_ALL;
      groups.forEach(function (group, g) {
        group.forEach(function (entry, e) {
          if (g < whole || e === 0) keep[entry.item.d] = 1;
          if (g < everything || (g < whole && entry.score >= group[0].score)) highlight[entry.item.d] = 1;
        });
      });
      return run_.results.filter(function (item) { return keep[item.d]; }).map(function (item) {
        return result(item, run_.processed, highlight[item.d] === 1);
      });
    }

    var invertedIndex = Object.create(null); /* Material only asks whether a word is in it */
    terms.forEach(function (term, t) { invertedIndex[term] = { _index: t }; });
    return {
      fields: fields,
      invertedIndex: invertedIndex,
      search: search,
      query: function (fn) {
        var query = new lunr.Query(fields);
        fn.call(query, query);
        var run_ = run(query);
        return run_.results.map(function (item) { return result(item, run_.processed, false); });
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

  /* Abbreviations whose expansion the reader typed: twin of hidden_terms() in search_query.py. */
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

  /* Keep in step with rewrite_query() in scripts/handbook/search_query.py (a test compares them).
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
