// On an earlier release, the outdated-version banner (theme block "outdated") links to the same
// page and #section in the newest release. The server-rendered link goes through the `latest`
// alias; this module reads the published versions.json and the newest release's sitemap, links
// straight to the page there (or to that release's home page if the page no longer exists)
// and keeps the link's #hash in step with the reader's. ES module, mounted through document$.

function versionRoot() {
  const config = document.getElementById("__config");
  const base = config ? JSON.parse(config.textContent).base : ".";
  return new URL(`${base}/`.replace(/\/+$/, "/"), window.location.href);
}

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response;
}

/** The newest release's URL for this page, or null when this already is the newest. */
export async function latestTarget(root, location = window.location) {
  const versions = await (await fetchOk(new URL("../versions.json", root))).json();
  const newest = versions.find((v) => (v.aliases || []).includes("latest")) || versions[0];
  const here = root.pathname.split("/").filter(Boolean).pop();
  if (!newest || newest.version === here || (newest.aliases || []).includes(here)) return null;
  const target = new URL(`../${newest.version}/`, root);
  const page = location.pathname.startsWith(root.pathname)
    ? location.pathname.slice(root.pathname.length)
    : "";
  const sitemap = await (await fetchOk(new URL("sitemap.xml", target))).text();
  const suffix = `/${newest.version}/${page}`;
  const listed = Array.from(sitemap.matchAll(/<loc>([^<]+)<\/loc>/g), (m) => m[1].trim()).some(
    (loc) => new URL(loc).pathname.endsWith(suffix),
  );
  return new URL(listed ? page : "", target);
}

function currentLink() {
  return document.querySelector("[data-md-component=outdated] a.eso-latest-link");
}

function follow() {
  const link = currentLink();
  if (!link) return;
  const url = new URL(link.href, window.location.href);
  url.hash = window.location.hash;
  link.href = url.href;
}

window.addEventListener("hashchange", follow);

function mount() {
  const link = currentLink();
  if (!link) return;
  follow();
  latestTarget(versionRoot())
    .then((target) => {
      if (!target) return;
      link.href = target.href;
      follow();
    })
    .catch(() => {
      // Not served beside other versions (a preview): the server-rendered link stays.
    });
}

if (window.document$) window.document$.subscribe(mount);
else mount();
