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
    if (!target.hasAttribute("data-click-bound") && typeof target.on === "function") {
      // A point whose customdata is "#fragment" links to that element (e.g. a network arrow
      // to its claim's row, where the citations are); redraws reuse the same listener.
      target.setAttribute("data-click-bound", "true");
      target.on("plotly_click", function (event) {
        var point = event && event.points && event.points[0];
        var link = point && point.customdata;
        if (typeof link === "string" && link.charAt(0) === "#" && document.getElementById(link.slice(1))) {
          window.location.hash = link;
        }
      });
    }
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
