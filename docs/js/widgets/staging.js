// The AJCC staging calculator: a form whose every change is staged by esoreview.staging in
// Python (through the bridge) and shown with the explanation and the matched table row.
// Mounted on each <div class="eso-widget" data-widget="staging" data-spec="{...}">; the form's
// choices, labels and defaults come from Python (esoreview.widgets.staging.form_spec) in
// data-spec, so no vocabulary and no stage logic lives here. The worker starts only when a
// calculator comes near the viewport.

import { call, onProgress, warmup } from "../esoreview-bridge.js";
import { el, mountWhenVisible, onPage, readSpec, whenIdle } from "../lib/dom.js";
import { plainMessage } from "./messages.js";

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

function field(prefix, name, control, label) {
  const wrap = el("div", { className: "eso-field" });
  const id = `${prefix}-${name}`;
  // Announced through the result region; linked here so it is read again on focus.
  const error = el("p", { className: "eso-field__error", id: `${id}-error` });
  control.id = id;
  control.name = name;
  control.setAttribute("aria-describedby", error.id);
  wrap.append(el("label", { for: id }, label), control, error);
  return { wrap, control, error };
}

function select(choices, selected) {
  const control = el("select");
  for (const [value, label] of choices) {
    const option = el("option", { value }, label);
    option.selected = value === selected;
    control.append(option);
  }
  return control;
}

function nodeModeToggle(prefix, modes) {
  const fieldset = el("fieldset", { className: "eso-field eso-field--choice" });
  fieldset.append(el("legend", {}, "Nodal status given as"));
  const radios = {};
  for (const [value, label] of modes) {
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
  constructor(root, spec) {
    instances += 1;
    this.root = root;
    this.spec = spec;
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
    const { choices, labels, defaults } = this.spec;
    const selectField = (name) =>
      field(this.prefix, name, select(choices[name], defaults[name]), labels[name]);
    this.fields = {};
    for (const name of ["edition", "histology", "classification", "t"]) {
      this.fields[name] = selectField(name);
      fields.append(this.fields[name].wrap);
    }
    const toggle = nodeModeToggle(this.prefix, this.spec.node_modes);
    this.radios = toggle.radios;
    fields.append(toggle.fieldset);
    this.fields.n = selectField("n");
    const count = el("input", { type: "text", inputmode: "numeric", autocomplete: "off" });
    count.value = defaults.positive_nodes;
    this.fields.positive_nodes = field(this.prefix, "positive_nodes", count, labels.positive_nodes);
    this.fields.positive_nodes.wrap.hidden = true;
    fields.append(this.fields.n.wrap, this.fields.positive_nodes.wrap);
    for (const name of ["m", "grade", "location"]) {
      this.fields[name] = selectField(name);
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
      this.showProgress();
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
    this.stopProgress?.();
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

  // While Python starts, the result area shows each start-up step and a progress bar.
  showProgress() {
    this.stopProgress?.();
    const bar = el("progress", { className: "eso-progress", "aria-label": "Starting Python" });
    const text = el("p", { className: "eso-staging__pending" }, "Starting Python in your browser…");
    this.result.replaceChildren(text, bar);
    this.stopProgress = onProgress((update) => {
      if (update.done || !this.root.isConnected) {
        this.stopProgress?.();
      } else {
        text.textContent = update.message;
      }
    });
  }

  showMessage(text, className) {
    this.result.replaceChildren(el("p", { className }, text));
  }

  showError(error) {
    this.clearFieldErrors();
    this.highlight(null); // the highlighted row belonged to the previous, valid input
    const target = this.fields[error.field];
    const message = plainMessage(error);
    if (target) {
      target.control.setAttribute("aria-invalid", "true");
      target.error.textContent = message;
      const label = this.spec.labels[error.field];
      this.showMessage(`Check ${label}: ${message}`, "eso-staging__error");
    } else {
      this.showMessage(message, "eso-staging__error");
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
      const message = plainMessage(error);
      this.tableBox.replaceChildren(el("p", { className: "eso-staging__error" }, message));
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

function isFormSpec(spec) {
  return Boolean(spec.choices && spec.labels && spec.defaults && spec.node_modes);
}

function mount(root) {
  if (root.dataset.mounted) {
    return;
  }
  root.dataset.mounted = "true";
  const spec = readSpec(root, isFormSpec);
  if (!spec) {
    // A page built without esoreview.widgets.staging.widget_html(): say so rather than guess.
    root.replaceChildren(
      el("p", { className: "eso-staging__error" }, "This calculator could not be set up (its form description is missing)."),
    );
    return;
  }
  const calculator = new StagingCalculator(root, spec);
  // Python (about 13 MB on a first visit) is fetched only for a calculator the reader reaches.
  mountWhenVisible(root, () => {
    warmup();
    calculator.update();
  });
}

onPage(() => {
  const hosts = document.querySelectorAll('.eso-widget[data-widget="staging"]');
  hosts.forEach(mount);
  if (hosts.length) {
    // Python starts while the reader reads, so the calculator answers at once when reached.
    whenIdle(warmup);
  }
});
