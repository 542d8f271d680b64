// Render every figure the notebooks embedded as JSON (<script type="application/json">).
// Figures are drawn by the one self-hosted plotly.js, loaded in <head> only on pages that
// have a figure; no inline script is needed, so the Content-Security-Policy stays strict.
(function () {
  "use strict";

  function palette() {
    var dark = document.body && document.body.getAttribute("data-md-color-scheme") === "slate";
    return dark
      ? { paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", font: { color: "#e2e4e9" } }
      : { paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)" };
  }

  function draw(figure) {
    var target = figure.querySelector(".eso-plot");
    var data = figure.querySelector("script.eso-figure-data");
    if (!target || !data || typeof window.Plotly === "undefined") return;
    var spec;
    try {
      spec = JSON.parse(data.textContent);
    } catch (err) {
      target.textContent = "This figure's data could not be read.";
      return;
    }
    var layout = Object.assign({}, spec.layout || {}, palette());
    var config = { responsive: true, displaylogo: false };
    window.Plotly.react(target, spec.data || [], layout, config);
    figure.setAttribute("data-rendered", "true");
  }

  function drawAll() {
    document.querySelectorAll("figure.eso-figure").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
  // Redraw with matching colours when the reader switches light/dark palette.
  new MutationObserver(drawAll).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  });
  window.esoreviewFigures = { drawAll: drawAll };
})();
