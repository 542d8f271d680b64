// Module worker that runs the client models in Pyodide, off the page's main thread.
// Started only by esoreview-bridge.js. Protocol:
//   page -> worker  {type: "wasm", module}   first message: Pyodide's compiled wasm, or null
//   worker -> page  {type: "ready", pyodide, wheel}  |  {type: "init-error", message}
//   page -> worker  {id, module, function, kwargs}   kwargs = JSON text of one object
//   worker -> page  {type: "progress", stage, message}  while starting
//   worker -> page  {id, reply}   reply = JSON text from esoreview.browser.call
//   worker -> page  {id, fatal}   the runtime failed on this call: the bridge restarts the worker
// The site root is the parent of this file's folder (<root>/js/esoreview-worker.js), which keeps
// working when the site is served under a sub-path such as /repo/.

const root = new URL("../", import.meta.url);
// Pyodide's core files (esoreview.site.runtime.RUNTIME_FILES), all fetched by every start.
const RUNTIME_FILES = [
  "pyodide.mjs",
  "pyodide.asm.mjs",
  "pyodide.asm.wasm",
  "python_stdlib.zip",
  "pyodide-lock.json",
];

async function fetchOk(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) {
    throw new Error(`${url} answered HTTP ${response.status}`);
  }
  return response;
}

async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

// Revalidated on every start so a new deployment is picked up at once; the files it names carry
// their hash in the URL, so they can stay in the HTTP cache.
async function fetchManifest() {
  const response = await fetchOk(new URL("wheels/runtime.json", root), { cache: "no-cache" });
  return response.json();
}

// A file of wheels/ named by the manifest, checked against the sha256 the manifest records.
async function fetchChecked(name, sha256) {
  const url = new URL(`wheels/${name}?v=${sha256.slice(0, 16)}`, root);
  const bytes = new Uint8Array(await (await fetchOk(url)).arrayBuffer());
  // crypto.subtle exists only in secure contexts (https, localhost); elsewhere the same-origin
  // fetch is all the assurance there is.
  if (globalThis.crypto?.subtle) {
    const actual = await sha256Hex(bytes);
    if (actual !== sha256) {
      throw new Error(`${name} has sha256 ${actual}, runtime.json says ${sha256}`);
    }
  }
  return { bytes, url: url.href };
}

// The memory snapshot of an interpreter with the models imported (esoreview.site.snapshot),
// gzip-compressed. null when the site has none or it cannot be read: Python then starts the
// ordinary way, only slower.
async function fetchSnapshot(manifest) {
  if (!manifest.snapshot || typeof DecompressionStream !== "function") {
    return null;
  }
  try {
    const { bytes, url } = await fetchChecked(manifest.snapshot.file, manifest.snapshot.sha256);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return { bytes: new Uint8Array(await new Response(stream).arrayBuffer()), url };
  } catch (error) {
    console.warn(`Starting Python without its snapshot: ${error.message}`);
    return null;
  }
}

// The page compiles Pyodide's wasm (see compileRuntime in the bridge) and sends it first.
const precompiled = new Promise((resolve) => {
  self.addEventListener("message", function first({ data }) {
    if (data?.type === "wasm") {
      self.removeEventListener("message", first);
      resolve(data.module instanceof WebAssembly.Module ? data.module : null);
    }
  });
});

// Pyodide fetches and instantiates its wasm itself. Hook both steps, so that its other files
// (stdlib, JS glue) download while the page is still compiling: the one fetch of the wasm is
// answered with an empty body when a compiled module arrives (no second download), and
// instantiation uses that module. Without one, both fall through to the real calls. Each hook
// removes itself after use.
function awaitCompiledModule(wasmUrl) {
  const realFetch = self.fetch;
  const realStreaming = WebAssembly.instantiateStreaming;
  self.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), self.location.href);
    if (url.href !== wasmUrl) {
      return realFetch.call(self, input, init);
    }
    self.fetch = realFetch;
    return precompiled.then((module) =>
      module
        ? new Response(null, { headers: { "Content-Type": "application/wasm" } })
        : realFetch.call(self, input, init),
    );
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    WebAssembly.instantiateStreaming = realStreaming;
    const module = await precompiled;
    if (!module) {
      return realStreaming.call(WebAssembly, source, imports);
    }
    return { instance: await WebAssembly.instantiate(module, imports), module };
  };
}

