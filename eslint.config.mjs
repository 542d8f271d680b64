// ESLint for the site's JavaScript (`make lint`). Every script in docs/js is an ES module; the
// Pyodide worker runs in a module worker.
import js from "@eslint/js";
import globals from "globals";

export default [
  // Classic scripts that their owners convert to ES modules on other branches (layout:
  // figures/tables/citations; versions: cite-this). Delete this block when they land.
  { ignores: ["docs/js/figures.js", "docs/js/tables.js", "docs/js/citations.js", "docs/js/cite-this.js"] },
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
    // The service worker is a classic script at the site root (its scope).
    files: ["docs/sw.js"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "script",
      globals: { ...globals.serviceworker },
    },
  },
];
