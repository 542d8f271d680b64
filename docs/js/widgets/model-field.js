// One labelled slider + number input of the kinetic-model form. The number input is
// authoritative: the slider only mirrors it, because a slider snaps to its step and would
// silently change published values such as 0.1181.

import { formatNumber, prettyUnit, roundSignificant, withUnit } from "./model-format.js";
import { sliderAxis } from "./model-specs.js";
import { el } from "../lib/dom.js";

let counter = 0;
export function uniqueId(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
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
  } else if (meta?.title) {
    // No authors in the record: name the work by its title, never by its BibTeX key.
    const title = meta.title.split(" (")[0];
    const short = title.length > 40 ? `${title.slice(0, 39).trimEnd()}…` : title;
    text = `${short}${meta.year ? ` ${meta.year}` : ""}`;
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

export function buildField(spec, sources, onEdit, currentValue) {
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
  const describedBy = [];
  if (spec.illustrative) {
    // Part of each input's description too, so screen-reader users hear the caveat.
    const badge = el("span", "eso-model__badge", "illustrative");
    badge.id = `${id}-badge`;
    describedBy.push(badge.id);
    row.append(badge);
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

