// Preview of numbered citations (a.citation-ref with data-ref-* attributes) on hover, keyboard
// focus and tap. Without JavaScript the link still jumps to the reference list and its title
// shows the reference. The popup is built with DOM APIs and textContent only: reference text
// comes from BibTeX and is never parsed as HTML.
//
// On a touch screen the first tap on a citation opens its popup (the page stays where it is);
// a second tap on the same citation follows the link to the reference list, and a tap
// anywhere else closes the popup.

import { el } from "./lib/dom.js";

const POPUP_ID = "citation-popup";
const HIDE_DELAY_MS = 200;
let popup = null;
let current = null;
let hideTimer = null;
// The citation a touch began on, and whether its popup was already open at that moment.
let touch = null;

function ensurePopup() {
  // Instant navigation replaces the body's content: make a new popup if the old one went.
  if (popup && popup.isConnected) return popup;
  popup = el("div", { id: POPUP_ID, className: "citation-popup", role: "tooltip" });
  popup.hidden = true;
  popup.addEventListener("mouseenter", cancelHide);
  popup.addEventListener("mouseleave", scheduleHide);
  document.body.append(popup);
  return popup;
}

function line(className, text) {
  return el("span", className, text);
}

function externalLink(className, href, text) {
  return el("a", { className, href, rel: "noopener" }, text);
}

function fill(link) {
  const d = link.dataset;
  const box = ensurePopup();
  box.replaceChildren();
  if (d.refTitle) {
    if (d.refAuthors) box.append(line("citation-popup__authors", d.refAuthors));
    box.append(line("citation-popup__title", d.refTitle));
    const where = [d.refContainer, d.refYear].filter(Boolean).join(", ");
    if (where) box.append(line("citation-popup__source", where));
  } else {
    box.append(line("citation-popup__title", d.refText || ""));
  }
  if (d.refDoi || d.refPmid) {
    const ids = el("span", "citation-popup__ids");
    if (d.refDoi) {
      ids.append(
        externalLink("citation-popup__doi", `https://doi.org/${encodeURI(d.refDoi)}`, `doi:${d.refDoi}`),
      );
    }
    if (d.refPmid) {
      ids.append(
        externalLink(
          "citation-popup__pmid",
          `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(d.refPmid)}/`,
          `PMID: ${d.refPmid}`,
        ),
      );
    }
    box.append(ids);
  }
}

function place(link) {
  const rect = link.getBoundingClientRect();
  const box = popup;
  const width = box.offsetWidth;
  const left = rect.left + window.scrollX;
  const maxLeft = window.scrollX + document.documentElement.clientWidth - width - 8;
  box.style.left = `${Math.max(window.scrollX + 8, Math.min(left, maxLeft))}px`;
  const below = rect.bottom + window.scrollY + 6;
  const fitsBelow = rect.bottom + box.offsetHeight + 12 < window.innerHeight;
  box.style.top = `${fitsBelow ? below : rect.top + window.scrollY - box.offsetHeight - 6}px`;
}

// The native title tooltip would double the popup; keep its text for the fallback line.
function adoptTitle(link) {
  if (link.hasAttribute("title")) {
    link.dataset.refText = link.getAttribute("title");
    link.removeAttribute("title");
  }
}

function isOpenFor(link) {
  return current === link && popup !== null && !popup.hidden;
}

function show(link) {
  cancelHide();
  if (current && current !== link) current.removeAttribute("aria-describedby");
  adoptTitle(link);
  fill(link);
  current = link;
  link.setAttribute("aria-describedby", POPUP_ID);
  popup.hidden = false;
  place(link);
}

function hide() {
  cancelHide();
  if (popup) popup.hidden = true;
  if (current) current.removeAttribute("aria-describedby");
  current = null;
}

function scheduleHide() {
  cancelHide();
  hideTimer = window.setTimeout(hide, HIDE_DELAY_MS);
}

function cancelHide() {
  if (hideTimer !== null) window.clearTimeout(hideTimer);
  hideTimer = null;
}

function citationLink(target) {
  return target && target.closest ? target.closest("a.citation-ref") : null;
}

function inPopup(target) {
  return popup !== null && target instanceof Node && popup.contains(target);
}

// Listeners sit on the document, which survives instant navigation: registered once, they
// serve every page; a page change hides any open popup.
document.addEventListener("pointerdown", (event) => {
  if (event.pointerType === "mouse") return;
  const link = citationLink(event.target);
  touch = link ? { link, wasOpen: isOpenFor(link) } : null;
  if (!link && !inPopup(event.target) && current) hide();
});
document.addEventListener("click", (event) => {
  const link = citationLink(event.target);
  if (!link || !touch || touch.link !== link) return;
  const { wasOpen } = touch;
  touch = null;
  if (!wasOpen) {
    event.preventDefault(); // first tap: preview; a second tap follows the link
    show(link);
  }
});
document.addEventListener("mouseover", (event) => {
  const link = citationLink(event.target);
  if (link) show(link);
});
document.addEventListener("mouseout", (event) => {
  const link = citationLink(event.target);
  // A tap fires mouse events too; the popup it opened stays until the next tap elsewhere.
  if (link && !link.contains(event.relatedTarget) && !touch) scheduleHide();
});
document.addEventListener("focusin", (event) => {
  const link = citationLink(event.target);
  if (link) show(link);
  else if (current && !inPopup(event.target)) hide();
});
document.addEventListener("focusout", (event) => {
  if (citationLink(event.target) && !inPopup(event.relatedTarget) && !touch) scheduleHide();
});
document.addEventListener("keydown", (event) => {
  if ((event.key === "Escape" || event.key === "Esc") && current) hide();
});
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => hide());
}
