// The AJCC staging calculator: a form whose every change is staged by esoreview.staging in
// Python (through the bridge) and shown with the explanation and the matched table row.
// Mounted on each <div class="eso-widget" data-widget="staging">; no stage logic lives here.
// The worker starts only when a calculator scrolls into view.

import { call, warmup } from "../esoreview-bridge.js";

// The vocabularies offered by the form: [value sent to Python, label shown]. They mirror
// esoreview.staging.categories (a browser test compares them) and only add reader-facing labels.
export const CHOICES = {
  edition: [
    ["8", "8th edition (AJCC/UICC)"],
    ["7", "7th edition (for comparison)"],
  ],
  histology: [
    ["squamous", "Squamous cell carcinoma"],
    ["adenocarcinoma", "Adenocarcinoma"],
  ],
  classification: [
    ["clinical", "Clinical (cTNM)"],
    ["pathological", "Pathological (pTNM)"],
    ["postneoadjuvant", "After neoadjuvant therapy (ypTNM)"],
  ],
  t: ["TX", "T0", "Tis", "T1", "T1a", "T1b", "T2", "T3", "T4", "T4a", "T4b"].map((v) => [v, v]),
  n: ["NX", "N0", "N1", "N2", "N3"].map((v) => [v, v]),
  m: ["M0", "M1"].map((v) => [v, v]),
  grade: [
    ["G1", "G1"],
    ["G2", "G2"],
    ["G3", "G3"],
    ["GX", "GX (not assessed)"],
  ],
  location: [
    ["upper", "Upper"],
    ["middle", "Middle"],
    ["lower", "Lower"],
    ["X", "Not known (X)"],
  ],
};

const LABELS = {
  edition: "Edition",
  histology: "Histology",
  classification: "Classification",
  t: "T category",
  n: "N category",
  positive_nodes: "Positive regional nodes",
  m: "M category",
  grade: "Grade",
  location: "Tumour location (epicentre)",
};

const DEFAULTS = {
  edition: "8",
  histology: "squamous",
  classification: "pathological",
  t: "T1a",
  n: "N0",
  positive_nodes: "0",
  m: "M0",
  grade: "G1",
  location: "lower",
};

// Rule columns in print order; grade and location appear only in tables that use them.
const RULE_COLUMNS = [
  ["T", "T"],
  ["N", "N"],
  ["M", "M"],
  ["G", "Grade"],
  ["L", "Location"],
];
const DEBOUNCE_MS = 200;

let instances = 0;

function el(tag, props = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "className") {
      node.className = value;
    } else {
      node.setAttribute(key, value);
    }
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function field(prefix, name, control) {
  const wrap = el("div", { className: "eso-field" });
  const id = `${prefix}-${name}`;
  // Announced through the result region; linked here so it is read again on focus.
  const error = el("p", { className: "eso-field__error", id: `${id}-error` });
  control.id = id;
  control.name = name;
  control.setAttribute("aria-describedby", error.id);
  wrap.append(el("label", { for: id }, LABELS[name]), control, error);
  return { wrap, control, error };
}

function select(name) {
  const control = el("select");
  for (const [value, label] of CHOICES[name]) {
    const option = el("option", { value }, label);
    option.selected = value === DEFAULTS[name];
    control.append(option);
  }
  return control;
}

function nodeModeToggle(prefix) {
  const fieldset = el("fieldset", { className: "eso-field eso-field--choice" });
  fieldset.append(el("legend", {}, "Nodal status given as"));
  const radios = {};
  for (const [value, label] of [
    ["category", "N category"],
    ["count", "Number of positive nodes"],
  ]) {
    const id = `${prefix}-nodes-${value}`;
    const radio = el("input", { type: "radio", name: `${prefix}-nodes`, id, value });
    radio.checked = value === "category";
    radios[value] = radio;
    const option = el("span", { className: "eso-field__option" });
    option.append(radio, el("label", { for: id }, label));
    fieldset.append(option);
  }
  return { fieldset, radios };
}

function ruleText(rule, key) {
  return key in rule ? rule[key].join(", ") : "any";
}

