// Registers the site's service worker (<root>/sw.js) so that pages and the Python widgets keep
// working offline after one visit, and hands it every same-origin file this page loads, including
// those loaded before it took control (a first visit) and those loaded later (figures' plotly.js,
// workers). The Python runtime's files, fetched inside its worker, are handed over by the bridge
// once Python has started.

import { onPage } from "./lib/dom.js";

const ROOT = new URL("../", import.meta.url);
// Material's search worker, started through our wrapper (js/search-worker.js?material=NAME),
// loads the theme's worker file with importScripts, which the page never sees.
const SEARCH_WRAPPER = /\/js\/search-worker\.js\?material=(search\.[0-9a-f]+\.min\.js)$/;

function sameOrigin(href) {
  return new URL(href, location.href).origin === location.origin;
}

// The files a loaded resource implies the page will need again offline.
function withDependencies(href) {
  const wrapped = SEARCH_WRAPPER.exec(href);
  return wrapped ? [href, new URL(`assets/javascripts/workers/${wrapped[1]}`, ROOT).href] : [href];
}

export async function cacheForOffline(urls) {
  if (!("serviceWorker" in navigator)) {
    return;
  }
  const registration = await navigator.serviceWorker.ready;
  registration.active?.postMessage({ type: "cache", urls: urls.map(String) });
}

// Resource entries arrive one by one; they are sent in batches, one message per 500 ms at most.
let pending = new Set();
let timer = null;
function collect(hrefs) {
  for (const href of hrefs.filter(sameOrigin).flatMap(withDependencies)) {
    pending.add(href);
  }
  if (pending.size && timer === null) {
    timer = setTimeout(() => {
      const batch = [...pending];
      pending = new Set();
      timer = null;
      cacheForOffline(batch);
    }, 500);
  }
}

function icons() {
  return Array.from(document.querySelectorAll("link[rel~='icon']"), (link) => link.href);
}

if ("serviceWorker" in navigator && ["https:", "http:"].includes(location.protocol)) {
  navigator.serviceWorker.register(new URL("sw.js", ROOT), { scope: ROOT.pathname }).catch((error) => {
    // Offline use is a bonus: a page must work the same without it.
    console.warn(`Offline support is unavailable: ${error.message}`);
  });
  if ("PerformanceObserver" in window) {
    // buffered: the entries of everything loaded before this script ran come first.
    new PerformanceObserver((list) => collect(list.getEntries().map((entry) => entry.name))).observe({
      type: "resource",
      buffered: true,
    });
  }
  onPage(() => collect([location.href, ...icons()]));
}
