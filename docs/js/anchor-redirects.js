// Old section anchors keep working: when the URL's #hash names no element on this page but
// the page's alias map (<script type="application/json" id="anchor-aliases">, written from
// redirects.json) knows it, go to the new id, on this page or another. Runs on every page view
// (instant navigation included) and on every hash change.

import { onPage } from "./lib/dom.js";

function aliases() {
  const data = document.getElementById("anchor-aliases");
  if (!data) {
    return {};
  }
  try {
    return JSON.parse(data.textContent) || {};
  } catch {
    return {};
  }
}

function currentId() {
  const hash = window.location.hash.slice(1);
  try {
    return decodeURIComponent(hash);
  } catch {
    return hash;
  }
}

function follow() {
  const id = currentId();
  if (!id || document.getElementById(id)) {
    return;
  }
  const target = aliases()[id];
  if (typeof target !== "string") {
    return;
  }
  if (target.startsWith("#")) {
    // replaceState: the old hash should not stay in history as a dead entry.
    history.replaceState(null, "", target);
    document.getElementById(decodeURIComponent(target.slice(1)))?.scrollIntoView();
  } else {
    window.location.replace(target);
  }
}

onPage(follow);
window.addEventListener("hashchange", follow);
