// Glossary terms: the build wraps every term of data/glossary.csv in <abbr title="...">.
// Here each one becomes focusable and shows its explanation on hover, keyboard focus and tap
// (a title alone shows only on a slow mouse hover, never on focus or touch). Without
// JavaScript the title still works. Text goes in with textContent only.
const TIP_ID = "eso-gloss-tip";
const HIDE_DELAY_MS = 150;
let tip = null;
let current = null;
let hideTimer = 0;

// The tooltip exists only while it is shown, so a page never carries a hidden, empty tooltip.
function ensureTip() {
  if (tip && tip.isConnected) return tip;
  tip = document.createElement("div");
  tip.id = TIP_ID;
  tip.className = "eso-gloss-tip";
  tip.setAttribute("role", "tooltip");
  tip.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  tip.addEventListener("mouseleave", scheduleHide);
  document.body.append(tip);
  return tip;
}

function prepare(root) {
  for (const abbr of root.querySelectorAll(".md-content abbr[title]")) {
    // The explanation moves into the shared tooltip: no second, native tooltip on hover.
    abbr.dataset.gloss = abbr.title;
    abbr.removeAttribute("title");
    abbr.tabIndex = 0;
  }
}

function show(abbr) {
  clearTimeout(hideTimer);
  const box = ensureTip();
  if (current && current !== abbr) current.removeAttribute("aria-describedby");
  current = abbr;
  abbr.setAttribute("aria-describedby", TIP_ID);
  box.textContent = "";
  const term = document.createElement("strong");
  term.textContent = abbr.textContent;
  box.append(term, ": ", abbr.dataset.gloss);
  const rect = abbr.getBoundingClientRect();
  const width = box.offsetWidth;
  const left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
  box.style.left = `${left + window.scrollX}px`;
  box.style.top = `${rect.bottom + window.scrollY + 6}px`;
}

function hide() {
  clearTimeout(hideTimer);
  tip?.remove();
  tip = null;
  current?.removeAttribute("aria-describedby");
  current = null;
}

function scheduleHide() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(hide, HIDE_DELAY_MS);
}

const termOf = (event) => event.target instanceof Element && event.target.closest("abbr[data-gloss]");

document.addEventListener("mouseover", (event) => {
  const abbr = termOf(event);
  if (abbr) show(abbr);
});
document.addEventListener("mouseout", (event) => {
  const abbr = termOf(event);
  if (abbr && abbr !== document.activeElement) scheduleHide();
});
document.addEventListener("focusin", (event) => {
  const abbr = termOf(event);
  if (abbr) show(abbr);
});
document.addEventListener("focusout", (event) => {
  if (termOf(event)) scheduleHide();
});
// A tap focuses the term (shown above); a tap elsewhere, or Escape, closes the tooltip.
document.addEventListener("click", (event) => {
  const abbr = termOf(event);
  if (abbr) show(abbr);
  else if (current && !(event.target instanceof Element && event.target.closest(`#${TIP_ID}`))) hide();
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && current) hide();
});

// Material's document$ emits on every page load (and on instant navigation, if enabled).
if (window.document$) window.document$.subscribe(() => prepare(document));
else prepare(document);
