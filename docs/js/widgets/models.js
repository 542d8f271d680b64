// Interactive kinetic models: <div class="eso-widget" data-widget="NAME"></div> becomes a form,
// a live chart and the model's key numbers. All science stays in Python
// (esoreview.kinetics.api, through the Pyodide bridge); this file only wires inputs to calls.
// Nothing loads until a widget scrolls near the viewport, so pages stay light.
//
// After each drawn result the host element dispatches "eso-model:rendered" with
// detail {callMs, drawMs} (bridge round trip, Plotly redraw) and data-runs counts the redraws;
// tests and benchmarks/model_widgets.py measure through them.

import bridge from "../esoreview-bridge.js";
import { buildFigure, describeChart, fillSummary } from "./model-chart.js";
import { el, uniqueId } from "./model-field.js";
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

function mount(host, hooks) {
  host.classList.add("eso-model");
  const status = el("p", "eso-model__status");
  status.setAttribute("role", "status");
  host.replaceChildren(status);
  setStatus(host, status, "loading", "Loading the model; the first one on a page takes a few seconds.");
  bridge.warmup();
  bridge.call("kinetics.api", "describe", { model: hooks.model }).then(
    (description) => build(host, status, description, hooks),
    (error) => {
      setStatus(host, status, "error", `The model could not be loaded: ${error.message}`);
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

  let timer = null;
  let inFlight = false;
  let again = false;
  let runs = 0;
  let last = null;

  // Initial conditions are named after their series plus "0" (tumour0 -> tumour).
  const currentValue = (name) => last?.series[name.replace(/0$/, "")]?.values[0];
  const form = buildForm(description, { onEdit: schedule, onPreset: runNow, currentValue });
  host.replaceChildren(form.presets, status, figure, summary, form.element);

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
          setStatus(host, status, "error", error.message);
          if (error.field) {
            form.showFieldError(error.field, error.message);
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
    if (window.Plotly) {
      const { data, layout } = buildFigure(result, title, hooks);
      try {
        await window.Plotly.react(chart, data, layout, PLOT_CONFIG);
      } catch (error) {
        setStatus(host, status, "error", `The chart could not be drawn: ${error.message}`);
      }
    } else {
      chart.textContent = "The chart library is not loaded on this page; the numbers below are current.";
    }
    runs += 1;
    host.dataset.runs = String(runs);
    const detail = { callMs: answered - began, drawMs: performance.now() - answered };
    host.dispatchEvent(new CustomEvent("eso-model:rendered", { detail }));
  }

  // Redraw in the palette's colours when the reader switches light/dark.
  new MutationObserver(() => last && window.Plotly && show(last, performance.now())).observe(
    document.body,
    { attributes: true, attributeFilter: ["data-md-color-scheme"] },
  );

  runNow();
}

function init() {
  const hosts = [...document.querySelectorAll(".eso-widget[data-widget]")].filter(
    (host) => WIDGETS[host.dataset.widget] && !host.dataset.state,
  );
  const load = (host) => mount(host, WIDGETS[host.dataset.widget]);
  if (!("IntersectionObserver" in window)) {
    hosts.forEach(load);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          load(entry.target);
        }
      }
    },
    { rootMargin: "200px 0px" },
  );
  hosts.forEach((host) => observer.observe(host));
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}
