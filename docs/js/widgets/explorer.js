// Evidence explorer: <div class="eso-widget" data-widget="explorer"> holding the study records
// (JSON, derived from data/trials.csv when the page was built) becomes a form and a forest plot
// with pooled hazard ratios. All statistics run in Python (esoreview.metaanalysis.explore,
// through the Pyodide bridge); this file only reads the form, calls Python and draws the answer.
//
// After each drawn result the host dispatches "eso-explorer:rendered" with detail
// {callMs, drawMs, pooled}; data-runs counts redraws (used by tests and benchmarks/explorer.py).

import "../esoreview-bridge.js";

const PLOT_CONFIG = { responsive: true, displaylogo: false, displayModeBar: false };
const OUTCOMES = { os: "Overall survival", pfs: "Progression-free survival" };
const HISTOLOGIES = {
  any: "Any (broadest population per trial)",
  ESCC: "Squamous cell carcinoma only",
  mixed: "Mixed histology populations",
};
const ANALYSES = { latest: "Latest analysis of each trial", first: "First report of each trial" };
const FIXED_COLOR = "#1565c0";
const RANDOM_COLOR = "#c62828";

let counter = 0;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function select(label, name, choices) {
  const id = `eso-explorer-${name}-${++counter}`;
  const wrap = el("div", "eso-explorer__field");
  const caption = el("label", null, label);
  caption.htmlFor = id;
  const input = el("select");
  input.id = id;
  input.name = name;
  for (const [value, text] of Object.entries(choices)) {
    const option = el("option", null, text);
    option.value = value;
    input.append(option);
  }
  wrap.append(caption, input);
  return { wrap, input };
}

function trialBoxes(trials) {
  const set = el("fieldset", "eso-explorer__trials");
  set.append(el("legend", null, "Trials"));
  const boxes = trials.map((trial) => {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = trial;
    label.append(box, ` ${trial}`);
    set.append(label);
    return box;
  });
  return { set, boxes };
}

const fmt = (x) => x.toFixed(2);
const percent = (level) => `${+(level * 100).toFixed(2)}%`;

function summaryText(result) {
  const p = result.pooled;
  if (!p) return "No trial reports this outcome for this choice; nothing to pool.";
  const fixed = `fixed effect ${fmt(p.fixed.hr)} (95% CI ${fmt(p.fixed.low)}–${fmt(p.fixed.high)})`;
  const random = `random effects ${fmt(p.random.hr)} (95% CI ${fmt(p.random.low)}–${fmt(p.random.high)})`;
  const trials = p.k === 1 ? "1 trial" : `${p.k} trials`;
  return `Pooled hazard ratio from ${trials}: ${random}; ${fixed}.`;
}

function heterogeneityText(result) {
  const p = result.pooled;
  if (!p || p.k < 2) return "Heterogeneity needs two or more trials.";
  return `Heterogeneity: Q = ${p.q.toFixed(2)} on ${p.df} df, I² = ${p.i2.toFixed(0)}%, tau² = ${p.tau2.toFixed(4)}.`;
}

function textColor(host) {
  return getComputedStyle(host).color || "#333";
}

function figure(result, host) {
  const rows = result.rows;
  const n = rows.length;
  const ys = rows.map((_, i) => n + 1 - i);
  const labels = rows.map((r) => `${r.trial} — ${r.population}`);
  const color = textColor(host);
  const diamond = (y, e, name, c) => ({
    x: [e.low, e.hr, e.high, e.hr, e.low],
    y: [y, y + 0.3, y, y - 0.3, y],
    mode: "lines",
    fill: "toself",
    line: { color: c },
    name,
    hoverinfo: "text",
    text: `${name}: HR ${fmt(e.hr)} (${fmt(e.low)}–${fmt(e.high)})`,
  });
  const data = [
    {
      x: rows.map((r) => r.hr),
      y: ys,
      mode: "markers",
      marker: { symbol: "square", size: rows.map((r) => 6 + r.weight_random / 4), color },
      error_x: {
        type: "data",
        symmetric: false,
        array: rows.map((r) => r.high - r.hr),
        arrayminus: rows.map((r) => r.hr - r.low),
        color,
      },
      hoverinfo: "text",
      text: rows.map(
        (r, i) =>
          `${labels[i]}<br>HR ${fmt(r.hr)} (${fmt(r.low)}–${fmt(r.high)}; ${percent(r.ci_level)} CI)` +
          `<br>weight ${r.weight_random.toFixed(0)}% (random effects)<br>${r.analysis}`,
      ),
      name: "Trials",
    },
    diamond(0, result.pooled.fixed, "Fixed effect", FIXED_COLOR),
    diamond(-1, result.pooled.random, "Random effects (DerSimonian–Laird)", RANDOM_COLOR),
  ];
  const layout = {
    height: 140 + 34 * (n + 2),
    showlegend: false,
    margin: { l: 10, r: 10, t: 10, b: 50 },
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { color },
    xaxis: { type: "log", title: { text: "Hazard ratio (log scale; < 1 favours the antibody)" } },
    yaxis: {
      tickvals: [...ys, 0, -1],
      ticktext: [...labels, "Pooled, fixed effect", "Pooled, random effects"],
      automargin: true,
    },
    shapes: [
      { type: "line", x0: 1, x1: 1, yref: "paper", y0: 0, y1: 1, line: { dash: "dot", color } },
    ],
  };
  return { data, layout };
}

