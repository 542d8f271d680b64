// Build-time: a Pyodide memory snapshot of an interpreter that has the esoreview wheel's
// browser modules imported and each widget's first call made (esoreview.browser.warm_up),
// gzip-compressed. Loading it in the browser skips Python's
// initialisation and the imports (about 5 s -> under 1 s on a loaded two-core machine).
//
//   node make_snapshot.mjs <pyodide dir> <wheel> <out.bin.gz> <module>...
//
// The snapshot belongs to one pyodide.asm.wasm and one wheel: the build regenerates it
// whenever either changes (esoreview.site.snapshot).

import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [pyodideDir, wheelPath, outPath, ...modules] = process.argv.slice(2);
const wheel = new Uint8Array(readFileSync(wheelPath)); // first: a missing wheel fails fast
const indexURL = pathToFileURL(`${pyodideDir}/`).href;
const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, _makeSnapshot: true });
const sitePackages = pyodide.pyimport("site").getsitepackages().get(0);
pyodide.unpackArchive(wheel, "whl", { extractDir: sitePackages });
pyodide.pyimport("importlib").invalidate_caches();
for (const name of modules) {
  pyodide.pyimport(name);
}
// Every widget's first call, so its lazy imports and caches are in the snapshot too.
const failed = pyodide.pyimport("esoreview.browser").warm_up().toJs();
if (failed.length) {
  throw new Error(`warm-up calls failed: ${failed.join("; ")}`);
}
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(outPath, gzipSync(snapshot, { level: 6 }));
console.log(`${outPath}: ${snapshot.length} bytes before compression`);
