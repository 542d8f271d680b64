// Tables of generated pages: a text filter above every table marked data-filterable (evidence
// and trial tables), and a phone layout for wide tables. Rows stay in the HTML, so readers
// without JavaScript see the whole table (scrolling sideways on a phone).

import { el, onPage } from "./lib/dom.js";

// Tables with at least this many columns are stacked on narrow screens (css/site.css):
// each row becomes a card and each cell is labelled with its column's header.
export const STACK_FROM_COLUMNS = 5;
const WIDE_TABLES = ".eso-table table, table.source-references";

let counter = 0;

function attachFilter(container) {
  const table = container.querySelector("table");
  if (!table || container.querySelector(".eso-filter")) return;
  counter += 1;
  const id = `eso-filter-${counter}`;
  const input = el("input", {
    type: "search",
    id,
    placeholder: "e.g. VEGF-C, ESCC, in vivo",
  });
  const status = el("span", { className: "eso-filter__status", "aria-live": "polite" });
  container.prepend(el("div", "eso-filter", el("label", { for: id }, "Filter rows"), input, status));

  const rows = Array.from(table.tBodies[0] ? table.tBodies[0].rows : []);
  input.addEventListener("input", () => {
    const terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const text = row.textContent.toLowerCase();
      const match = terms.every((term) => text.includes(term));
      row.hidden = !match;
      if (match) shown += 1;
    }
    status.textContent = terms.length ? `${shown} of ${rows.length} rows` : "";
  });
}

// Label every body cell with its column header (data-label), for the stacked layout.
export function labelCells(table) {
  const head = table.tHead && table.tHead.rows[0];
  if (!head || head.cells.length < STACK_FROM_COLUMNS) return false;
  const labels = Array.from(head.cells, (cell) => cell.textContent.trim());
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      Array.from(row.cells).forEach((cell, index) => {
        if (labels[index]) cell.setAttribute("data-label", labels[index]);
      });
    }
  }
  // An attribute, not a class: Material styles only tables without a class.
  table.setAttribute("data-stack", "");
  return true;
}

function setUp(root) {
  root.querySelectorAll(".eso-table[data-filterable]").forEach(attachFilter);
  root.querySelectorAll(WIDE_TABLES).forEach((table) => {
    if (!table.hasAttribute("data-stack")) labelCells(table);
  });
}

onPage(setUp);
