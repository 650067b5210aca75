// Runs the deadline calculator's arithmetic (the script the build writes) in Node.js, for
// tests/unit/deadlines/test_calculator_js.py: node run_calculator.js SCRIPT < cases.json
// Each case is {start, count, unit} (a deadline) or {edition, event, on} (which rules apply).
"use strict";
const fs = require("fs");
const vm = require("vm");

const context = vm.createContext({});
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), context, { filename: process.argv[2] });
const api = context.handbookDeadlines;
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const answers = cases.map((item) => {
  if (item.event) return api.rulesFor(api.data, item.edition, item.event, item.on).map((rule) => rule.id);
  const result = api.dueDate(api.data, item.start, item.count, item.unit);
  return result.ok ? { ...result, dueText: api.longDay(result.due) } : result;
});
process.stdout.write(JSON.stringify(answers));
