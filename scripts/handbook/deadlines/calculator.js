/* Safeguarding Procedures Handbook: the deadline calculator (docs/tools/deadlines.md).

   The build writes this file into the site as assets/javascripts/deadlines.js with the data filled
   in (the rules of data/deadlines.yml, the editions' dates and the bank holidays of England and
   Wales for the years it covers), so the page asks no other host and works from file://.

   The arithmetic below is the same as scripts/handbook/deadlines/workdays.py; a test runs both on
   the same dates and compares them. The words and source links of each answer are copied from the
   page's table of timescales, which MkDocs made from the same data. */
(function (root) {
  "use strict";

  var DATA = /* HANDBOOK_DEADLINES_DATA */ null;
  var DAY_MS = 86400000;
  var WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  // --- dates as day numbers (days since 1 January 1970, UTC: no time zone or clock change) --------

  function dayNumber(year, month, day) { return Date.UTC(year, month - 1, day) / DAY_MS; }

  function parts(n) {
    var date = new Date(n * DAY_MS);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay() };
  }

  function pad(value) { return (value < 10 ? "0" : "") + value; }

  function iso(n) {
    var p = parts(n);
    return p.year + "-" + pad(p.month) + "-" + pad(p.day);
  }

  function fromIso(text) {
    var bits = text.split("-");
    return dayNumber(Number(bits[0]), Number(bits[1]), Number(bits[2]));
  }

  function daysInMonth(year, month) { return new Date(Date.UTC(year, month, 0)).getUTCDate(); }

  /** GOV.UK style with the weekday: "Friday 4 December 2026". */
  function longDay(text) {
    var p = parts(fromIso(text));
    return WEEKDAYS[p.weekday] + " " + p.day + " " + MONTHS[p.month - 1] + " " + p.year;
  }

  // --- the arithmetic (the same as workdays.py) ---------------------------------------------------

  function isWorkingDay(data, n) {
    var weekday = parts(n).weekday;
    return weekday !== 0 && weekday !== 6 && !Object.prototype.hasOwnProperty.call(data.bankHolidays, iso(n));
  }

  function outOfRange(data, kind) {
    var first = data.years.first, last = data.years.last;
    var message = kind === "start"
      ? "The calculator knows the bank holidays of " + first + " to " + last + " only: enter a date from 1 January " +
        first + " to 31 December " + last + "."
      : "This deadline falls after 31 December " + last + ", beyond the bank holidays the calculator knows: count it by hand.";
    return { ok: false, kind: kind, message: message };
  }

  function covers(data, n) {
    return n >= dayNumber(data.years.first, 1, 1) && n <= dayNumber(data.years.last, 12, 31);
  }

  function addWorkingDays(data, start, count) {
    var day = start, counted = 0, skipped = [];
    while (counted < count) {
      day += 1;
      if (!covers(data, day)) return outOfRange(data, "due");
      if (parts(day).weekday % 6 !== 0 && !isWorkingDay(data, day)) skipped.push(iso(day));
      else if (isWorkingDay(data, day)) counted += 1;
    }
    return { ok: true, due: iso(day), skipped: skipped, before: null };
  }

  function addMonths(data, start, count) {
    var p = parts(start);
    var months = p.month - 1 + count;
    var year = p.year + Math.floor(months / 12), month = (months % 12) + 1;
    var due = dayNumber(year, month, Math.min(p.day, daysInMonth(year, month)));
    if (!covers(data, due)) return outOfRange(data, "due");
    var before = null;
    if (!isWorkingDay(data, due)) {
      before = due - 1;
      while (!isWorkingDay(data, before)) before -= 1;
    }
    return { ok: true, due: iso(due), skipped: [], before: before === null ? null : iso(before) };
  }

  /** The deadline ``count`` working days or months after the ISO date ``startIso``. */
  function dueDate(data, startIso, count, unit) {
    var start = fromIso(startIso);
    if (!covers(data, start)) return outOfRange(data, "start");
    return unit === "working days" ? addWorkingDays(data, start, count) : addMonths(data, start, count);
  }

  /** The rules of one edition that run from one event and apply on the ISO date ``on``. */
  function rulesFor(data, edition, event, on) {
    return data.rules.filter(function (rule) {
      return String(rule.edition) === String(edition) && rule.event === event &&
        (rule.from === null || on >= rule.from) && (rule.before === null || on < rule.before);
    });
  }

  var api = { dueDate: dueDate, longDay: longDay, rulesFor: rulesFor, data: DATA };

  // --- the page ---------------------------------------------------------------------------------

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function copyCell(ruleId, column, tag) {
    var cell = document.createElement(tag || "td");
    var row = document.querySelector('tr[data-rule="' + ruleId + '"]');
    if (row && row.cells[column]) cell.innerHTML = row.cells[column].innerHTML;
    return cell;
  }

  function chosenEdition(form) {
    var chosen = form.querySelector('input[name="edition"]:checked');
    return chosen ? chosen.value : "";
  }

  /** The events the chosen edition has timescales for (every event while none is chosen). */
  function fillEvents(form) {
    var select = form.querySelector("#hb-deadlines-event");
    var edition = chosenEdition(form), current = select.value;
    var ids = Object.keys(DATA.events).filter(function (id) {
      return !edition || DATA.rules.some(function (rule) { return String(rule.edition) === edition && rule.event === id; });
    });
    if (!ids.length) ids = Object.keys(DATA.events);
    select.innerHTML = "";
    ids.forEach(function (id) {
      var option = element("option", DATA.events[id]);
      option.value = id;
      option.selected = id === current;
      select.appendChild(option);
    });
  }

  function showError(form, message, field) {
    var box = form.querySelector("#hb-deadlines-error");
    box.innerHTML = "";
    box.appendChild(element("h2", "There is a problem", "hb-deadlines__error-title"));
    box.appendChild(element("p", message));
    box.hidden = false;
    box.setAttribute("tabindex", "-1");
    form.querySelectorAll("[aria-invalid]").forEach(function (node) { node.removeAttribute("aria-invalid"); });
    if (field) field.setAttribute("aria-invalid", "true");
    document.getElementById("hb-deadlines-results").innerHTML = "";
    box.focus();
  }

  function clearError(form) {
    var box = form.querySelector("#hb-deadlines-error");
    box.hidden = true;
    box.innerHTML = "";
    form.querySelectorAll("[aria-invalid]").forEach(function (node) { node.removeAttribute("aria-invalid"); });
  }

  /** The date typed into the three boxes, as an ISO date, or a message saying what is wrong. */
  function readDate(form) {
    var values = ["day", "month", "year"].map(function (part) { return form.querySelector("#hb-deadlines-" + part).value.trim(); });
    var names = ["day", "month", "year"];
    for (var i = 0; i < 3; i += 1) {
      if (!/^\d+$/.test(values[i])) {
        return { error: "Enter the " + names[i] + " as a number, for example 4 12 2026.", field: "#hb-deadlines-" + names[i] };
      }
    }
    var day = Number(values[0]), month = Number(values[1]), year = Number(values[2]);
    if (values[2].length !== 4) return { error: "Enter the year in full, for example 2026.", field: "#hb-deadlines-year" };
    if (month < 1 || month > 12) return { error: "The month must be a number from 1 to 12.", field: "#hb-deadlines-month" };
    if (day < 1 || day > daysInMonth(year, month)) {
      return { error: MONTHS[month - 1] + " " + year + " has " + daysInMonth(year, month) + " days: check the day.", field: "#hb-deadlines-day" };
    }
    return { date: year + "-" + pad(month) + "-" + pad(day) };
  }

  function dueCell(result) {
    var cell = document.createElement("td");
    cell.appendChild(element("strong", longDay(result.due)));
    result.skipped.forEach(function (day) {
      cell.appendChild(element("span", "Skips " + longDay(day) + ": " + DATA.bankHolidays[day] + ".", "hb-deadlines__detail"));
    });
    if (result.before) {
      cell.appendChild(element("span", "This is not a working day: the working day before it is " + longDay(result.before) + ".", "hb-deadlines__detail"));
    }
    return cell;
  }

  function answerRow(rule, start) {
    var row = document.createElement("tr");
    var result = dueDate(DATA, start, rule.count, rule.unit);
    var source = document.querySelector('tr[data-rule="' + rule.id + '"]');
    if (source && source.className) row.className = source.className; // "from outside the text held"
    row.setAttribute("data-answer", rule.id);
    var due = copyCell(rule.id, 0, "th");
    due.setAttribute("scope", "row");
    row.appendChild(due);
    if (result.ok) row.appendChild(dueCell(result));
    else row.appendChild(element("td", result.message, "hb-deadlines__no-date"));
    row.appendChild(copyCell(rule.id, 1));
    row.appendChild(copyCell(rule.id, 3));
    return row;
  }

  function answerTable(rules, start, edition) {
    var table = document.createElement("table");
    table.appendChild(element("caption", "Due dates under Working Together " + edition));
    var head = document.createElement("thead"), headRow = document.createElement("tr");
    ["What is due", "Due by", "Timescale", "Source"].forEach(function (name) {
      var th = element("th", name);
      th.setAttribute("scope", "col");
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    table.appendChild(head);
    var body = document.createElement("tbody");
    rules.forEach(function (rule) { body.appendChild(answerRow(rule, start)); });
    table.appendChild(body);
    // Material styles a table without a class inside its two wrappers, as it wraps the page's own.
    var wrap = element("div", "", "md-typeset__scrollwrap hb-deadlines__table hb-deadlines__answer");
    var inner = element("div", "", "md-typeset__table");
    inner.appendChild(table);
    wrap.appendChild(inner);
    return wrap;
  }

  function editionNotes(results, edition, start) {
    var info = DATA.editions[edition];
    if (info.replaced) {
      results.appendChild(element("p", "Replaced guidance: " + info.title + " is not the current guidance. Check the timescales in Working Together to Safeguard Children 2023 before relying on a date.", "hb-deadlines__replaced"));
    }
    if (start < info.from) results.appendChild(element("p", info.beforeText, "hb-deadlines__period"));
    if (info.until && start >= info.until) results.appendChild(element("p", info.afterText, "hb-deadlines__period"));
  }

  function showAnswer(form, edition, event, start) {
    var results = document.getElementById("hb-deadlines-results");
    results.innerHTML = "";
    var heading = element("h2", "Dates from " + longDay(start));
    heading.id = "hb-deadlines-answer";
    heading.setAttribute("tabindex", "-1");
    results.appendChild(heading);
    results.appendChild(element("p", DATA.events[event] + ": " + longDay(start) + ". Working Together " + edition + "."));
    editionNotes(results, edition, start);
    var rules = rulesFor(DATA, edition, event, start);
    if (rules.length) results.appendChild(answerTable(rules, start, edition));
    var notGiven = document.querySelector('.hb-deadlines__not-given[data-edition="' + edition + '"]');
    if (!rules.length) results.appendChild(element("p", "The handbook gives no timescale of the " + edition + " edition that runs from this event."));
    if (notGiven) results.appendChild(notGiven.cloneNode(true));
    heading.focus();
  }

  function onSubmit(form, submitEvent) {
    submitEvent.preventDefault();
    var edition = chosenEdition(form);
    if (!edition) return showError(form, "Choose the edition of Working Together you are working to.", form.querySelector('input[name="edition"]'));
    var date = readDate(form);
    if (date.error) return showError(form, date.error, form.querySelector(date.field));
    var check = dueDate(DATA, date.date, 0, "working days");
    if (!check.ok) return showError(form, check.message, form.querySelector("#hb-deadlines-year"));
    clearError(form);
    showAnswer(form, edition, form.querySelector("#hb-deadlines-event").value, date.date);
  }

  function setUp() {
    var form = document.getElementById("hb-deadlines-form");
    if (!form || !DATA) return;
    form.querySelectorAll('input[name="edition"]').forEach(function (radio) {
      radio.addEventListener("change", function () { fillEvents(form); });
    });
    form.addEventListener("submit", function (submitEvent) { onSubmit(form, submitEvent); });
    fillEvents(form);
    form.setAttribute("data-hb-deadlines", "ready");
  }

  if (typeof document === "undefined") {
    root.handbookDeadlines = api; // Node.js (the tests): the arithmetic only
    return;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
}(this));
