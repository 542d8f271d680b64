// A text filter above every table marked data-filterable (evidence and trial tables).
// Rows stay in the HTML, so readers without JavaScript see the whole table.
(function () {
  "use strict";
  var counter = 0;

  function attach(container) {
    var table = container.querySelector("table");
    if (!table || container.querySelector(".eso-filter")) return;
    counter += 1;
    var id = "eso-filter-" + counter;
    var wrap = document.createElement("div");
    wrap.className = "eso-filter";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = "Filter rows";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.placeholder = "e.g. VEGF-C, ESCC, in vivo";
    var status = document.createElement("span");
    status.className = "eso-filter__status";
    status.setAttribute("aria-live", "polite");
    wrap.appendChild(label);
    wrap.appendChild(input);
    wrap.appendChild(status);
    container.insertBefore(wrap, container.firstChild);

    var rows = Array.prototype.slice.call(table.tBodies[0] ? table.tBodies[0].rows : []);
    input.addEventListener("input", function () {
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var match = terms.every(function (t) { return text.indexOf(t) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = terms.length ? shown + " of " + rows.length + " rows" : "";
    });
  }

  function init() {
    document.querySelectorAll(".eso-table[data-filterable]").forEach(attach);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
