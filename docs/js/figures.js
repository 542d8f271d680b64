// Render each figure the notebooks embedded as JSON (<script type="application/json">) when it
// nears the viewport.
// Figures are drawn by the one self-hosted plotly.js; no inline script is needed, so the
// Content-Security-Policy stays strict. Each figure is drawn for the reader's palette and
// for its own width: on a phone (narrow figure) legends go below the plot, long tick labels
// and titles wrap or are shortened (the full text stays in the hover), and diagrams with
// labelled nodes keep a readable width inside a sideways-scrolling frame.

import { mountWhenVisible, onPage } from "./lib/dom.js";
import { isDark, onPaletteChange } from "./lib/palette.js";

// Below this figure width (px) the phone layout applies.
export const NARROW_PX = 600;
// Diagrams whose nodes carry text labels are never drawn narrower than this: the frame
// scrolls sideways instead, so the labels do not pile on top of each other.
const DIAGRAM_MIN_PX = 640;
// Average width of one character of the figure font (px per font-size px), to fit text.
const CHAR_EM = 0.55;

const THEMES = {
  light: { font: "#1f2328", grid: "#e4e7ec", line: "#8b929c", hoverBg: "#ffffff" },
  dark: { font: "#e2e4e9", grid: "#353a47", line: "#8b929c", hoverBg: "#2b2f3a" },
};

// Split text (which may hold <br>) into lines of at most `max` characters, at spaces.
export function wrapText(text, max) {
  const out = [];
  for (const paragraph of String(text).split(/<br\s*\/?>/i)) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && plainLength(line) + 1 + plainLength(word) > max) {
        out.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    out.push(line);
  }
  return out.join("<br>");
}

function plainLength(text) {
  return text.replace(/<[^>]*>/g, "").length;
}

