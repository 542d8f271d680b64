// The controls of one kinetic model, built from esoreview.kinetics.api.describe() output so a
// new parameter, preset or model needs no JavaScript change.

import { el } from "../lib/dom.js";
import { buildField } from "./model-field.js";
import { initialSpec, paramSpec, timeSpec } from "./model-specs.js";

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
  const makeField = (spec) => buildField(spec, sources, edited, currentValue);
  const params = description.parameters.map((p) => makeField(paramSpec(p)));
  const initial = description.initial.map((ic) => makeField(initialSpec(ic)));
  const time = makeField(timeSpec(description.options.t_end));
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
    button.type = "button";
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
  return { presets: bar, element: form, read, showFieldError };
}
