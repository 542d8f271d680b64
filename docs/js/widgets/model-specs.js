// Field specifications for the kinetic-model form, derived from esoreview.kinetics.api.describe():
// one shape for parameters, initial conditions and the time span, so one field builder serves all.

import { roundSignificant } from "./model-format.js";

// 10^floor(log10(x)): a round slider step for initial conditions, which carry no step.
function roundStep(x) {
  return 10 ** Math.floor(Math.log10(x));
}

// Sliders over ranges spanning decades move in log10(value), else one notch would jump from
// 1e-9 to 1e-6 and the small values could not be reached.
export function sliderAxis(spec) {
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

export function paramSpec(p) {
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

export function initialSpec(ic) {
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

export function timeSpec(option) {
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

