// Registers the site's service worker (<root>/sw.js) so that pages and the Python widgets keep
// working offline after one visit, and hands it what this page loaded before it took control.
// The Python runtime's files are handed over by the bridge once Python has started.

import { onPage } from "./lib/dom.js";

const ROOT = new URL("../", import.meta.url);

// Same-origin files this page has loaded so far: the page itself, its scripts, styles, images.
function loadedUrls() {
  const resources = performance.getEntriesByType("resource").map((entry) => entry.name);
  return [location.href, ...resources].filter((href) => new URL(href).origin === location.origin);
}

export async function cacheForOffline(urls) {
  if (!("serviceWorker" in navigator)) {
    return;
  }
  const registration = await navigator.serviceWorker.ready;
  registration.active?.postMessage({ type: "cache", urls: urls.map(String) });
}

if ("serviceWorker" in navigator && ["https:", "http:"].includes(location.protocol)) {
  navigator.serviceWorker.register(new URL("sw.js", ROOT), { scope: ROOT.pathname }).catch((error) => {
    // Offline use is a bonus: a page must work the same without it.
    console.warn(`Offline support is unavailable: ${error.message}`);
  });
  onPage(() => cacheForOffline(loadedUrls()));
}
