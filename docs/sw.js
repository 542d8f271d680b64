// Service worker: the site keeps working offline after one visit, Python widgets included.
// Registered by js/offline.js with the site root as its scope. Classic script (service workers
// as modules are not supported everywhere).
//
// The build writes the release's content hash into VERSION (esoreview.site.offline), so every
// release has its own cache and a new release replaces the old one on activation. Only
// same-origin GET requests are handled: requests to another origin are never intercepted and
// never cached (the site makes none; its Content-Security-Policy forbids them).
//
// Strategies:
// * pages (navigations and Material's instant-navigation fetches) and wheels/runtime.json:
//   network first, so readers online always get the current release; the cache when offline;
// * everything else (Pyodide, the wheel, plotly.js, scripts, styles, images): cache first,
//   stored on first use; these files only change with a release, which brings a new cache.
// Pages tell the worker what they already loaded (the page itself, its scripts and styles, the
// Python runtime once it started), so a first visit is cached although it ran before the
// worker was in control.

const VERSION = "dev";
const CACHE = `esoreview-${VERSION}`;
const PREFIX = "esoreview-";
const NETWORK_FIRST = [/\/wheels\/runtime\.json$/];

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

function sameOrigin(url) {
  return url.origin === self.location.origin;
}

function cacheable(response) {
  return response && response.ok && response.type === "basic" && !response.headers.has("Content-Range");
}

async function store(request, response) {
  if (cacheable(response)) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirst(request) {
  try {
    return await store(request, await fetch(request));
  } catch (error) {
    const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: false });
    if (cached) {
      return cached;
    }
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: CACHE });
  return cached ?? store(request, await fetch(request));
}

function isPage(request, url) {
  return request.mode === "navigate" || url.pathname.endsWith("/") || url.pathname.endsWith(".html");
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || !sameOrigin(url) || request.headers.has("range")) {
    return; // the browser handles it; nothing of another origin is ever stored
  }
  const first = isPage(request, url) || NETWORK_FIRST.some((pattern) => pattern.test(url.pathname));
  event.respondWith(first ? networkFirst(request) : cacheFirst(request));
});

// {type: "cache", urls: [...]}: store what a page already loaded before this worker controlled
// it (normally answered from the HTTP cache, so nothing is downloaded twice).
self.addEventListener("message", (event) => {
  const { type, urls } = event.data ?? {};
  if (type !== "cache" || !Array.isArray(urls)) {
    return;
  }
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(
        urls
          .map((href) => new URL(href, self.location.href))
          .filter(sameOrigin)
          .map(async (url) => {
            if (!(await cache.match(url.href))) {
              await store(url.href, await fetch(url.href)).catch(() => null);
            }
          }),
      );
      event.source?.postMessage({ type: "cached", version: VERSION });
    })().catch(() => {}),
  );
});
