// The page's one way into the Python client models: window.esoreview.call(module, fn, kwargs).
// Loaded on every page as an ES module; it costs nothing until a widget calls it, because the
// Pyodide worker is created on the first call() or warmup(), never at load time. With instant
// navigation the module (and so the worker) lives on across page changes: Python starts once
// per browser tab, not once per page.
//
//   esoreview.call("staging", "stage", {histology: "squamous", ...}) -> Promise<value>
//   esoreview.warmup()                   -> Promise that settles once Python is ready
//   esoreview.configure({timeoutMs, startTimeoutMs}) -> limits per call (10 s) and start (120 s)
//   esoreview.onProgress(callback)       -> callback({stage, message, done}) while Python starts
//   esoreview.settled()                  -> Promise: Python is ready and no call is pending
//
// A rejected call carries the Python message; error.name is the Python exception type and
// error.field / error.allowed are set when the model named the offending input. When the
// runtime itself fails (Pyodide's fatal error, an unreadable reply, a crashed or silent
// worker) the call rejects with error.name "RuntimeFailure" and the worker is restarted.

const DEFAULT_TIMEOUT_MS = 10_000;
// A cold start on a loaded two-core machine takes up to ~20 s; past this something is wrong.
const DEFAULT_START_TIMEOUT_MS = 120_000;

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

function runtimeFailure(message) {
  const failure = new Error(message);
  failure.name = "RuntimeFailure";
  failure.field = null;
  failure.allowed = null;
  return failure;
}

