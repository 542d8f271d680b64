// Interactive kinetic models. The page carries each widget's host element, written by Python
// (esoreview.widgets.models.widget_html): <div class="eso-widget" data-widget="model"
// data-model="NAME" data-spec="{describe() as JSON}">. This file renders the form from that
// description at once and sends only `run` calls to Python (esoreview.kinetics.api, through the
// Pyodide bridge): all science, limits, presets and plot hints stay in Python, and a new model
// needs no change here. Nothing loads until a widget scrolls near the viewport, so pages stay
// light. Widgets mount on every page view (Material's instant navigation), and the Python
// runtime stays warm across them.
//
// Layout: the live chart stays in view while the controls change: beside the form on wide
// screens, pinned to the top on phones (css/model-widgets.css). The static figure the notebook
// printed after the widget stands in only when Python cannot start: when the page is set up, it
// and the text that introduces it are hidden (see hideStaticFallback).
//
// Every edit runs the model at once; edits made while Python is busy collapse into one
// follow-up run with the latest values, so the chart follows a dragged slider without a fixed
// delay. After each drawn result the host element dispatches "eso-model:rendered" with
// detail {callMs, drawMs, inputAt} (bridge round trip, Plotly redraw, when the edit that led to
// this run was made) and data-runs counts the redraws; tests and benchmarks/model_widgets.py
// measure through them.

import bridge from "../esoreview-bridge.js";
import { el, loadPlotly, mountWhenVisible, onPage, readSpec, whenIdle } from "../lib/dom.js";
import { onPaletteChange } from "../lib/palette.js";
import { plainMessage } from "./messages.js";
import { buildFigure, describeChart, fillSummary, warmUpDrawing } from "./model-chart.js";
import { uniqueId } from "./model-field.js";
import { buildForm } from "./model-form.js";

const INVALID = "Correct the highlighted entry to update the chart.";
const DAMAGED = "This model's description is missing from the page. Reloading the page may help.";
const PLOT_CONFIG = { responsive: true, displaylogo: false, displayModeBar: false };

function setStatus(host, status, state, text) {
  host.dataset.state = state;
  status.textContent = text;
}

// The static figure stands in for the live chart: the first notebook figure after the widget,
// with what stands between them (the sentence introducing it, its collapsed code), and never
// past the next heading or widget. It is hidden when the page is set up, before the reader
// scrolls (so it is never drawn next to the live chart, nor drawn at all, and nothing moves
// under the reader later), and shown again only if Python cannot start. Returns what it hid.
function hideStaticFallback(host) {
  const between = [];
  // The notebook cell that placed the widget wraps it in its output element.
  const start = host.parentElement?.matches(".eso-output") ? host.parentElement : host;
  for (let node = start.nextElementSibling; node; node = node.nextElementSibling) {
    if (/^H[1-6]$/.test(node.tagName) || node.matches(".eso-widget, :has(.eso-widget)")) {
      return [];
    }
    // The notebook wraps a cell's outputs (figure, then any text it prints) in one element:
    // only the figure itself goes.
    const figure = node.matches("figure.eso-figure") ? node : node.querySelector("figure.eso-figure");
    between.push(figure ?? node);
    if (figure) {
      for (const hidden of between) {
        hidden.hidden = true;
        hidden.dataset.esoFallbackOf = host.dataset.model;
      }
      return between;
    }
  }
  return [];
}

function showStaticFallback(nodes) {
  for (const node of nodes) {
    node.hidden = false;
    delete node.dataset.esoFallbackOf;
  }
}

// Until Python has started, the status line says so and a progress bar follows it.
function loading(host, status) {
  if (bridge.isReady()) {
    return;
  }
  const bar = el("progress", { className: "eso-progress", "aria-label": "Starting Python" });
  status.after(bar);
  setStatus(host, status, "loading", "Starting Python in your browser…");
  const stop = bridge.onProgress((update) => {
    if (update.done || host.dataset.state !== "loading") {
      stop();
      bar.remove();
    } else {
      status.textContent = update.message;
    }
  });
}


function mount(host, fallback) {
  host.classList.add("eso-model");
  const status = el("p", "eso-model__status");
  status.setAttribute("role", "status");
  const description = readSpec(
    host,
    (spec) => Array.isArray(spec.parameters) && spec.name === host.dataset.model,
  );
  if (!description) {
    host.replaceChildren(status);
    setStatus(host, status, "error", DAMAGED);
    showStaticFallback(fallback);
    return;
  }
  bridge.warmup();
  build(host, status, description, fallback);
}

