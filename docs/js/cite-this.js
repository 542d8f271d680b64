// Copy buttons for the "Cite this section" formats (details.cite-this pre). The <pre> blocks
// and download links work without JavaScript; this only adds one-click copying.
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Fallback for http:// previews, where the async clipboard API is unavailable.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  function attach(format) {
    var pre = format.querySelector("pre");
    var label = format.querySelector(".cite-this-label");
    if (!pre || !label || format.querySelector(".cite-this-copy")) return;
    var name = label.firstChild ? label.firstChild.textContent.trim() : "citation";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-this-copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy " + name);
    var status = document.createElement("span");
    status.className = "cite-this-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      copyText(pre.textContent).then(function () {
        status.textContent = name + " copied";
      }, function () {
        status.textContent = "Copy failed: select the text and copy it";
      });
    });
    label.appendChild(button);
    label.appendChild(status);
  }

  function init() {
    document.querySelectorAll("details.cite-this .cite-this-format").forEach(attach);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
