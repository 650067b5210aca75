/* Loaded straight after the site's own copy of Mermaid (overrides/main.html), on pages with a chart.
   If that copy could not be loaded, a stand-in that draws nothing takes its place: without it,
   Material would fetch Mermaid from unpkg.com. The chart's steps in words stay on the page.
   A file rather than an onerror="" attribute, so the web server's Content-Security-Policy needs no
   'unsafe-hashes' (deploy/nginx.conf). */
(function () {
  "use strict";
  if (!window.mermaid) {
    window.mermaid = {
      initialize: function () {},
      render: function () { return window.Promise.reject(new Error("Mermaid could not be loaded from this site")); }
    };
  }
})();
