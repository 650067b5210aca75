/* Safeguarding Procedures Handbook: small enhancements. Everything works without this script;
   it only adds conveniences (the "Copy citation" buttons). No request to any other host.

   When the page is ready to use (loaded, its buttons added and every chart drawn), it sets
   data-hb-ready="true" on <html>. The browser tests wait for that, rather than for the network
   to go quiet; a page whose charts are still not drawn after 20 seconds gets "charts-not-drawn". */
(function () {
  "use strict";

  /** The citation for a numbered paragraph: "<cite_as>, paragraph N" and the paragraph's link. */
  function citation(paragraph) {
    var source = paragraph.closest("[data-cite-as]");
    var title = source ? source.getAttribute("data-cite-as") : document.title;
    var url = location.href.split("#")[0] + "#" + paragraph.id;
    return title + ", paragraph " + paragraph.getAttribute("data-para") + " (" + url + ")";
  }

  function copy(text, button) {
    var done = function () {
      button.textContent = "Citation copied";
      setTimeout(function () { button.textContent = "Copy citation"; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { window.prompt("Copy this citation:", text); });
    } else {
      window.prompt("Copy this citation:", text);
    }
  }

  function addCiteButtons(root) {
    root.querySelectorAll("p.hb-para[data-para]").forEach(function (paragraph) {
      if (paragraph.querySelector(".hb-cite")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hb-cite";
      button.textContent = "Copy citation";
      button.setAttribute("aria-label", "Copy citation for paragraph " + paragraph.getAttribute("data-para"));
      button.setAttribute("data-search-exclude", "");
      button.addEventListener("click", function () { copy(citation(paragraph), button); });
      // At the end of the paragraph, so the number is followed straight by the text.
      paragraph.appendChild(button);
    });
  }

  var READY = "data-hb-ready";
  var CHART_WAIT_MS = 20000;

  /** Material replaces each <pre class="mermaid"> with a <div class="mermaid"> holding the drawn chart.
      Material takes the "mermaid" class off each chart before drawing it, so a chart Mermaid fails
      to draw is no longer a pre.mermaid either: count the drawn charts, not the ones left. */
  function whenChartsDrawn(charts, done, started) {
    var drawn = document.querySelectorAll("div.mermaid").length;
    if (drawn >= charts && !document.querySelector("pre.mermaid")) return done("true");
    if (Date.now() - started > CHART_WAIT_MS) return done("charts-not-drawn");
    setTimeout(function () { whenChartsDrawn(charts, done, started); }, 50);
  }

  function whenLoaded(done) {
    if (document.readyState === "complete") return done();
    window.addEventListener("load", done, { once: true });
  }

  /** Counted as this script runs (it is loaded at the end of the page, before Material draws or
      changes anything): later, a chart Mermaid could not draw has lost its "mermaid" class. */
  var CHARTS = document.querySelectorAll("pre.mermaid, div.mermaid").length;

  function setUp() {
    document.documentElement.removeAttribute(READY);
    addCiteButtons(document);
    whenLoaded(function () {
      whenChartsDrawn(CHARTS, function (state) { document.documentElement.setAttribute(READY, state); }, Date.now());
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();
