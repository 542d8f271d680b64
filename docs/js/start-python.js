// Starts Python as soon as a page with a widget begins to load. The theme puts this module in
// <head> of widget pages only (theme/main.html), with `async`, so it runs while the rest of the
// page is still being parsed instead of after every deferred script: the worker, the runtime's
// wasm and the memory snapshot load in parallel with the page. It shares the page's one bridge
// (same module URL), so no second worker starts. Pages reached by instant navigation start
// Python from their widget scripts instead (whenIdle / on mount).
import { warmup } from "./esoreview-bridge.js";

warmup();
