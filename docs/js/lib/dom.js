// DOM helpers shared by every page script: building elements without HTML strings, mounting
// a widget only when it comes near the viewport, and running page set-up on every page view.
//
// onPage(callback) is the one way a script initialises a page. With Material's instant
// navigation the document is not reloaded between pages: the theme swaps the content and
// announces each page view on its `document$` observable, so a listener on DOMContentLoaded
// would run only for the first page. Without the theme (test pages) it runs once, on load.

import "./instant.js";

// The site root: this file is <root>/js/lib/dom.js (also under a sub-path such as /repo/).
const ROOT = new URL("../../", import.meta.url);
const PLOTLY_URL = new URL("assets/plotly.min.js", ROOT).href;
let plotly = null;

// Resolves with window.Plotly, loading the site's one plotly.js if no page has loaded it yet:
// with instant navigation the first page read may have had no figure, so the <script> the
// theme puts in <head> of figure pages never ran.
export function loadPlotly() {
  if (window.Plotly) {
    return Promise.resolve(window.Plotly);
  }
  plotly ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = PLOTLY_URL;
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => {
      plotly = null; // a later page may try again
      reject(new Error(`could not load ${PLOTLY_URL}`));
    };
    document.head.append(script);
  });
  return plotly;
}

// Pages that draw charts: the notebooks' figures and the kinetic-model widgets.
const NEEDS_PLOTLY = "figure.eso-figure, .eso-widget[data-widget]:not([data-widget=staging])";

// el("p", "eso-note", "text") or el("a", {href, className: "x"}, child, "text", ...)
// Children are Nodes or strings (added as text, never parsed as HTML); null/false are skipped.
// Attribute values of true set an empty attribute; false, null and undefined leave it out.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const attributes = typeof props === "string" ? { className: props } : (props ?? {});
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (key === "className") {
      node.className = value;
    } else if (key === "text") {
      node.textContent = value;
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// Calls mount(element) once, when the element comes within `rootMargin` of the viewport (at
// once where IntersectionObserver is missing). Returns a function that cancels the wait.
export function mountWhenVisible(element, mount, { rootMargin = "200px 0px" } = {}) {
  if (!("IntersectionObserver" in window)) {
    mount(element);
    return () => {};
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        mount(element);
      }
    },
    { rootMargin },
  );
  observer.observe(element);
  return () => observer.disconnect();
}

// The description a widget's host element carries as JSON in data-spec (written by Python), or
// null when it is missing, unreadable or not what `valid(spec)` expects.
export function readSpec(host, valid) {
  try {
    const spec = JSON.parse(host.dataset.spec ?? "");
    return spec !== null && typeof spec === "object" && valid(spec) ? spec : null;
  } catch {
    return null;
  }
}

// Runs task once the browser is idle (at the latest after timeoutMs): for work that can start
// early, such as preloading Python while the reader reads, without delaying the page itself.
export function whenIdle(task, timeoutMs = 2000) {
  if (typeof window.requestIdleCallback === "function") {
    window.requestIdleCallback(() => task(), { timeout: timeoutMs });
  } else {
    setTimeout(task, 200);
  }
}

// Runs callback(document) for the first page and again after every instant-navigation page
// change. The theme's bundle (which defines document$) loads before every site script.
export function onPage(callback) {
  const theme$ = window.document$;
  if (theme$ && typeof theme$.subscribe === "function") {
    theme$.subscribe(() => {
      // Charts drawn by callbacks need plotly.js; run them once it is there (or failed).
      const ready = document.querySelector(NEEDS_PLOTLY) ? loadPlotly() : Promise.resolve();
      ready.catch(() => {}).then(() => callback(document));
    });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => callback(document), { once: true });
  } else {
    callback(document);
  }
}