function build(host, status, description, fallback) {
  const title = description.title;
  // Screen readers cannot explore the SVG: the chart is one image named by its caption, which
  // says what is plotted; the numbers themselves are in the <dl> below.
  const chart = el("div", "eso-model__chart");
  const caption = el("figcaption", "eso-model__caption", title);
  caption.id = uniqueId("eso-model-caption");
  chart.setAttribute("role", "img");
  chart.setAttribute("aria-labelledby", caption.id);
  const figure = el("figure", "eso-model__figure");
  figure.append(chart, caption);
  const summary = el("dl", "eso-model__summary");
  // The chart column: status and chart stay pinned in view while the form scrolls beside
  // them (below them on phones); the key numbers follow the chart.
  const live = el("div", "eso-model__live", el("div", "eso-model__pin", status, figure), summary);

  let inFlight = false;
  let again = false;
  let runs = 0;
  let last = null;
  let inputAt = performance.now(); // when the edit behind the next run was made

  // Initial conditions are named after their series plus "0" (tumour0 -> tumour).
  const currentValue = (name) => last?.series[name.replace(/0$/, "")]?.values[0];
  const form = buildForm(description, { onEdit: edited, onPreset: edited, currentValue });
  host.replaceChildren(form.presets, el("div", "eso-model__body", live, form.element));
  loading(host, status);

  function edited() {
    inputAt = performance.now();
    if (!form.read()) {
      // An entry is out of range: its own message says why, and no call is made.
      setStatus(host, status, "invalid", INVALID);
      return;
    }
    start();
  }

  // One call at a time: edits made while Python is busy collapse into one follow-up run.
  function start() {
    const values = form.read();
    if (!values) {
      return;
    }
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    host.setAttribute("aria-busy", "true");
    if (host.dataset.state !== "loading") {
      host.dataset.state = "busy";
    }
    const began = performance.now();
    const edit = inputAt;
    const options = { t_end: values.t_end, initial: values.initial };
    bridge
      .call("kinetics.api", "run", { model: description.name, params: values.params, options })
      .then(
        (result) => show(result, began, edit),
        (error) => {
          const message = plainMessage(error);
          setStatus(host, status, "error", message);
          if (runs === 0 && error.name === "RuntimeFailure") {
            showStaticFallback(fallback); // no live chart: the page's own figure stands in
          }
          if (error.field) {
            form.showFieldError(error.field, message);
          }
        },
      )
      .finally(() => {
        inFlight = false;
        host.removeAttribute("aria-busy");
        if (again) {
          again = false;
          start();
        }
      });
  }

  async function show(result, began, edit = began) {
    const answered = performance.now();
    last = result;
    // success: false still carries the time course up to where the solver stopped.
    if (!form.read()) {
      // An answer to an earlier, valid entry arrived after the reader made an invalid one.
      setStatus(host, status, "invalid", INVALID);
    } else {
      const ok = result.success;
      setStatus(host, status, ok ? "ready" : "warning", ok ? "" : result.message);
    }
    fillSummary(summary, result.summary);
    caption.textContent = `${title}: ${describeChart(result)}`;
    let Plotly = null;
    try {
      Plotly = await loadPlotly();
    } catch {
      chart.textContent = "The chart could not be loaded; the numbers below are current.";
    }
    if (Plotly) {
      const { data, layout } = buildFigure(result, title, description.plot);
      try {
        await Plotly.react(chart, data, layout, PLOT_CONFIG);
      } catch (error) {
        setStatus(host, status, "error", `The chart could not be drawn: ${error.message}`);
      }
    }
    runs += 1;
    host.dataset.runs = String(runs);
    const drawn = performance.now();
    const detail = { callMs: answered - began, drawMs: drawn - answered, inputAt: edit, drawnAt: drawn };
    host.dispatchEvent(new CustomEvent("eso-model:rendered", { detail }));
  }

  // Redraw in the palette's colours when the reader switches light/dark; a widget of a page
  // the reader has left (instant navigation) stops listening.
  const stopPalette = onPaletteChange(() => {
    if (!host.isConnected) {
      stopPalette();
    } else if (last) {
      show(last, performance.now());
    }
  });

  start();
}

// Widgets that come into view together while Python is running start one after another: each
// first answer is drawn before the next widget builds its form, so the reader's first result is
// not held up by a second widget's work on the main thread. While Python is still starting
// they all mount at once (their forms appear; the runs wait for Python anyway).
let mounting = Promise.resolve();

function mountInTurn(host, fallback) {
  if (!bridge.isReady()) {
    mount(host, fallback);
    return;
  }
  mounting = mounting.then(
    () =>
      new Promise((resolve) => {
        host.addEventListener("eso-model:rendered", resolve, { once: true });
        setTimeout(resolve, 1000); // never let one slow or failing widget hold up the others
        mount(host, fallback);
      }),
  );
}

function inView(host) {
  const box = host.getBoundingClientRect();
  return box.height > 0 && box.bottom >= 0 && box.top <= window.innerHeight;
}

// Once Python runs, a chart is likely to follow (often on the next page): plotly.js's drawing
// code is compiled while the browser is idle, after this page's pending answers are in, unless
// a live chart was already drawn here.
let drawingWarm = false;
function warmUpDrawingSoon() {
  if (drawingWarm) {
    return;
  }
  drawingWarm = true;
  bridge.settled().then(() =>
    whenIdle(() => {
      if (window.Plotly && !document.querySelector(".eso-model[data-runs]")) {
        warmUpDrawing(window.Plotly).catch(() => {}); // only ever a head start
      }
    }),
  );
}
bridge.onProgress((update) => update.stage === "ready" && warmUpDrawingSoon());

function init() {
  let found = false;
  for (const host of document.querySelectorAll(".eso-widget[data-widget=model][data-model]")) {
    // data-state appears only once the widget starts (tests and styles key on it).
    if (!host.dataset.mounted) {
      found = true;
      host.dataset.mounted = "true";
      const fallback = hideStaticFallback(host);
      if (bridge.isReady() && inView(host)) {
        mountInTurn(host, fallback); // Python runs and the reader is here: no frame's wait
      } else {
        mountWhenVisible(host, () => mountInTurn(host, fallback));
      }
    }
  }
  if (found) {
    // Python starts while the reader reads, so the widget draws at once when reached.
    whenIdle(() => bridge.warmup());
  }
}

onPage(init);