function buildTable(table, legend) {
  const columns = RULE_COLUMNS.filter(([key]) => table.rules.some((rule) => key in rule));
  const node = el("table", { className: "eso-stage-table" });
  node.append(el("caption", {}, table.title));
  const head = el("tr");
  head.append(el("th", { scope: "col" }, "Row"));
  for (const [, label] of columns) {
    head.append(el("th", { scope: "col" }, label));
  }
  head.append(el("th", { scope: "col" }, "Stage group"), el("th", { scope: "col" }, "Evidence"));
  node.appendChild(el("thead")).append(head);
  const body = node.appendChild(el("tbody"));
  table.rules.forEach((rule, index) => {
    const row = el("tr", { "data-row": String(index) });
    row.append(el("th", { scope: "row" }, String(index + 1)));
    for (const [key] of columns) {
      row.append(el("td", {}, ruleText(rule, key)));
    }
    const outcome = el("td");
    if ("stage" in rule) {
      outcome.textContent = rule.stage;
    } else {
      outcome.append(el("span", { className: "eso-stage-table__none" }, "none: "), rule.undefined);
    }
    row.append(outcome);
    const evidence = rule.evidence ? `${rule.evidence} (${(rule.sources ?? []).join(", ")})` : "";
    row.append(el("td", { title: legend[rule.evidence] ?? "" }, evidence));
    body.append(row);
  });
  return node;
}

class StagingCalculator {
  constructor(root) {
    instances += 1;
    this.root = root;
    this.prefix = `eso-staging-${instances}`;
    this.sequence = 0;
    this.tables = new Map(); // edition -> Promise of the tables data
    this.shownTable = null;
    this.timer = null;
    this.build();
  }

