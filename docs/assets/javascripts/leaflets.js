/* Leaflets library: filter the list by audience and topic. Progressive enhancement: without this
   script the filter form stays hidden and every leaflet is listed. No request to any other host. */
(function () {
  "use strict";

  function checked(form, name) {
    return Array.prototype.filter
      .call(form.querySelectorAll('input[name="' + name + '"]'), function (box) { return box.checked; })
      .map(function (box) { return box.value; });
  }

  function setUp(form) {
    var cards = document.querySelectorAll(".hb-leaflet-card");
    var groups = document.querySelectorAll(".hb-library__group");
    var status = document.querySelector(".hb-filter__status");
    var total = cards.length;

    function apply() {
      var audiences = checked(form, "audience");
      var topics = checked(form, "topic");
      var shown = 0;
      cards.forEach(function (card) {
        var cardTopics = (card.getAttribute("data-topics") || "").split("|");
        var audienceOk = audiences.length === 0 || audiences.indexOf(card.getAttribute("data-audience")) >= 0;
        var topicOk = topics.length === 0 || cardTopics.some(function (t) { return topics.indexOf(t) >= 0; });
        card.hidden = !(audienceOk && topicOk);
        if (!card.hidden) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector(".hb-leaflet-card:not([hidden])");
      });
      // The page's table of contents lists only what is shown.
      Array.prototype.forEach.call(document.querySelectorAll(".hb-library__group h2[id], .hb-leaflet-card h3[id]"),
        function (heading) {
          var hidden = heading.closest("[hidden]") !== null;
          document.querySelectorAll('.md-nav--secondary a[href="#' + heading.id + '"]').forEach(function (link) {
            if (link.parentElement) link.parentElement.hidden = hidden;
          });
        });
      if (status) {
        var noun = total === 1 ? "leaflet" : "leaflets";
        if (shown === total) status.textContent = "Showing all " + total + " " + noun + ".";
        else if (shown === 0) status.textContent = "No leaflets match. Untick a box, or choose Show all leaflets.";
        else status.textContent = "Showing " + shown + " of " + total + " " + noun + ".";
      }
    }

    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function init() {
    var form = document.querySelector("form.hb-filter");
    if (form && !form.hasAttribute("data-ready")) {
      form.setAttribute("data-ready", "");
      setUp(form);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
