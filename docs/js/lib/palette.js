// The reader's colour palette (Material's light "default" or dark "slate" scheme), for scripts
// that draw in colours of their own (charts).

const SCHEME_ATTRIBUTE = "data-md-color-scheme";
const listeners = new Set();
let observer = null;

export function isDark() {
  return document.body?.getAttribute(SCHEME_ATTRIBUTE) === "slate";
}

// callback(isDark()) runs after every palette switch. Returns a function that unsubscribes;
// one observer serves every listener, so subscribing on each page view stays cheap.
export function onPaletteChange(callback) {
  listeners.add(callback);
  if (!observer) {
    observer = new MutationObserver(() => {
      const dark = isDark();
      for (const listener of [...listeners]) {
        listener(dark);
      }
    });
    observer.observe(document.body, { attributes: true, attributeFilter: [SCHEME_ATTRIBUTE] });
  }
  return () => listeners.delete(callback);
}
