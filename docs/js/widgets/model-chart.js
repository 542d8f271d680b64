// Turns a kinetics.api.run() result into a Plotly figure and a summary <dl>. Series sharing a
// unit share a panel; different units get stacked panels on one time axis, because putting
// µg/mL and µg·h/mL on one scale would flatten one of them.

import { isDark } from "../lib/palette.js";
import { prettyUnit, withUnit } from "./model-format.js";

const PANEL_GAP = 0.08;

function groupsByUnit(series) {
  const groups = new Map();
  for (const [name, s] of Object.entries(series)) {
    if (!groups.has(s.unit)) {
      groups.set(s.unit, []);
    }
    groups.get(s.unit).push({ name, ...s });
  }
  return [...groups.values()];
}

// Plotly's own log autorange cuts off low starting values (one CD8+ cell) and, left alone,
// would stretch to 10⁻⁹ as a population dies out; the range is set from the data instead.
function logRange(group, floor) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of group) {
    for (const v of s.values) {
      if (v !== null && v > floor) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  if (!(hi > 0)) {
    return {};
  }
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  const pad = Math.max((b - a) * 0.05, 0.1);
  return { range: [a - pad, b + pad], autorange: false };
}

function colours() {
  const dark = isDark();
  return dark ? { font: "#e2e4e9", grid: "rgba(226,228,233,0.15)" } : { font: "#333", grid: "#e5e5e5" };
}

/**
 * Plotly data and layout for a result, panels top to bottom in the model's series order.
 * `plot` is the model's drawing hints (its PLOT, from describe()): `log_units` lists units drawn
 * on a log axis (cell counts that span 1 to 10^9), `log_floor` the smallest value it shows.
 */
export function buildFigure(result, title, plot = {}) {
  const groups = groupsByUnit(result.series);
  const logUnits = new Set(plot?.log_units ?? []);
  const { font, grid } = colours();
  const panels = groups.length;
  const height = (1 - PANEL_GAP * (panels - 1)) / panels;
  // With several panels each one is named in its corner; the legend is kept only where a
  // panel holds more than one line and colour is what tells them apart.
  const legend = panels === 1 || groups.some((g) => g.length > 1);
  const data = [];
  const annotations = [];
  const layout = {
    title: { text: title, x: 0, xanchor: "left", font: { size: 15 } },
    height: 300 + 170 * (panels - 1),
    margin: { l: 72, r: 16, t: legend ? 72 : 48, b: 48 },
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { color: font },
    hovermode: "x unified",
    showlegend: legend,
    legend: { orientation: "h", x: 0, y: 1, yanchor: "bottom" },
    // Keeps a reader's zoom across parameter changes until they double-click to reset it.
    uirevision: result.model,
    annotations,
    xaxis: {
      title: { text: `${result.time.label} (${prettyUnit(result.time.unit)})` },
      anchor: panels === 1 ? "y" : `y${panels}`,
      gridcolor: grid,
    },
  };
  const time = result.time.values;
  groups.forEach((group, i) => {
    const suffix = i === 0 ? "" : String(i + 1);
    const top = 1 - i * (height + PANEL_GAP);
    const unit = group[0].unit;
    layout[`yaxis${suffix}`] = {
      title: { text: unit ? prettyUnit(unit) : "ratio", font: { size: 12 } },
      domain: [top - height, top],
      type: logUnits.has(unit) ? "log" : "linear",
      exponentformat: "power",
      anchor: "x",
      gridcolor: grid,
    };
    if (logUnits.has(unit)) {
      Object.assign(layout[`yaxis${suffix}`], logRange(group, plot?.log_floor ?? 0));
    }
    if (panels > 1) {
      const text = group.map((s) => s.label).join(", ");
      annotations.push({ text, showarrow: false, xref: "paper", yref: "paper", x: 0, y: top,
        xanchor: "left", yanchor: "bottom", font: { size: 12 } });
    }
    for (const s of group) {
      data.push({
        type: "scatter",
        mode: "lines",
        name: s.label,
        x: time,
        y: s.values,
        yaxis: `y${suffix}`,
        hovertemplate: `%{y:.3g}${unit ? ` ${prettyUnit(unit)}` : ""}<extra>${s.label}</extra>`,
      });
    }
  });
  return { data, layout };
}

// A text alternative for the chart, which screen readers cannot explore.
export function describeChart(result) {
  const names = Object.values(result.series).map((s) => s.label);
  const times = result.time.values;
  const span = withUnit(times[times.length - 1] ?? 0, result.time.unit);
  return `${names.join(", ")} over ${span}; the key numbers are listed below the chart.`;
}

export function fillSummary(list, summary) {
  const rows = [];
  for (const [name, item] of Object.entries(summary)) {
    const term = document.createElement("dt");
    term.textContent = item.label;
    const value = document.createElement("dd");
    value.textContent = withUnit(item.value, item.unit);
    value.dataset.summary = name;
    rows.push(term, value);
  }
  list.replaceChildren(...rows);
}

// Draws one throw-away chart of the widgets' kind (two panels, linear and log axes, legend)
// off-screen and removes it. V8 compiles plotly.js's drawing code on first use: measured on a
// 2-core machine, a page's first live chart drew in ~150 ms and the next in ~60 ms. Done while
// the reader reads, the first chart they meet (often on the next page: instant navigation keeps
// the compiled code) draws at the later speed.
export async function warmUpDrawing(Plotly) {
  const values = Array.from({ length: 60 }, (_, i) => i);
  const line = (label, unit, f) => ({ label, unit, values: values.map(f) });
  const result = {
    model: "warm-up",
    time: { label: "Time", unit: "d", values },
    series: {
      a: line("A", "10^6 cells", (t) => 1 + t),
      b: line("B", "10^6 cells", (t) => 2 + t / 2),
      c: line("C", "cells", (t) => 10 ** (t / 10)),
    },
  };
  const { data, layout } = buildFigure(result, "warm-up", { log_units: ["cells"] });
  const box = document.createElement("div");
  box.className = "eso-model__chart eso-model__chart--warm-up";
  box.setAttribute("aria-hidden", "true");
  document.body.append(box);
  try {
    await Plotly.react(box, data, layout, { displayModeBar: false, staticPlot: false });
  } finally {
    Plotly.purge(box);
    box.remove();
  }
  performance.mark("esoreview:drawing-warmed");
}
