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
 * 3. When Material asks lunr to build, it makes the lunr index from the compact one instead:
 *    the same terms, the same scores (lunr's formula with Material's settings), no tokenizing.
 *    Material's highlighting needs the positions of matched words and a position table per field,
 *    which lunr makes while indexing; here they are made only for the documents a query returns,
 *    with Material's own tokenizer.
 * 4. It rewrites each query the way the index expects: section numbers ("S.47", "section 47")
 *    to one term (s47), complete words to their stems (twin of search_query.rewrite_query).
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
  var K1 = 1.2; /* lunr's default; Material keeps it (and sets b to 0) */
  var INDEX_JSON = "search/handbook_index.json";
  var INDEX_SCRIPT = "search/handbook_index.js";
  /* Results whose matches are highlighted: Material shows 10 pages of results, then 4 more at a
     time as the reader scrolls. The first HIGHLIGHT_ALL pages get every section highlighted (also
     those under "more on this page"), the rest up to HIGHLIGHT_GROUPS their best sections. */
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

  /* --- 3. From the compact index to lunr's ---------------------------------------------------- */

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
    var elements = [];
    for (var e = 0; e < count * width; e++) elements.push([]);
    var postings = new Array(terms.length);
    var tokenSet = new lunr.TokenSet.Builder();
    for (var t = 0; t < terms.length; t++) {
      tokenSet.insert(terms[t]);
      var decoded = compact.postings[t].map(decode);
      var withTerm = 0;
      decoded.forEach(function (pair) { withTerm += pair[0].length; });
      var idf = Math.log(1 + Math.abs((count - withTerm + 0.5) / (withTerm + 0.5)));
      for (var f = 0; f < width; f++) {
        var boost = fieldBoosts[fields[f]];
        var list = decoded[f][0];
        var frequencies = decoded[f][1];
        for (var i = 0; i < list.length; i++) {
          var frequency = frequencies[i];
          /* lunr.Builder.createFieldVectors */
          var norm = b ? 1 - b + b * (lengths[list[i] * width + f] / averages[f]) : 1;
          var score = idf * ((K1 + 1) * frequency) / (K1 * norm + frequency);
          score *= boost;
          score *= docBoosts[list[i]];
          elements[list[i] * width + f].push(t, Math.round(score * 1000) / 1000);
        }
      }
      postings[t] = decoded;
    }
    tokenSet.finish();
    var fieldVectors = Object.create(null);
    var refNumber = Object.create(null);
    var pageOf = [];
    var isArticle = [];
    var seenPages = Object.create(null);
    docs.forEach(function (doc, d) {
      refNumber[doc.location] = d;
      pageOf.push(doc.location.split("#")[0]);
      isArticle.push(!seenPages[pageOf[d]]); /* Material: a page's first document is the page */
      seenPages[pageOf[d]] = true;
      fields.forEach(function (field, f) {
        fieldVectors[field + "/" + doc.location] = new lunr.Vector(elements[d * width + f]);
      });
    });
    /* lunr's postings ({_index, field: {ref: {}}}) are made when a query first reaches a term. */
    var invertedIndex = Object.create(null);
    terms.forEach(function (term, t) {
      Object.defineProperty(invertedIndex, term, {
        configurable: true,
        enumerable: true,
        get: function () {
          var posting = { _index: t };
          fields.forEach(function (field, f) {
            var refs = Object.create(null);
            postings[t][f][0].forEach(function (d) { refs[docs[d].location] = {}; });
            posting[field] = refs;
          });
          Object.defineProperty(invertedIndex, term, { value: posting, enumerable: true });
          return posting;
        }
      });
    });
    var extra = Object.create(null);
    (compact.extra || []).forEach(function (entry) {
      (extra[entry[0]] || (extra[entry[0]] = [])).push(entry);
    });
    var index = new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: tokenSet.root,
      fields: fields,
      pipeline: new lunr.Pipeline()
    });

    /* Positions of each term in one field of one document, as lunr would have stored them. */
    var cache = Object.create(null);
    var termCache = Object.create(null);
    function positions(d, f) {
      var key = d + ":" + f;
      if (cache[key]) return cache[key];
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
      cache[key] = map;
      return map;
    }

    /* Material's order of results (Search.search): which documents a reader will see first. */
    function clauseTerms(query) {
      var parsed = new lunr.Query(["title", "text", "tags"]);
      new lunr.QueryParser(query, parsed).parse();
      return parsed.clauses.filter(function (clause) {
        return clause.presence !== lunr.Query.presence.PROHIBITED;
      }).map(function (clause) { return clause.term.replace(/^\*/, "").replace(/\*$/, ""); });
    }
    function shownFirst(results, query) {
      var clauses = clauseTerms(query);
      var ranked = results.map(function (result) {
        var d = refNumber[result.ref];
        var remaining = clauses.slice();
        var terms = {};
        Object.keys(result.matchData.metadata).forEach(function (term) {
          remaining = remaining.filter(function (clause) {
            if (term.indexOf(clause) !== 0) return true;
            terms[clause] = true;
            return false;
          });
        });
        remaining.forEach(function (clause) { if (lunr.stopWordFilter(clause)) terms[clause] = false; });
        var keys = Object.keys(terms);
        var matched = keys.filter(function (key) { return terms[key]; }).length;
        var boost = (isArticle[d] ? 1 : 0) + (keys.length ? matched / keys.length : 0);
        return { d: d, score: result.score * (1 + boost * boost) };
      }).sort(function (a, b) { return b.score - a.score; });
      var groups = [];
      var byPage = Object.create(null);
      ranked.forEach(function (item) {
        var group = byPage[pageOf[item.d]];
        if (!group) groups.push(group = byPage[pageOf[item.d]] = []);
        group.push(item);
      });
      var shown = Object.create(null);
      var all = settings.highlightAll || HIGHLIGHT_ALL;
      groups.slice(0, settings.highlightGroups || HIGHLIGHT_GROUPS).forEach(function (group, g) {
        group.forEach(function (item) {
          if (g < all || item.score >= group[0].score) shown[item.d] = true;
        });
      });
      return shown;
    }

    var search = index.search;
    index.search = function (query) {
      var results = search.apply(index, arguments);
      /* Material highlights every result; only the first ones are shown, so only they get the
         positions of their matches (and need their words split). The rest stay plain. */
      var shown = shownFirst(results, query);
      results.forEach(function (result) {
        var d = refNumber[result.ref];
        var metadata = result.matchData.metadata;
        var seen = {};
        Object.keys(metadata).forEach(function (term) {
          Object.keys(metadata[term]).forEach(function (field) {
            var known = seen[field] || (seen[field] = Object.create(null));
            var found = shown[d] ? positions(d, fields.indexOf(field))[term] || [] : [];
            /* A word and its stem share a position: mark it once, or the highlights would nest. */
            metadata[term][field] = {
              position: found.filter(function (p) { return known[p] ? false : (known[p] = true); })
            };
          });
        });
      });
      return results;
    };
    return index;
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