// A one-line tick label of at most `max` characters, cut with an ellipsis (rows are one
// line apart, so a wrapped label would run into its neighbour); bold headings stay bold.
export function shortLabel(label, max) {
  const bold = /^<b>(.*)<\/b>$/.exec(String(label));
  let text = (bold ? bold[1] : String(label)).replace(/<[^>]*>/g, "");
  if (text.length > max) {
    text = `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
  }
  return bold ? `<b>${text}</b>` : text;
}

function axisKeys(layout) {
  const keys = Object.keys(layout).filter((key) => /^[xy]axis\d*$/.test(key));
  for (const key of ["xaxis", "yaxis"]) {
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

function titleOf(value) {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? { text: value } : { ...value };
}

// Category values a trace puts on an axis ("x" or "y"), in first-seen order.
function categories(data, letter) {
  const seen = new Set();
  for (const trace of data) {
    // Numeric columns may arrive as plotly's typed-array objects ({dtype, bdata}): no categories.
    const values = Array.isArray(trace[letter]) ? trace[letter] : [];
    for (const value of values) {
      if (typeof value === "string") seen.add(value);
    }
  }
  return [...seen];
}

function hasNodeLabels(data) {
  return data.some((trace) => typeof trace.mode === "string" && trace.mode.includes("text"));
}

// The layout for the palette: transparent backgrounds, readable text, grid and axis lines.
function themed(layout, theme) {
  const out = {
    ...layout,
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { ...(layout.font || {}), color: theme.font },
    legend: { bgcolor: "rgba(0,0,0,0)", ...(layout.legend || {}) },
    hoverlabel: {
      bgcolor: theme.hoverBg,
      bordercolor: theme.line,
      align: "left",
      ...(layout.hoverlabel || {}),
      font: { color: theme.font, ...((layout.hoverlabel || {}).font || {}) },
    },
  };
  for (const key of axisKeys(layout)) {
    const axis = { ...(layout[key] || {}) };
    axis.gridcolor = theme.grid;
    axis.zerolinecolor = theme.grid;
    axis.linecolor = theme.line;
    axis.automargin = true;
    if (axis.minor) axis.minor = { ...axis.minor, gridcolor: theme.grid };
    out[key] = axis;
  }
  return out;
}

// The phone layout: smaller type, legend below, wrapped titles, short tick labels.
function narrowed(data, layout, width) {
  const fontSize = 11;
  // Titles are centred on the plot area (about half the figure beside long tick labels) and
  // set larger than the ticks; tick labels may take a little under half the width.
  const perLine = Math.max(16, Math.floor(width / 13));
  const labelChars = Math.max(10, Math.floor((width * 0.45) / (fontSize * CHAR_EM)));
  const out = {
    ...layout,
    font: { ...(layout.font || {}), size: fontSize },
    margin: { ...(layout.margin || {}), l: 4, r: 4 },
    legend: {
      ...(layout.legend || {}),
      orientation: "h",
      x: 0,
      xanchor: "left",
      y: 0,
      yref: "container",
      yanchor: "bottom",
      font: { ...((layout.legend || {}).font || {}), size: 10 },
    },
    hoverlabel: { ...(layout.hoverlabel || {}), font: { ...((layout.hoverlabel || {}).font || {}), size: 11 } },
  };
  const title = titleOf(layout.title);
  if (title && title.text) out.title = { ...title, text: wrapText(title.text, perLine) };
  for (const key of axisKeys(layout)) {
    const axis = { ...(layout[key] || {}) };
    const axisTitle = titleOf(axis.title);
    if (axisTitle && axisTitle.text) axis.title = { ...axisTitle, text: wrapText(axisTitle.text, perLine) };
    const letter = key[0];
    if (Array.isArray(axis.ticktext)) {
      axis.ticktext = axis.ticktext.map((label) => shortLabel(label, labelChars));
    } else if (!axis.tickvals && axis.type !== "log" && axis.type !== "linear") {
      const values = categories(data, letter);
      const limit = letter === "y" ? labelChars : 12;
      if (values.some((value) => value.length > limit)) {
        axis.tickmode = "array";
        axis.tickvals = values;
        axis.ticktext = values.map((value) =>
          letter === "y" ? shortLabel(value, limit) : wrapText(value, limit),
        );
      }
    }
    if (letter === "x") {
      // Horizontal labels; thinned ticks rather than labels turned on their side.
      axis.tickangle = axis.tickangle ?? 0;
      if (!axis.tickvals) axis.nticks = Math.min(axis.nticks || 6, 6);
    }
    out[key] = axis;
  }
  const legendChars = Math.max(16, Math.floor(width / (10 * CHAR_EM)) - 8);
  const traces = data.map((trace) =>
    typeof trace.name === "string" && trace.name.length > legendChars
      ? { ...trace, name: wrapText(trace.name, legendChars) }
      : trace,
  );
  return { data: traces, layout: out };
}

function readSpec(figure) {
  const block = figure.querySelector("script.eso-figure-data");
  if (!block) return null;
  return JSON.parse(block.textContent);
}

function draw(figure) {
  const target = figure.querySelector(".eso-plot");
  if (!target || typeof window.Plotly === "undefined") return;
  let spec;
  try {
    spec = readSpec(figure);
  } catch {
    target.textContent = "This figure's data could not be read.";
    return;
  }
  if (!spec) return;
  let data = spec.data || [];
  let layout = spec.layout || {};
  const available = figure.clientWidth;
  const diagram = hasNodeLabels(data);
  // A labelled diagram keeps its width and scrolls sideways inside its own frame.
  const pan = diagram && available > 0 && available < DIAGRAM_MIN_PX;
  figure.classList.toggle("eso-figure--pan", pan);
  target.style.minWidth = pan ? `${DIAGRAM_MIN_PX}px` : "";
  const width = pan ? DIAGRAM_MIN_PX : available;
  const narrow = !pan && width > 0 && width < NARROW_PX;
  if (narrow || pan) ({ data, layout } = narrowed(data, layout, width));
  layout = themed(layout, THEMES[isDark() ? "dark" : "light"]);
  figure.dataset.layout = narrow ? "narrow" : pan ? "pan" : "wide";
  window.Plotly.react(target, data, layout, { responsive: true, displaylogo: false });
  figure.setAttribute("data-rendered", "true");
  if (!target.hasAttribute("data-click-bound") && typeof target.on === "function") {
    // A point whose customdata is "#fragment" links to that element (e.g. a network arrow
    // to its claim's row, where the citations are); redraws reuse the same listener.
    target.setAttribute("data-click-bound", "true");
    target.on("plotly_click", (event) => {
      const point = event && event.points && event.points[0];
      const link = point && point.customdata;
      if (typeof link === "string" && link.startsWith("#") && document.getElementById(link.slice(1))) {
        window.location.hash = link;
      }
    });
  }
}

function figures() {
  return document.querySelectorAll("figure.eso-figure");
}

// Every figure now (printing, tests); drawn ones are redrawn.
export function drawAll() {
  figures().forEach(draw);
}

// A figure is drawn when it comes within this distance of the viewport: a page with many
// figures no longer blocks the reader (and the widgets' first result) while plotly draws
// figures far below. Each figure's placeholder keeps its height, so nothing moves.
const NEAR = "1000px 0px";

function drawWhenNear(figure) {
  if (figure.dataset.rendered || figure.dataset.drawPending) {
    return;
  }
  figure.dataset.drawPending = "true";
  mountWhenVisible(
    figure,
    () => {
      delete figure.dataset.drawPending;
      draw(figure);
    },
    { rootMargin: NEAR },
  );
}

function redrawDrawn() {
  figures().forEach((figure) => figure.dataset.rendered && draw(figure));
}

// Redraw a figure only when its width crosses into another layout (plotly's own responsive
// mode rescales within one layout).
function layoutFor(figure) {
  const width = figure.clientWidth;
  const spec = figure.querySelector("script.eso-figure-data");
  if (!width || !spec) return figure.dataset.layout;
  if (width < DIAGRAM_MIN_PX && /"mode":"[^"]*text/.test(spec.textContent)) return "pan";
  return width < NARROW_PX ? "narrow" : "wide";
}

let resizeTimer = null;
window.addEventListener("resize", () => {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => {
    figures().forEach((figure) => {
      if (figure.dataset.rendered && layoutFor(figure) !== figure.dataset.layout) draw(figure);
    });
  }, 150);
});

onPage(() => figures().forEach(drawWhenNear));
onPaletteChange(redrawDrawn);
window.addEventListener("beforeprint", drawAll);
window.esoreviewFigures = { drawAll };