function mount(host) {
  const source = host.querySelector("script.eso-explorer-data");
  if (!source) return;
  const { studies, labels } = JSON.parse(source.textContent);
  host.dataset.state = "loading";
  host.classList.add("eso-explorer");

  const trials = [...new Set(studies.map((s) => s.trial))].sort();
  const subgroups = ["all", ...[...new Set(studies.map((s) => s.subgroup))].filter((s) => s !== "all").sort()];
  const subgroupChoices = Object.fromEntries(subgroups.map((s) => [s, labels?.[s] ?? s]));

  const form = el("form", "eso-explorer__form");
  form.addEventListener("submit", (event) => event.preventDefault());
  const outcome = select("Outcome", "outcome", OUTCOMES);
  const subgroup = select("PD-L1 population", "subgroup", subgroupChoices);
  const histology = select("Histology", "histology", HISTOLOGIES);
  const analysis = select("Analysis", "analysis", ANALYSES);
  const { set, boxes } = trialBoxes(trials);
  form.append(outcome.wrap, subgroup.wrap, histology.wrap, analysis.wrap, set);

  const status = el("p", "eso-explorer__pooled");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const heterogeneity = el("p", "eso-explorer__heterogeneity");
  const chart = el("div", "eso-explorer__chart");
  chart.setAttribute("role", "img");
  chart.setAttribute("aria-label", "Forest plot of the selected trials with pooled hazard ratios");
  host.replaceChildren(form, status, heterogeneity, chart);
  status.textContent = "Loading Python; the first result takes a few seconds.";

  let runs = 0;
  let inFlight = false;
  let again = false;
  let last = null;

  async function draw(result, began, answered) {
    status.textContent = summaryText(result);
    heterogeneity.textContent = heterogeneityText(result);
    if (result.pooled && window.Plotly) {
      const { data, layout } = figure(result, host);
      await window.Plotly.react(chart, data, layout, PLOT_CONFIG);
    } else if (window.Plotly) {
      window.Plotly.purge(chart);
    }
    host.dataset.state = result.pooled ? "ready" : "empty";
    host.dataset.runs = String(++runs);
    const detail = { callMs: answered - began, drawMs: performance.now() - answered, pooled: result.pooled };
    host.dispatchEvent(new CustomEvent("eso-explorer:rendered", { detail }));
  }

  function run() {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    host.setAttribute("aria-busy", "true");
    const began = performance.now();
    const kwargs = {
      studies,
      trials: boxes.filter((b) => b.checked).map((b) => b.value),
      outcome: outcome.input.value,
      subgroup: subgroup.input.value,
      histology: histology.input.value,
      analysis: analysis.input.value,
    };
    window.esoreview
      .call("metaanalysis", "explore", kwargs)
      .then(
        (result) => {
          last = result;
          return draw(result, began, performance.now());
        },
        (error) => {
          host.dataset.state = "error";
          status.textContent = `The analysis could not be run: ${error.message}`;
        },
      )
      .finally(() => {
        inFlight = false;
        host.removeAttribute("aria-busy");
        if (again) {
          again = false;
          run();
        }
      });
  }

  form.addEventListener("change", run);
  // Redraw in the palette's colours when the reader switches light/dark.
  new MutationObserver(() => last && draw(last, performance.now(), performance.now())).observe(
    document.body,
    { attributes: true, attributeFilter: ["data-md-color-scheme"] },
  );
  run();
}

function init() {
  const hosts = document.querySelectorAll('.eso-widget[data-widget="explorer"]:not([data-state])');
  for (const host of hosts) {
    if (!("IntersectionObserver" in window)) {
      mount(host);
      continue;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          mount(host);
        }
      },
      { rootMargin: "200px 0px" },
    );
    observer.observe(host);
  }
}

// Material's document$ emits on every page load, instant navigation included.
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(init);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}
