// Old section anchors keep working: when the URL's #hash names no element on this page but
// the page's alias map (<script type="application/json" id="anchor-aliases">, written from
// redirects.json) knows it, go to the new id, on this page or another.
(function () {
  "use strict";

  function aliases() {
    var data = document.getElementById("anchor-aliases");
    if (!data) return {};
    try { return JSON.parse(data.textContent) || {}; } catch (e) { return {}; }
  }

  function currentId() {
    var hash = window.location.hash.slice(1);
    try { return decodeURIComponent(hash); } catch (e) { return hash; }
  }

  function follow() {
    var id = currentId();
    if (!id || document.getElementById(id)) return;
    var target = aliases()[id];
    if (typeof target !== "string") return;
    if (target.charAt(0) === "#") {
      // replaceState: the old hash should not stay in history as a dead entry.
      history.replaceState(null, "", target);
      var el = document.getElementById(decodeURIComponent(target.slice(1)));
      if (el) el.scrollIntoView();
    } else {
      window.location.replace(target);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", follow);
  else follow();
  window.addEventListener("hashchange", follow);
})();
