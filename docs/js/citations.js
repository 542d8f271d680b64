// Hover / focus preview of numbered citations (a.citation-ref with data-ref-* attributes).
// Without JavaScript the link still jumps to the reference list and its title shows the
// reference. The popup is built with DOM APIs and textContent only: reference text comes
// from BibTeX and is never parsed as HTML.
(function () {
  "use strict";
  var POPUP_ID = "citation-popup";
  var HIDE_DELAY_MS = 200;
  var popup = null;
  var current = null;
  var hideTimer = null;

  function ensurePopup() {
    if (popup) return popup;
    popup = document.createElement("div");
    popup.id = POPUP_ID;
    popup.className = "citation-popup";
    popup.setAttribute("role", "tooltip");
    popup.hidden = true;
    popup.addEventListener("mouseenter", cancelHide);
    popup.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(popup);
    return popup;
  }

  function line(className, text) {
    var el = document.createElement("span");
    el.className = className;
    el.textContent = text;
    return el;
  }

  function externalLink(className, href, text) {
    var a = document.createElement("a");
    a.className = className;
    a.href = href;
    a.textContent = text;
    a.rel = "noopener";
    return a;
  }

  function fill(link) {
    var d = link.dataset;
    var box = ensurePopup();
    while (box.firstChild) box.removeChild(box.firstChild);
    if (d.refTitle) {
      if (d.refAuthors) box.appendChild(line("citation-popup__authors", d.refAuthors));
      box.appendChild(line("citation-popup__title", d.refTitle));
      var where = [d.refContainer, d.refYear].filter(Boolean).join(", ");
      if (where) box.appendChild(line("citation-popup__source", where));
    } else {
      box.appendChild(line("citation-popup__title", d.refText || ""));
    }
    if (d.refDoi || d.refPmid) {
      var ids = document.createElement("span");
      ids.className = "citation-popup__ids";
      if (d.refDoi) {
        ids.appendChild(externalLink("citation-popup__doi",
          "https://doi.org/" + encodeURI(d.refDoi), "doi:" + d.refDoi));
      }
      if (d.refPmid) {
        ids.appendChild(externalLink("citation-popup__pmid",
          "https://pubmed.ncbi.nlm.nih.gov/" + encodeURIComponent(d.refPmid) + "/",
          "PMID: " + d.refPmid));
      }
      box.appendChild(ids);
    }
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var box = popup;
    var width = box.offsetWidth;
    var left = rect.left + window.scrollX;
    var maxLeft = window.scrollX + document.documentElement.clientWidth - width - 8;
    box.style.left = Math.max(window.scrollX + 8, Math.min(left, maxLeft)) + "px";
    var below = rect.bottom + window.scrollY + 6;
    var fitsBelow = rect.bottom + box.offsetHeight + 12 < window.innerHeight;
    box.style.top = (fitsBelow ? below : rect.top + window.scrollY - box.offsetHeight - 6) + "px";
  }

  // The native title tooltip would double the popup; keep its text for the fallback line.
  function adoptTitle(link) {
    if (link.hasAttribute("title")) {
      link.dataset.refText = link.getAttribute("title");
      link.removeAttribute("title");
    }
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

  document.addEventListener("mouseover", function (event) {
    var link = citationLink(event.target);
    if (link) show(link);
  });
  document.addEventListener("mouseout", function (event) {
    var link = citationLink(event.target);
    if (link && !link.contains(event.relatedTarget)) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var link = citationLink(event.target);
    if (link) show(link);
    else if (current && !(popup && popup.contains(event.target))) hide();
  });
  document.addEventListener("focusout", function (event) {
    if (citationLink(event.target) && !(popup && popup.contains(event.relatedTarget))) {
      scheduleHide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && current) hide();
  });
})();
