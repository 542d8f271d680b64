// ESLint for the site's JavaScript (`make lint`). Every page script in docs/js is an ES module;
// the Pyodide worker runs in a module worker; the search and service workers are classic.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["docs/js/**/*.js", "docs/sw.js"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.browser, document$: "readonly", Plotly: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: ["error", "always"],
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
    },
  },
  {
    files: ["docs/js/esoreview-worker.js"],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    // The search worker wraps the theme's classic worker (importScripts needs a classic one).
    files: ["docs/js/search-worker.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.worker } },
  },
  {
    // The service worker is a classic script at the site root (its scope).
    files: ["docs/sw.js"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "script",
      globals: { ...globals.serviceworker },
    },
  },
];