function limitError(value, where, name) {
  const valid = Number.isFinite(value) && value > 0;
  const message = `${where}: ${name} must be a positive number, not ${value}`;
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

// Ask the site's service worker (js/offline.js registers it) to keep the runtime's files, so
// the widgets work offline after this visit. Without a service worker this does nothing.
function keepOffline(urls) {
  if (navigator.serviceWorker) {
    navigator.serviceWorker.ready.then((registration) =>
      registration.active?.postMessage({ type: "cache", urls }),
    );
  }
}

function createBridge(root) {
  const workerUrl = new URL("js/esoreview-worker.js", root);
  let compiled = null; // Promise<WebAssembly.Module | null>, shared by restarted workers
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  let startTimeoutMs = DEFAULT_START_TIMEOUT_MS;
  let worker = null;
  let ready = null; // {promise, resolve, reject, done, timer} for the current worker's start-up
  let running = null; // the one call the worker is executing
  const queue = [];
  const progressListeners = new Set();
  const settledWaiters = [];
  let lastProgress = null;
  let nextId = 1;

  function progress(update) {
    lastProgress = update;
    for (const listener of [...progressListeners]) {
      listener(update);
    }
  }

  function stopWorker() {
    worker?.terminate();
    worker = null;
    if (ready) {
      clearTimeout(ready.timer);
    }
  }

  // Start-up failed: nothing would answer the queued calls, so all of them reject. The next
  // call() tries a fresh worker.
  function failStart(message) {
    const failure = runtimeFailure(`Python could not start in your browser: ${message}`);
    stopWorker();
    ready.reject(failure);
    progress({ stage: "failed", message: failure.message, done: true });
    if (running) {
      clearTimeout(running.timer);
      queue.unshift(running);
      running = null;
    }
    for (const job of queue.splice(0)) {
      job.reject(failure);
    }
  }

  // The running worker failed (fatal Pyodide error, unreadable reply, crash, time limit): the
  // call in flight rejects with `message`, a fresh worker starts, and queued calls wait for it.
  function restart(message) {
    const job = running;
    running = null;
    stopWorker();
    if (job) {
      clearTimeout(job.timer);
      job.reject(runtimeFailure(message));
    }
    startWorker();
  }

  function workerFailed(reason) {
    if (!ready.done) {
      failStart(reason);
      return;
    }
    const what = running ? `esoreview.${running.module}.${running.fn}` : "an idle call";
    restart(`Python stopped unexpectedly while running ${what} (${reason}); it is restarting`);
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
    const current = new Worker(workerUrl, { type: "module" });
    worker = current;
    ready = { promise, resolve, reject, done: false, timer: null };
    ready.timer = setTimeout(() => {
      if (worker === current && !ready.done) {
        failStart(`it did not become ready within ${Math.round(startTimeoutMs / 1000)} s`);
      }
    }, startTimeoutMs);
    progress({ stage: "starting", message: "Starting Python in your browser…", done: false });
    compiled ??= compileRuntime(root);
    compiled.then((module) => worker === current && current.postMessage({ type: "wasm", module }));
    // A worker replaced after a failure may still have events queued: ignore them.
    current.onmessage = (event) => worker === current && onMessage(event.data);
    current.onmessageerror = () => worker === current && workerFailed("a reply could not be read");
    current.onerror = (event) => {
      event.preventDefault();
      if (worker === current) {
        workerFailed(event.message || `could not run ${workerUrl}`);
      }
    };
    return promise;
  }

  function onReply(message) {
    const job = running;
    running = null;
    clearTimeout(job.timer);
    let reply = null;
    if (typeof message.reply === "string") {
      try {
        reply = JSON.parse(message.reply);
      } catch {
        reply = null;
      }
    }
    if (message.fatal || reply === null || typeof reply !== "object") {
      running = job; // restart() rejects it
      const reason = message.fatal ?? "it sent no readable answer";
      restart(`Python failed while running esoreview.${job.module}.${job.fn} (${reason}); it is restarting`);
      return;
    }
    if (reply.ok) {
      job.resolve(reply.value);
    } else {
      job.reject(pythonError(reply.error ?? { type: "Error", message: "unknown error" }));
    }
    pump();
  }

  function onMessage(message) {
    if (message?.type === "ready") {
      ready.done = true;
      clearTimeout(ready.timer);
      const { pyodide, wheel, timings } = message;
      ready.resolve({ pyodide, wheel, timings });
      progress({ stage: "ready", message: "Python is ready.", done: true });
      // The worker's own script too: the page may have started it before the service worker
      // took control, and the worker cannot see its own request.
      keepOffline([...(message.files ?? []), workerUrl.href]);
      pump();
    } else if (message?.type === "progress") {
      progress({ stage: message.stage, message: message.message, done: false });
    } else if (message?.type === "init-error") {
      failStart(message.message);
    } else if (running && message?.id === running.id) {
      onReply(message);
    }
  }

  // Resolves settled() promises once Python is ready with no call running or waiting.
  function notifySettled() {
    if (!running && queue.length === 0 && ready?.done && worker) {
      for (const resolve of settledWaiters.splice(0)) {
        resolve();
      }
    }
  }

  // For work that should wait until the page's answers are in (e.g. warming up chart drawing).
  function settled() {
    return new Promise((resolve) => {
      settledWaiters.push(resolve);
      notifySettled();
    });
  }

  // One call at a time, so each call's time limit measures its own execution only.
  function pump() {
    if (running || !ready?.done || !worker || queue.length === 0) {
      notifySettled();
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
    restart(
      `esoreview.${job.module}.${job.fn} ran longer than ${job.timeoutMs} ms and was stopped;` +
        " the Python runtime is restarting",
    );
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
    const badLimit = limitError(limit, "esoreview.call", "timeoutMs");
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
    for (const name of ["timeoutMs", "startTimeoutMs"]) {
      if (options[name] !== undefined) {
        const bad = limitError(options[name], "esoreview.configure", name);
        if (bad) {
          throw bad;
        }
      }
    }
    timeoutMs = options.timeoutMs ?? timeoutMs;
    startTimeoutMs = options.startTimeoutMs ?? startTimeoutMs;
    return { timeoutMs, startTimeoutMs };
  }

  // callback(update) for each start-up step; the latest step is replayed to a late listener.
  // Returns a function that unsubscribes.
  function onProgress(callback) {
    progressListeners.add(callback);
    if (lastProgress) {
      callback(lastProgress);
    }
    return () => progressListeners.delete(callback);
  }

  function isReady() {
    return Boolean(worker && ready?.done);
  }

  return { call, warmup: startWorker, configure, onProgress, isReady, settled, root: root.href };
}

// The bridge lives at <root>/js/esoreview-bridge.js, so the site root is one level up; this holds
// under a sub-path such as GitHub Pages' /repo/. A second copy of this module (loaded under
// another URL) reuses the first bridge instead of starting a second worker.
const bridge = (window.esoreview ??= createBridge(new URL("../", import.meta.url)));

export const { call, warmup, configure, onProgress, isReady, settled } = bridge;
export default bridge;
