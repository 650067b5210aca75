/* Printed copies say the date they were printed (the handbook's printing policy).
   Every page has a line that only the print stylesheet shows (scripts/handbook/site/print_stamp.py); it
   holds the build date until this script writes today's date into it: on load, and again just
   before printing, so a page left open overnight still prints the right day. No request is made. */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  /** GOV.UK style, whatever the browser's language: 5 March 2027. */
  function longDate(day) {
    return day.getDate() + " " + MONTHS[day.getMonth()] + " " + day.getFullYear();
  }

  function isoDate(day) {
    return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate());
  }

  function stampToday() {
    var today = new Date();
    document.querySelectorAll(".hb-print-stamp").forEach(function (line) {
      var time = document.createElement("time");
      time.setAttribute("datetime", isoDate(today));
      time.textContent = longDate(today);
      line.textContent = "Correct as printed on ";
      line.appendChild(time);
      line.appendChild(document.createTextNode("; check the handbook for the current version."));
      line.setAttribute("data-printed", isoDate(today));
    });
  }

  window.addEventListener("beforeprint", stampToday);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    var onChange = function (event) { if (event.matches) stampToday(); };
    if (print.addEventListener) print.addEventListener("change", onChange);
    else if (print.addListener) print.addListener(onChange);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", stampToday);
  } else {
    stampToday();
  }
})();
