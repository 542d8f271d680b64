// Interactive kinetic models: <div class="eso-widget" data-widget="NAME"></div> becomes a form,
// a live chart and the model's key numbers. All science stays in Python
// (esoreview.kinetics.api, through the Pyodide bridge); this file only wires inputs to calls.
// Nothing loads until a widget scrolls near the viewport, so pages stay light. Widgets mount on
// every page view (Material's instant navigation), and the Python runtime stays warm across them.
//
// Layout: the live chart stays in view while the controls change: beside the form on wide
// screens, pinned to the top on phones (css/model-widgets.css). The static figure the notebook
// printed after the widget is the fallback for readers without JavaScript: once the live chart
// has drawn, it and the text that introduces it are hidden (see hideStaticFallback).
//
// After each drawn result the host element dispatches "eso-model:rendered" with
// detail {callMs, drawMs} (bridge round trip, Plotly redraw) and data-runs counts the redraws;
// tests and benchmarks/model_widgets.py measure through them.

import bridge from "../esoreview-bridge.js";
import { el, loadPlotly, mountWhenVisible, onPage, whenIdle } from "../lib/dom.js";
import { onPaletteChange } from "../lib/palette.js";
import { plainMessage } from "./messages.js";
import { buildFigure, describeChart, fillSummary } from "./model-chart.js";
import { uniqueId } from "./model-field.js";
import { buildForm } from "./model-form.js";

// Page widget names -> api model names, plus per-model drawing hooks.
const WIDGETS = {
  "tumour-immune": { model: "tumour_immune" },
  // Below 0.1 cell a population is extinct; the model's continuous values go on to 1e-9.
  "tumour-nk-cd8": { model: "tumour_nk_cd8", logUnits: ["cells"], logFloor: 0.1 },
  "fu-pk": { model: "fluorouracil_pk" },
  ctc: { model: "circulating_cells" },
  binding: { model: "receptor_binding" },
};
const DEBOUNCE_MS = 150;
const INVALID = "Correct the highlighted entry to update the chart.";
const PLOT_CONFIG = { responsive: true, displaylogo: false, displayModeBar: false };

function setStatus(host, status, state, text) {
  host.dataset.state = state;
  status.textContent = text;
}

// The static figure is the no-JavaScript fallback: the first notebook figure after the widget,
// with what stands between them (the sentence introducing it, its collapsed code), and never
// past the next heading or widget. Hidden, not removed, so nothing on the page moves twice.
function hideStaticFallback(host) {
  const between = [];
  for (let node = host.nextElementSibling; node; node = node.nextElementSibling) {
    if (/^H[1-6]$/.test(node.tagName) || node.matches(".eso-widget")) {
      return;
    }
    // The notebook wraps a cell's outputs (figure, then any text it prints) in one element:
    // only the figure itself goes.
    const figure = node.matches("figure.eso-figure") ? node : node.querySelector("figure.eso-figure");
    between.push(figure ?? node);
    if (figure) {
      for (const hidden of between) {
        hidden.hidden = true;
        hidden.dataset.esoFallbackOf = host.dataset.widget;
      }
      return;
    }
  }
}

function loading(host, status) {
  if (bridge.isReady()) {
    setStatus(host, status, "loading", "Loading the model…");
    return;
  }
  const bar = el("progress", { className: "eso-progress", "aria-label": "Starting Python" });
  host.append(bar);
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

function mount(host, hooks) {
  host.classList.add("eso-model");
  const status = el("p", "eso-model__status");
  status.setAttribute("role", "status");
  host.replaceChildren(status);
  loading(host, status);
  bridge.warmup();
  bridge.call("kinetics.api", "describe", { model: hooks.model }).then(
    (description) => build(host, status, description, hooks),
    (error) => {
      setStatus(host, status, "error", `The model could not be loaded. ${plainMessage(error)}`);
      const retry = el("button", "eso-model__reset", "Try again");
      retry.type = "button";
      retry.addEventListener("click", () => mount(host, hooks));
      host.append(retry);
    },
  );
}

function build(host, status, description, hooks) {
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

  let timer = null;
  let inFlight = false;
  let again = false;
  let runs = 0;
  let last = null;

  // Initial conditions are named after their series plus "0" (tumour0 -> tumour).
  const currentValue = (name) => last?.series[name.replace(/0$/, "")]?.values[0];
  const form = buildForm(description, { onEdit: schedule, onPreset: runNow, currentValue });
  host.replaceChildren(form.presets, el("div", "eso-model__body", live, form.element));

  function schedule() {
    clearTimeout(timer);
    if (!form.read()) {
      // An entry is out of range: its own message says why, and no call is made.
      setStatus(host, status, "invalid", INVALID);
      return;
    }
    timer = setTimeout(start, DEBOUNCE_MS);
  }

  function runNow() {
    clearTimeout(timer);
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
    host.dataset.state = "busy";
    const began = performance.now();
    const options = { t_end: values.t_end, initial: values.initial };
    bridge
      .call("kinetics.api", "run", { model: hooks.model, params: values.params, options })
      .then(
        (result) => show(result, began),
        (error) => {
          const message = plainMessage(error);
          setStatus(host, status, "error", message);
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

  async function show(result, began) {
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
      const { data, layout } = buildFigure(result, title, hooks);
      try {
        await Plotly.react(chart, data, layout, PLOT_CONFIG);
        if (runs === 0) {
          hideStaticFallback(host);
        }
      } catch (error) {
        setStatus(host, status, "error", `The chart could not be drawn: ${error.message}`);
      }
    }
    runs += 1;
    host.dataset.runs = String(runs);
    const detail = { callMs: answered - began, drawMs: performance.now() - answered };
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

  runNow();
}

function init() {
  let found = false;
  for (const host of document.querySelectorAll(".eso-widget[data-widget]")) {
    const hooks = WIDGETS[host.dataset.widget];
    // data-state appears only once the widget starts (tests and styles key on it).
    if (hooks && !host.dataset.mounted) {
      found = true;
      host.dataset.mounted = "true";
      mountWhenVisible(host, () => mount(host, hooks));
    }
  }
  if (found) {
    // Python starts while the reader reads, so the widget draws at once when reached.
    whenIdle(() => bridge.warmup());
  }
}

onPage(init);
