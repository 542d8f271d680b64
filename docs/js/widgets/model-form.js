// The controls of one kinetic model, built from esoreview.kinetics.api.describe() output so a
// new parameter, preset or model needs no JavaScript change. Each field is a labelled slider
// plus number input; the number input is authoritative (the slider only mirrors it, because a
// slider snaps to its step and would silently change published values such as 0.1181).

import { formatNumber, prettyUnit, roundSignificant, withUnit } from "./model-format.js";

let counter = 0;
export function uniqueId(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

// 10^floor(log10(x)): a round slider step for initial conditions, which carry no step.
function roundStep(x) {
  return 10 ** Math.floor(Math.log10(x));
}

// Sliders over ranges spanning decades move in log10(value), else one notch would jump from
// 1e-9 to 1e-6 and the small values could not be reached.
function sliderAxis(spec) {
  if (spec.scale === "log") {
    const lo = Math.log10(spec.sliderMin);
    const hi = Math.log10(spec.hi);
    return {
      min: lo,
      max: hi,
      step: (hi - lo) / 200,
      toSlider: (v) => Math.log10(Math.min(Math.max(v, spec.sliderMin), spec.hi)),
      fromSlider: (s) => Math.min(Math.max(roundSignificant(10 ** s), spec.sliderMin), spec.hi),
    };
  }
  return {
    min: spec.lo,
    max: spec.hi,
    step: spec.step,
    toSlider: (v) => v,
    fromSlider: (s) => roundSignificant(s, 6),
  };
}

function paramSpec(p) {
  return {
    kind: "param",
    name: p.name,
    label: p.label,
    unit: p.unit,
    default: p.default,
    lo: p.min,
    hi: p.max,
    loOpen: false,
    scale: p.scale,
    sliderMin: p.min,
    step: p.step > 0 ? p.step : (p.max - p.min) / 100,
    illustrative: Boolean(p.illustrative),
    citation: p.citation_key,
    note: p.note,
  };
}

function initialSpec(ic) {
  // describe() gives no scale for initial conditions: cell counts up to 1e7+ need a log slider,
  // which starts at one cell (or the minimum) because log10(0) does not exist.
  const log = ic.max > 1e4;
  return {
    kind: "initial",
    name: ic.name,
    label: ic.label,
    unit: ic.unit,
    default: ic.default,
    lo: ic.min,
    hi: ic.max,
    loOpen: false,
    scale: log ? "log" : "linear",
    sliderMin: log ? Math.max(ic.min, 1) : ic.min,
    step: roundStep((ic.max - ic.min) / 1000),
    illustrative: false,
    citation: null,
    note: ic.note,
    nullable: ic.default === null,
  };
}

function timeSpec(option) {
  return {
    kind: "option",
    name: "t_end",
    label: "Time span",
    unit: option.unit,
    default: option.default,
    lo: 0,
    hi: option.max,
    loOpen: true, // the API needs t_end > 0
    scale: "log",
    sliderMin: option.max / 1000,
    illustrative: false,
    citation: null,
    note: "",
  };
}

// "Kuznetsov et al. 1994" from describe()'s source metadata, linked to the page's reference
// list entry when the page cites the work.
function sourceNote(key, sources) {
  const meta = sources?.[key];
  const wrap = el("span", "eso-model__source", "Source: ");
  let text = key;
  if (meta?.authors) {
    // "de Pillis LG, Radunskaya AE" -> "de Pillis et al.": drop the initials, keep particles.
    const names = meta.authors.split(",");
    const etAl = names.length > 1 || / et al\.?$/.test(names[0]);
    const words = names[0].replace(/ et al\.?$/, "").trim().split(" ");
    const surname = words.length > 1 && /^[A-Z]{1,3}$/.test(words.at(-1)) ? words.slice(0, -1) : words;
    text = `${surname.join(" ")}${etAl ? " et al." : ""}${meta.year ? ` ${meta.year}` : ""}`;
  }
  if (document.getElementById(`ref-${key}`)) {
    const link = el("a", "", text);
    link.href = `#ref-${key}`;
    wrap.append(link);
  } else {
    wrap.append(text);
  }
  return wrap;
}

function rangeMessage(spec) {
  const hi = withUnit(spec.hi, spec.unit);
  return spec.loOpen
    ? `Enter a number above ${formatNumber(spec.lo)} and at most ${hi}.`
    : `Enter a number from ${formatNumber(spec.lo)} to ${hi}.`;
}

function buildField(spec, sources, onEdit, currentValue) {
  const id = uniqueId(`eso-${spec.name}`);
  const row = el("div", "eso-model__field");
  row.dataset.field = spec.name;

  const label = el("label", "eso-model__label", spec.label);
  label.htmlFor = `${id}-number`;
  label.id = `${id}-label`;
  if (spec.unit) {
    label.append(" ", el("span", "eso-model__unit", `(${prettyUnit(spec.unit)})`));
  }
  row.append(label);
  if (spec.illustrative) {
    row.append(el("span", "eso-model__badge", "illustrative"));
  }

  const axis = sliderAxis(spec);
  const slider = el("input", "eso-model__slider");
  Object.assign(slider, { type: "range", id: `${id}-slider`, min: axis.min, max: axis.max });
  slider.step = String(axis.step);
  slider.setAttribute("aria-labelledby", label.id);
  const number = el("input", "eso-model__number");
  Object.assign(number, { type: "number", id: `${id}-number`, min: spec.lo, max: spec.hi });
  number.step = spec.scale === "log" ? "any" : String(spec.step);
  number.inputMode = "decimal";

  const describedBy = [];
  const help = el("p", "eso-model__help");
  help.id = `${id}-help`;
  if (spec.illustrative && !spec.note) {
    help.append("Illustrative value with no published source.");
  } else if (spec.citation) {
    help.append(sourceNote(spec.citation, sources), ". ");
  }
  if (spec.note) {
    help.append(spec.note);
  }
  const message = el("p", "eso-model__message");
  message.id = `${id}-message`;
  message.setAttribute("aria-live", "polite");
  if (help.childNodes.length) {
    describedBy.push(help.id);
  }
  describedBy.push(message.id);
  for (const input of [slider, number]) {
    input.setAttribute("aria-describedby", describedBy.join(" "));
  }

  let useDefault = null;
  const controls = el("div", "eso-model__controls");
  controls.append(slider, number);
  row.append(controls);
  if (spec.nullable) {
    // A null default is derived by the model (e.g. a steady state): the reader opts out of it.
    const box = el("label", "eso-model__auto");
    useDefault = el("input");
    useDefault.type = "checkbox";
    box.append(useDefault, " Use the model's default");
    row.append(box);
  }
  if (help.childNodes.length) {
    row.append(help);
  }
  row.append(message);

  const field = {
    spec,
    row,
    slider,
    number,
    // The value to send, null for "model's default", or NaN when the entry is not valid.
    value() {
      if (useDefault?.checked) {
        return null;
      }
      const text = number.value.trim();
      const v = text === "" ? NaN : Number(text);
      const inRange = spec.loOpen ? v > spec.lo : v >= spec.lo;
      return Number.isFinite(v) && inRange && v <= spec.hi ? v : NaN;
    },
    set(v) {
      const auto = v === null;
      if (useDefault) {
        useDefault.checked = auto;
      }
      slider.disabled = auto;
      number.disabled = auto;
      const shown = auto ? (spec.lo > 0 ? spec.lo : spec.sliderMin) : v;
      number.value = auto ? "" : String(v);
      slider.value = String(axis.toSlider(shown));
      slider.setAttribute("aria-valuetext", auto ? "model default" : withUnit(v, spec.unit));
      field.showError("");
    },
    showError(text) {
      message.textContent = text;
      number.setAttribute("aria-invalid", text ? "true" : "false");
      row.classList.toggle("eso-model__field--invalid", Boolean(text));
    },
  };

  slider.addEventListener("input", () => {
    const v = axis.fromSlider(Number(slider.value));
    number.value = String(v);
    slider.setAttribute("aria-valuetext", withUnit(v, spec.unit));
    field.showError("");
    onEdit();
  });
  number.addEventListener("input", () => {
    const v = field.value();
    if (Number.isNaN(v)) {
      field.showError(rangeMessage(spec));
    } else {
      field.showError("");
      slider.value = String(axis.toSlider(v));
      slider.setAttribute("aria-valuetext", withUnit(v, spec.unit));
    }
    onEdit();
  });
  useDefault?.addEventListener("change", () => {
    // Opting out starts from the value the model itself used, so the chart does not jump.
    const current = useDefault.checked ? null : currentValue(spec.name);
    const start = Number.isFinite(current) ? roundSignificant(current, 6) : spec.lo;
    field.set(useDefault.checked ? null : Math.min(Math.max(start, spec.lo), spec.hi));
    onEdit();
  });
  return field;
}

function fieldset(legend, fields) {
  const box = el("fieldset", "eso-model__group");
  box.append(el("legend", "", legend), ...fields.map((f) => f.row));
  return box;
}

/**
 * Build the form for one model. `onEdit()` runs after every change to a field, `onPreset(name)`
 * after a preset or the reset button filled the form, `currentValue(name)` gives the value the
 * last run used for a derived initial condition. Returns the scenario button bar, the form of
 * fields and `read()` -> {params, initial, t_end}, or null while any entry is invalid.
 */
export function buildForm(description, { onEdit, onPreset, currentValue }) {
  const sources = description.source;
  const field = (spec) => buildField(spec, sources, edited, currentValue);
  const params = description.parameters.map((p) => field(paramSpec(p)));
  const initial = description.initial.map((ic) => field(initialSpec(ic)));
  const time = field(timeSpec(description.options.t_end));
  const all = [...params, ...initial, time];

  const form = el("form", "eso-model__form");
  form.noValidate = true;
  form.addEventListener("submit", (event) => event.preventDefault());

  const bar = el("div", "eso-model__presets");
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", "Scenarios");
  const presetButtons = [];
  for (const [name, preset] of Object.entries(description.presets)) {
    const button = el("button", "eso-model__preset", preset.label);
    Object.assign(button, { type: "button" });
    button.dataset.preset = name;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", () => applyPreset(name));
    presetButtons.push(button);
    bar.append(button);
  }
  const reset = el("button", "eso-model__reset", "Reset to defaults");
  reset.type = "button";
  reset.addEventListener("click", () => applyPreset(null));
  bar.append(reset);
  form.append(fieldset("Model parameters", params));
  if (initial.length) {
    form.append(fieldset("Initial conditions", initial));
  }
  form.append(fieldset("Simulation", [time]));

  function markPreset(name) {
    for (const button of presetButtons) {
      button.setAttribute("aria-pressed", String(button.dataset.preset === name));
    }
  }

  // A preset is the defaults overlaid with the preset's values, shown in the fields so the
  // reader sees exactly what the scenario changes.
  function applyPreset(name) {
    const preset = name ? description.presets[name] : { params: {}, initial: {} };
    for (const field of all) {
      const source = field.spec.kind === "param" ? preset.params : preset.initial;
      const v = source?.[field.spec.name];
      field.set(v === undefined ? field.spec.default : v);
    }
    markPreset(name);
    onPreset(name);
  }

  function edited() {
    markPreset(null);
    onEdit();
  }

  function read() {
    const values = { params: {}, initial: {}, t_end: null };
    for (const field of all) {
      const v = field.value();
      if (Number.isNaN(v)) {
        return null;
      }
      if (field.spec.kind === "param") {
        values.params[field.spec.name] = v;
      } else if (field.spec.kind === "initial" && v !== null) {
        values.initial[field.spec.name] = v;
      } else if (field.spec.kind === "option") {
        values.t_end = v;
      }
    }
    return values;
  }

  // The model named a field in its error: show the message there too.
  function showFieldError(name, text) {
    const field = all.find((f) => f.spec.name === name);
    field?.showError(text);
    return Boolean(field);
  }

  for (const field of all) {
    field.set(field.spec.default);
  }
  return { presets: bar, element: form, read, showFieldError, applyPreset };
}
