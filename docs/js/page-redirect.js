// Redirect pages written by mkdocs-redirects: go to the canonical target, keeping the #section.
// Replaces the plugin's inline script, which a strict Content-Security-Policy would block.
(() => {
  const link = document.querySelector('link[rel="canonical"]');
  if (!link) return;
  const target = new URL(link.getAttribute("href"), location.href);
  if (target.origin !== location.origin) return; // never leave the site
  if (location.hash) target.hash = location.hash; // the reader's #section wins over the target's
  location.replace(target.href);
})();
