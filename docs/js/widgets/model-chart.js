// Turns a kinetics.api.run() result into a Plotly figure and a summary <dl>. Series sharing a
// unit share a panel; different units get stacked panels on one time axis, because putting
// µg/mL and µg·h/mL on one scale would flatten one of them.

import { withUnit } from "./model-format.js";

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

function axisTitle(group) {
  if (group.length === 1) {
    const s = group[0];
    return s.unit ? `${s.label} (${s.unit})` : s.label;
  }
  return group[0].unit || "relative value";
}

function colours() {
  const dark = document.body?.getAttribute("data-md-color-scheme") === "slate";
  return dark ? { font: "#e2e4e9", grid: "rgba(226,228,233,0.15)" } : { font: "#333", grid: "#e5e5e5" };
}

/**
 * Plotly data and layout for a result. `hooks.logUnits` lists units drawn on a log axis (cell
 * counts that span 1 to 10^9); `title` is the model's title from describe().
 */
export function buildFigure(result, title, hooks = {}) {
  const groups = groupsByUnit(result.series);
  const logUnits = new Set(hooks.logUnits ?? []);
  const { font, grid } = colours();
  const height = (1 - PANEL_GAP * (groups.length - 1)) / groups.length;
  const data = [];
  const layout = {
    title: { text: title, x: 0, xanchor: "left", font: { size: 15 } },
    height: 300 + 170 * (groups.length - 1),
    margin: { l: 72, r: 16, t: 72, b: 48 },
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { color: font },
    hovermode: "x unified",
    legend: { orientation: "h", x: 0, y: 1, yanchor: "bottom" },
    // Keeps a reader's zoom across parameter changes until they double-click to reset it.
    uirevision: result.model,
    xaxis: {
      title: { text: `${result.time.label} (${result.time.unit})` },
      anchor: "y",
      gridcolor: grid,
    },
  };
  const time = result.time.values;
  groups.forEach((group, i) => {
    // Panel 0 sits at the bottom, next to the shared time axis.
    const axis = i === 0 ? "yaxis" : `yaxis${i + 1}`;
    const bottom = i * (height + PANEL_GAP);
    layout[axis] = {
      title: { text: axisTitle(group), font: { size: 12 } },
      domain: [bottom, bottom + height],
      type: logUnits.has(group[0].unit) ? "log" : "linear",
      exponentformat: "power",
      anchor: "x",
      gridcolor: grid,
    };
    for (const s of group) {
      data.push({
        type: "scatter",
        mode: "lines",
        name: s.label,
        x: time,
        y: s.values,
        yaxis: i === 0 ? "y" : `y${i + 1}`,
        hovertemplate: `%{y:.3g}${s.unit ? ` ${s.unit}` : ""}<extra>${s.label}</extra>`,
      });
    }
  });
  return { data, layout };
}

// A text alternative for the chart, which screen readers cannot explore.
export function describeChart(result, title) {
  const names = Object.values(result.series).map((s) => s.label.toLowerCase());
  const times = result.time.values;
  const span = withUnit(times[times.length - 1] ?? 0, result.time.unit);
  return `${title}: ${names.join(", ")} over ${span}. Key numbers are listed below the chart.`;
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
