// Number formatting shared by the kinetic-model widget's form, chart and summary.

const SUPERSCRIPT = {
  "-": "\u207b",
  0: "\u2070",
  1: "\u00b9",
  2: "\u00b2",
  3: "\u00b3",
  4: "\u2074",
  5: "\u2075",
  6: "\u2076",
  7: "\u2077",
  8: "\u2078",
  9: "\u2079",
};

const toSuperscript = (digits) =>
  digits
    .split("")
    .map((c) => SUPERSCRIPT[c])
    .join("");

const PLAIN = new Intl.NumberFormat("en", { maximumSignificantDigits: 3 });

// Three significant digits; very large or small values as "2.28 × 10⁶" rather than "2.28e+6",
// which readers misread.
export function formatNumber(value) {
  if (value === null || value === undefined) {
    return "not defined";
  }
  if (typeof value !== "number") {
    return String(value);
  }
  const size = Math.abs(value);
  if (size === 0 || (size >= 1e-3 && size < 1e6)) {
    return PLAIN.format(value);
  }
  const [mantissa, exponent] = value.toExponential(2).split("e");
  return `${Number(mantissa)} \u00d7 10${toSuperscript(String(Number(exponent)))}`;
}

// Units arrive as plain text ("10^6 cells"); show powers as superscripts ("10⁶ cells").
export function prettyUnit(unit) {
  return (unit ?? "").replace(/\^(-?\d+)/g, (_, digits) => toSuperscript(digits));
}

export function withUnit(value, unit) {
  const text = formatNumber(value);
  return unit && typeof value === "number" ? `${text} ${prettyUnit(unit)}` : text;
}

// Round to `digits` significant digits so slider-made values read cleanly (0.000123, not
// 0.00012302687708123812).
export function roundSignificant(value, digits = 3) {
  return value === 0 ? 0 : Number(value.toPrecision(digits));
}