async function loadRuntime(indexURL, snapshot) {
  awaitCompiledModule(new URL("pyodide.asm.wasm", indexURL).href);
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const saved = await snapshot;
  if (saved) {
    try {
      return await loadPyodide({ indexURL, _loadSnapshot: saved.bytes });
    } catch (error) {
      console.warn(`Python's snapshot could not be used (${error.message}); starting afresh`);
    }
  }
  return loadPyodide({ indexURL });
}

function progress(stage, message) {
  self.postMessage({ type: "progress", stage, message });
}

// Milliseconds since the worker started at which each start-up step ended (benchmarks read
// them through the bridge's warmup() answer to show where the seconds go).
const timings = {};
const step = (name) => (value) => {
  timings[name] = Math.round(performance.now());
  return value;
};

async function start() {
  precompiled.then(step("wasmCompiled"));
  progress("download", "Loading Python (about 13 MB on a first visit, then from the cache)…");
  const indexURL = new URL("pyodide/", root).href;
  // Everything downloads at once; a failure of the runtime or the wheel stops the start.
  const manifest = await fetchManifest();
  const snapshot = fetchSnapshot(manifest).then(step("snapshotFetched"));
  const [pyodide, wheel, saved] = await Promise.all([
    loadRuntime(indexURL, snapshot).then(step("pyodideLoaded")),
    fetchChecked(manifest.wheel, manifest.sha256).then(step("wheelFetched")),
    snapshot,
  ]);
  timings.snapshotUsed = Boolean(saved);
  if (pyodide.version !== manifest.pyodide) {
    throw new Error(`site expects Pyodide ${manifest.pyodide} but loaded ${pyodide.version}`);
  }
  progress("models", "Loading the models…");
  const sitePackages = pyodide.pyimport("site").getsitepackages().get(0);
  // A pure-Python wheel is a zip of importable files: unpacking it into site-packages is
  // the whole installation (the npm package ships no micropip).
  // With a snapshot the modules are already imported, but the files (for later imports)
  // live in the JS file system, which a memory snapshot does not hold.
  pyodide.unpackArchive(wheel.bytes, "whl", { extractDir: sitePackages });
  pyodide.pyimport("importlib").invalidate_caches();
  step("wheelInstalled")();
  const call = pyodide.pyimport("esoreview.browser").call;
  step("bridgeImported")();
  // Everything this start fetched, for the service worker to keep for offline use.
  const files = [
    ...RUNTIME_FILES.map((name) => new URL(name, indexURL).href),
    new URL("wheels/runtime.json", root).href,
    wheel.url,
    ...(saved ? [saved.url] : []),
  ];
  return { call, version: pyodide.version, wheel: manifest.wheel, files, timings };
}

// Pyodide reports a fatal error (e.g. a stack overflow on deeply nested input) by throwing from
// the call or, in some states, by returning nothing; either way this interpreter is unusable.
// The worker says so and the bridge restarts it rather than keep a broken runtime.
function answer(runtime, { id, module, function: name, kwargs }) {
  let reply;
  try {
    reply = runtime.call(String(module), String(name), String(kwargs));
  } catch (error) {
    // esoreview.browser.call answers every Python error as JSON; this is Pyodide failing.
    const first = String(error?.message ?? error).split("\n")[0];
    return { id, fatal: `Pyodide failed: ${first}` };
  }
  return typeof reply === "string" ? { id, reply } : { id, fatal: "the call returned no answer" };
}

// The bridge sends calls only after "ready", one at a time.
start().then(
  (runtime) => {
    self.onmessage = ({ data }) => self.postMessage(answer(runtime, data));
    const { version, wheel, files } = runtime;
    self.postMessage({ type: "ready", pyodide: version, wheel, files, timings: runtime.timings });
  },
  (error) => {
    self.postMessage({ type: "init-error", message: String(error?.message ?? error) });
  },
);
