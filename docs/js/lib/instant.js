// Keeps inline data blocks (<script type="application/json">: figure data, anchor aliases)
// intact across Material's instant navigation.
//
// After swapping in a new page, Material re-creates every <script> of the content so that it
// runs; for an inline script it copies only the text, not the attributes. A JSON data block
// would lose its type and class: it would become an inline script that the Content-Security-
// Policy refuses (a console error on every page change) and that page scripts can no longer
// find. The theme does the swap with Element.replaceWith, so a script being replaced by a bare
// copy of itself gets its attributes back; executable scripts are left exactly as the theme
// handles them.

const EXECUTABLE = new Set(["", "text/javascript", "application/javascript", "module"]);

function isInertScript(node) {
  const type = (node.getAttribute("type") ?? "").trim().toLowerCase();
  return node.localName === "script" && !node.hasAttribute("src") && !EXECUTABLE.has(type);
}

if (!Element.prototype.replaceWith.esoreviewKeepsData) {
  const replaceWith = Element.prototype.replaceWith;
  const keepData = function (...nodes) {
    const [copy] = nodes;
    if (
      nodes.length === 1 &&
      copy instanceof Element &&
      copy.localName === "script" &&
      copy.attributes.length === 0 &&
      isInertScript(this) &&
      copy.textContent === this.textContent
    ) {
      for (const name of this.getAttributeNames()) {
        copy.setAttribute(name, this.getAttribute(name));
      }
    }
    return replaceWith.apply(this, nodes);
  };
  keepData.esoreviewKeepsData = true;
  Element.prototype.replaceWith = keepData;
}

// The first in-page jump must not reload the page. Material's instant navigation fetches a page
// whenever the pathname on its location$ subject changes, and location$ starts empty, so the
// first hash change after a full load (a table-of-contents link, a citation, a figure's link to
// a table row, the back button between two of them) passes that check and makes the theme
// download the page again and swap it in: every figure redraws and every widget loses what the
// reader set. Until the theme has navigated to another page, a location with the loaded page's
// pathname is therefore not passed on; the jump itself is made here (a popstate jump has already
// been made by the browser). After the first page change the theme knows the current pathname
// and handles jumps itself.
const loadedPath = window.location.pathname;

// The element id a #fragment names ("" for none; a malformed %-escape is taken literally, as the
// browser does).
function fragmentId(hash) {
  const raw = hash.slice(1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
const location$ = window.location$;
if (location$ && typeof location$.next === "function" && !location$.esoreviewSamePage) {
  const next = location$.next;
  let navigated = false;
  let jumping = false;
  location$.next = function (url) {
    if (navigated || !(url instanceof URL) || url.pathname !== loadedPath) {
      navigated = true;
      return next.call(this, url);
    }
    // After a link click the theme has pushed the URL without jumping; after the browser's own
    // fragment jump (popstate) the target is already set. A replace makes the jump, sets the
    // :target highlight and adds no history entry; its own popstate is ignored.
    const id = fragmentId(url.hash);
    if (!jumping && id && document.querySelector(":target")?.id !== id) {
      jumping = true;
      try {
        window.location.replace(url.hash);
      } finally {
        jumping = false;
      }
    }
    return undefined;
  };
  location$.esoreviewSamePage = true;
}
