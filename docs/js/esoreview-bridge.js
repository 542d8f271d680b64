// The page's one way into the Python client models: window.esoreview.call(module, fn, kwargs).
// Loaded on every page as an ES module; it costs nothing until a widget calls it, because the
// Pyodide worker is created on the first call() or warmup(), never at load time.
//
//   esoreview.call("staging", "stage", {histology: "squamous", ...}) -> Promise<value>
//   esoreview.warmup()                   -> Promise that settles once Python is ready
//   esoreview.configure({timeoutMs})     -> default limit per call (10 s)
//
// A rejected call carries the Python message; error.name is the Python exception type and
// error.field / error.allowed are set when the model named the offending input.

const DEFAULT_TIMEOUT_MS = 10_000;

function pythonError(error) {
  const failure = new Error(error.message);
  failure.name = error.type;
  failure.field = error.field ?? null;
  failure.allowed = error.allowed ?? null;
  if (error.traceback) {
    // Only unexpected exceptions carry a traceback: that is a bug worth reporting.
    console.error(error.traceback);
  }
  return failure;
}

function timeoutError(value, where) {
  const valid = Number.isFinite(value) && value > 0;
  const message = `${where}: timeoutMs must be a positive number, not ${value}`;
  return valid ? null : new RangeError(message);
}

// Chromium reuses its compiled-code cache for WebAssembly compiled by a page but not by a
// worker: measured here, a warm Pyodide start took 4.3 s in a module worker against 2.8 s on
// the page. So the page compiles the runtime's wasm (cached after the first visit) and hands
// the compiled module to each worker, which only instantiates it. null = let the worker load
// it itself (e.g. a server that does not send application/wasm).
function compileRuntime(root) {
  const wasmUrl = new URL("pyodide/pyodide.asm.wasm", root);
  if (typeof WebAssembly?.compileStreaming !== "function") {
    return Promise.resolve(null);
  }
  return WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() => null);
}

function createBridge(root) {
  const workerUrl = new URL("js/esoreview-worker.js", root);
  let compiled = null; // Promise<WebAssembly.Module | null>, shared by restarted workers
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  let worker = null;
  let ready = null; // {promise, resolve, reject, done} for the current worker's start-up
  let running = null; // the one call the worker is executing
  const queue = [];
  let nextId = 1;

  function stopWorker() {
    worker?.terminate();
    worker = null;
  }

  function failStart(message) {
    const failure = new Error(`The in-browser Python runtime failed: ${message}`);
    stopWorker();
    ready.reject(failure);
    if (running) {
      clearTimeout(running.timer);
      queue.unshift(running);
      running = null;
    }
    for (const job of queue.splice(0)) {
      job.reject(failure);
    }
  }

  function startWorker() {
    if (worker) {
      return ready.promise;
    }
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Nobody may be awaiting warmup(); the failure reaches callers through their own promises.
    promise.catch(() => {});
    ready = { promise, resolve, reject, done: false };
    const current = new Worker(workerUrl, { type: "module" });
    worker = current;
    compiled ??= compileRuntime(root);
    compiled.then((module) => worker === current && current.postMessage({ type: "wasm", module }));
    // A worker replaced after a timeout may still have events queued: ignore them.
    current.onmessage = (event) => worker === current && onMessage(event.data);
    current.onerror = (event) => {
      event.preventDefault();
      if (worker === current) {
        failStart(event.message || `could not run ${workerUrl}`);
      }
    };
    return promise;
  }

  function onMessage(message) {
    if (message.type === "ready") {
      ready.done = true;
      ready.resolve({ pyodide: message.pyodide, wheel: message.wheel });
      pump();
    } else if (message.type === "init-error") {
      failStart(message.message);
    } else if (running && message.id === running.id) {
      const job = running;
      running = null;
      clearTimeout(job.timer);
      const reply = JSON.parse(message.reply);
      if (reply.ok) {
        job.resolve(reply.value);
      } else {
        job.reject(pythonError(reply.error));
      }
      pump();
    }
  }

  // One call at a time, so each call's time limit measures its own execution only.
  function pump() {
    if (running || !ready?.done || !worker || queue.length === 0) {
      return;
    }
    const job = queue.shift();
    job.id = nextId++;
    running = job;
    job.timer = setTimeout(() => onTimeout(job), job.timeoutMs);
    worker.postMessage({ id: job.id, module: job.module, function: job.fn, kwargs: job.kwargs });
  }

  function onTimeout(job) {
    if (running !== job) {
      return;
    }
    running = null;
    stopWorker();
    job.reject(
      new Error(
        `esoreview.${job.module}.${job.fn} ran longer than ${job.timeoutMs} ms and was stopped;` +
          " the Python runtime is restarting",
      ),
    );
    startWorker();
  }

  function call(module, fn, kwargs = {}, options = {}) {
    if (typeof module !== "string" || typeof fn !== "string") {
      return Promise.reject(new TypeError("esoreview.call(module, fn, kwargs): names are strings"));
    }
    if (kwargs === null || typeof kwargs !== "object" || Array.isArray(kwargs)) {
      return Promise.reject(new TypeError("esoreview.call: kwargs must be a plain object"));
    }
    let text;
    try {
      text = JSON.stringify(kwargs);
    } catch (error) {
      return Promise.reject(new TypeError(`esoreview.call: kwargs are not JSON: ${error.message}`));
    }
    const limit = options.timeoutMs ?? timeoutMs;
    const badLimit = timeoutError(limit, "esoreview.call");
    if (badLimit) {
      return Promise.reject(badLimit);
    }
    return new Promise((resolve, reject) => {
      queue.push({ module, fn, kwargs: text, timeoutMs: limit, resolve, reject });
      startWorker();
      pump();
    });
  }

  function configure(options = {}) {
    if (options.timeoutMs !== undefined) {
      const badLimit = timeoutError(options.timeoutMs, "esoreview.configure");
      if (badLimit) {
        throw badLimit;
      }
      timeoutMs = options.timeoutMs;
    }
    return { timeoutMs };
  }

  return { call, warmup: startWorker, configure, root: root.href };
}

// The bridge lives at <root>/js/esoreview-bridge.js, so the site root is one level up; this holds
// under a sub-path such as GitHub Pages' /repo/. A second copy of this module (loaded under
// another URL) reuses the first bridge instead of starting a second worker.
const bridge = (window.esoreview ??= createBridge(new URL("../", import.meta.url)));

export const { call, warmup, configure } = bridge;
export default bridge;
