/* Safeguarding Procedures Handbook: small enhancements. Everything works without this script;
   it only adds conveniences (the "Copy citation" buttons). No request to any other host. */
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

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { addCiteButtons(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { addCiteButtons(document); });
  }
})();