  build() {
    const form = el("form", { className: "eso-staging", "aria-label": "Staging calculator" });
    form.noValidate = true;
    const fields = el("div", { className: "eso-staging__fields" });
    this.fields = {};
    for (const name of ["edition", "histology", "classification", "t"]) {
      this.fields[name] = field(this.prefix, name, select(name));
      fields.append(this.fields[name].wrap);
    }
    const toggle = nodeModeToggle(this.prefix);
    this.radios = toggle.radios;
    fields.append(toggle.fieldset);
    this.fields.n = field(this.prefix, "n", select("n"));
    const count = el("input", { type: "text", inputmode: "numeric", autocomplete: "off" });
    count.value = DEFAULTS.positive_nodes;
    this.fields.positive_nodes = field(this.prefix, "positive_nodes", count);
    this.fields.positive_nodes.wrap.hidden = true;
    fields.append(this.fields.n.wrap, this.fields.positive_nodes.wrap);
    for (const name of ["m", "grade", "location"]) {
      this.fields[name] = field(this.prefix, name, select(name));
      fields.append(this.fields[name].wrap);
    }

    this.result = el("div", { className: "eso-staging__result", role: "status" });
    this.result.setAttribute("aria-live", "polite");
    this.result.append(el("p", {}, "The calculator starts when it scrolls into view."));
    // Focusable so keyboard users can scroll it; a labelled group so that focus is announced.
    this.tableBox = el("div", {
      className: "eso-staging__table",
      tabindex: "0",
      role: "group",
      "aria-label": "Rows of the stage-group table in use",
    });
    form.append(fields, this.result, this.tableBox);

    form.addEventListener("input", () => this.schedule());
    form.addEventListener("change", () => this.schedule());
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.update();
    });
    this.root.replaceChildren(form);
    this.form = form;
  }

  schedule() {
    const byCount = this.radios.count.checked;
    this.fields.n.wrap.hidden = byCount;
    this.fields.positive_nodes.wrap.hidden = !byCount;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), DEBOUNCE_MS);
  }

  kwargs() {
    const value = (name) => this.fields[name].control.value;
    const kwargs = {
      edition: Number(value("edition")),
      histology: value("histology"),
      classification: value("classification"),
      t: value("t"),
      m: value("m"),
      grade: value("grade"),
      location: value("location"),
    };
    if (this.radios.count.checked) {
      // Numbers go to Python as numbers, anything else verbatim, so Python judges and words
      // every rejection (negative, fractional, not a number).
      const raw = value("positive_nodes").trim();
      const number = Number(raw);
      kwargs.positive_nodes = raw !== "" && Number.isFinite(number) ? number : raw;
    } else {
      kwargs.n = value("n");
    }
    return kwargs;
  }

  async update() {
    clearTimeout(this.timer);
    const sequence = ++this.sequence;
    const kwargs = this.kwargs();
    if (!this.started) {
      this.showMessage("Starting Python in your browser…", "eso-staging__pending");
    }
    let result;
    try {
      result = await call("staging", "stage", kwargs);
    } catch (error) {
      if (sequence === this.sequence) {
        this.showError(error);
      }
      return;
    }
    if (!this.started) {
      this.started = true;
      // Real-user timing of the slowest moment, read by benchmarks/widgets.py.
      performance.mark("esoreview:staging:first-result");
    }
    if (sequence !== this.sequence) {
      return; // a newer input has been sent; its answer will be drawn instead
    }
    this.clearFieldErrors();
    this.showResult(result);
    await this.showTable(result);
  }

  clearFieldErrors() {
    for (const { control, error } of Object.values(this.fields)) {
      control.removeAttribute("aria-invalid");
      error.textContent = "";
    }
  }

  showMessage(text, className) {
    this.result.replaceChildren(el("p", { className }, text));
  }

  showError(error) {
    this.clearFieldErrors();
    this.highlight(null); // the highlighted row belonged to the previous, valid input
    const target = this.fields[error.field];
    if (target) {
      target.control.setAttribute("aria-invalid", "true");
      target.error.textContent = error.message;
      this.showMessage(`Check ${LABELS[error.field]}: ${error.message}`, "eso-staging__error");
    } else {
      this.showMessage(error.message, "eso-staging__error");
    }
  }

  showResult(result) {
    const group = el("p", { className: "eso-staging__group" });
    const defined = result.group !== null;
    if (defined) {
      group.append("Stage group ", el("strong", {}, result.group));
    } else {
      group.append(el("strong", {}, "No stage group"));
    }
    const parts = [group, el("p", { className: "eso-staging__description" }, result.description)];
    if (!defined && result.reason && !result.description.includes(result.reason)) {
      parts.push(el("p", { className: "eso-staging__reason" }, result.reason));
    }
    this.result.replaceChildren(...parts);
  }

  tablesFor(edition) {
    if (!this.tables.has(edition)) {
      const request = call("staging", "tables", { edition });
      request.catch(() => this.tables.delete(edition)); // let a later call retry
      this.tables.set(edition, request);
    }
    return this.tables.get(edition);
  }

  async showTable(result) {
    let data;
    try {
      data = await this.tablesFor(result.edition);
    } catch (error) {
      this.tableBox.replaceChildren(el("p", { className: "eso-staging__error" }, error.message));
      this.shownTable = null;
      return;
    }
    const key = `${result.edition}/${result.table.id}`;
    if (this.shownTable !== key) {
      const table = data.tables.find((candidate) => candidate.id === result.table.id);
      this.tableBox.replaceChildren(buildTable(table, data.status_legend ?? {}));
      this.shownTable = key;
    }
    this.highlight(result.row ? result.row.index : null);
  }

  highlight(index) {
    for (const row of this.tableBox.querySelectorAll("tr[aria-current]")) {
      row.removeAttribute("aria-current");
    }
    const matched =
      index === null ? null : this.tableBox.querySelector(`tr[data-row="${index}"]`);
    if (matched) {
      matched.setAttribute("aria-current", "true");
      // Scroll the table box only, never the page the reader is on.
      const box = this.tableBox;
      const top = matched.offsetTop - box.clientHeight / 2 + matched.clientHeight / 2;
      box.scrollTop = Math.max(0, top);
    }
  }
}

function mount(root) {
  if (root.dataset.mounted) {
    return;
  }
  root.dataset.mounted = "true";
  const calculator = new StagingCalculator(root);
  // Python (about 13 MB on a first visit) is fetched only for a calculator the reader reaches.
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        warmup();
        calculator.update();
      }
    },
    { rootMargin: "200px" },
  );
  observer.observe(root);
}

document.querySelectorAll('.eso-widget[data-widget="staging"]').forEach(mount);
