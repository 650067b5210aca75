// ESLint for the handbook's own JavaScript: the search worker's prelude, the site's scripts and the
// test helper that runs the worker in Node.js. Run by ./run test (node_modules/.bin/eslint, no
// arguments: it lints the folders not ignored below) and by tests/unit/search/test_worker_lint.py.
"use strict";
const js = require("@eslint/js");
const globals = require("globals");
const { defineConfig, globalIgnores } = require("eslint/config");

// Rules for every file, on top of ESLint's recommended ones.
const rules = {
  eqeqeq: ["error", "always"],
  "no-unused-vars": ["error", { vars: "all", args: "after-used", caughtErrors: "all" }],
  "no-undef": "error",
  "block-scoped-var": "error", // var is function-scoped: no use of one outside the block declaring it
  "no-loop-func": "error",
  "no-shadow": "error",
  "no-eval": "error",
  "no-implied-eval": "error",
  "no-new-func": "error",
  "no-throw-literal": "error",
};

// Scripts a browser runs as they are: ES5 syntax (var, function), as they are written, each one an
// IIFE in strict mode that leaves nothing in the page's global scope.
const browserScript = {
  ecmaVersion: 5,
  sourceType: "script",
};
const scriptRules = {
  strict: ["error", "function"],
  "no-implicit-globals": "error",
};

module.exports = defineConfig([
  // Only the project's own sources: not the built sites, .venv, node_modules or build staging.
  globalIgnores(["*", "!scripts/", "!docs/", "!tests/", "!eslint.config.js"]),
  { files: ["**/*.js"], ...js.configs.recommended },
  { files: ["**/*.js"], rules },
  {
    // Put in front of Material's search worker (scripts/handbook/adapter/material_search_worker.py):
    // it runs in a Web Worker, or, from file://, in the hidden iframe of the iframe-worker shim,
    // where it loads the index with a script element (document).
    files: ["scripts/handbook/search/worker.js"],
    languageOptions: {
      ...browserScript,
      globals: { ...globals.es2015, ...globals.worker, document: "readonly" },
    },
    rules: {
      ...scriptRules,
      // Small named functions (the IIFE around them is not counted).
      "max-lines-per-function": ["error", { max: 30, skipBlankLines: true, skipComments: true, IIFEs: false }],
    },
  },
  {
    // Copied into the built site as they are (mkdocs.yml, extra_javascript).
    files: ["docs/assets/javascripts/**/*.js"],
    languageOptions: { ...browserScript, globals: { ...globals.browser } },
    rules: scriptRules,
  },
  {
    // The deadline calculator: the build writes it into the site with its data filled in
    // (scripts/handbook/deadlines/page.py); it is a browser script like those above.
    files: ["scripts/handbook/deadlines/*.js"],
    languageOptions: { ...browserScript, globals: { ...globals.browser } },
    rules: scriptRules,
  },
  {
    // Node.js: the test helper and this file.
    files: ["tests/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
  },
]);
