// Material's search worker, with lunr's query lexer splitting queries on whitespace only.
//
// The theme tokenises the index with the `separator` of the search plugin (mkdocs.yml), which
// keeps gene and trial names such as VEGF-C, PD-L1 and miR-21 whole. Queries are split with
// that same separator by the theme, but lunr's query lexer first cuts every query at each
// hyphen (its own default, captured before the theme sets the separator), so "VEGF-C" would
// still be searched as "vegf" + "c". The theme template (main.html) points the worker at this
// file with the theme's worker name in ?material=; a classic worker, as importScripts needs.
"use strict";

(() => {
  const name = new URL(self.location.href).searchParams.get("material") || "";
  // Only the theme's own worker file, from the theme's folder of this site.
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name)) {
    throw new Error(`search worker: unexpected theme worker name ${JSON.stringify(name)}`);
  }
  importScripts(new URL(`../assets/javascripts/workers/${name}`, self.location.href).href);
  self.lunr.QueryLexer.termSeparator = /\s/;
})();
